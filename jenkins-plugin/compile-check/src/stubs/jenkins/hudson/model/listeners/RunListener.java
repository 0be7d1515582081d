/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/model/listeners/RunListener.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;

public abstract class RunListener<R extends Run> implements ExtensionPoint {
    protected RunListener() {
        throw new UnsupportedOperationException("stub");
    }

    public void onFinalized(R r) {
        throw new UnsupportedOperationException("stub");
    }
}
