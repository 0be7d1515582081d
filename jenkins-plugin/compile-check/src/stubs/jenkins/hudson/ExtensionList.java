/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/ExtensionList.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson;

import java.util.AbstractList;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }
}
