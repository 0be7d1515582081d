/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-test-harness:2573.vd91b_8a_43e019 (the version plugin parent 6.2211 pins),
 * jenkinsci/jenkins-test-harness tag 2573.vd91b_8a_43e019 (commit d91b8a43e019bb2cb037b273f63ffdec50a0d60c),
 * src/main/java/org/jvnet/hudson/test/MockQueueItemAuthenticator.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jvnet.hudson.test;

import jenkins.security.QueueItemAuthenticator;
import org.springframework.security.core.Authentication;

public final class MockQueueItemAuthenticator extends QueueItemAuthenticator {
    public MockQueueItemAuthenticator() {
        throw new UnsupportedOperationException("stub");
    }

    public MockQueueItemAuthenticator authenticate(String jobFullName, Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }
}
