/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/jenkins/security/QueueItemAuthenticatorConfiguration.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package jenkins.security;

import hudson.util.DescribableList;

public class QueueItemAuthenticatorConfiguration {
    public DescribableList<QueueItemAuthenticator, QueueItemAuthenticatorDescriptor> getAuthenticators() {
        throw new UnsupportedOperationException("stub");
    }

    public static QueueItemAuthenticatorConfiguration get() {
        throw new UnsupportedOperationException("stub");
    }
}
