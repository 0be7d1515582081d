/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/util/DescribableList.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
}
