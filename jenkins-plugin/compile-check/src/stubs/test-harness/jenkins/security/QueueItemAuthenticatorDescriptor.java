/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/jenkins/security/QueueItemAuthenticatorDescriptor.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package jenkins.security;

import hudson.model.Descriptor;

public abstract class QueueItemAuthenticatorDescriptor extends Descriptor<QueueItemAuthenticator> {
}
