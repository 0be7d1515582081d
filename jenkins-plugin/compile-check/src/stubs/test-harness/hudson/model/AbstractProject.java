/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/model/AbstractProject.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package hudson.model;

import java.io.IOException;
import jenkins.model.ParameterizedJobMixIn;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> implements BuildableItem, ParameterizedJobMixIn.ParameterizedJob<P, R> {
    public void setAssignedLabel(Label l) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
