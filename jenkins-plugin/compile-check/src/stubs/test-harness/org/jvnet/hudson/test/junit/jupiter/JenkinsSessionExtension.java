/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-test-harness:2573.vd91b_8a_43e019 (the version plugin parent 6.2211 pins),
 * jenkinsci/jenkins-test-harness tag 2573.vd91b_8a_43e019 (commit d91b8a43e019bb2cb037b273f63ffdec50a0d60c),
 * src/main/java/org/jvnet/hudson/test/junit/jupiter/JenkinsSessionExtension.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jvnet.hudson.test.junit.jupiter;

import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

public class JenkinsSessionExtension {
    public interface Step extends JenkinsSessionFixture.Step {}

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stub");
    }
}
