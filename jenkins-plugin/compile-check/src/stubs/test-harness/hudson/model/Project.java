/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/model/Project.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package hudson.model;

import hudson.tasks.BuildWrapper;
import hudson.tasks.Builder;
import hudson.util.DescribableList;

public abstract class Project<P extends Project<P, B>, B extends Build<P, B>>
    extends AbstractProject<P, B> {
    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException("stub");
    }

    public DescribableList<BuildWrapper, Descriptor<BuildWrapper>> getBuildWrappersList() {
        throw new UnsupportedOperationException("stub");
    }
}
