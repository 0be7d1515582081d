/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-job:1540.v295eccc9778f (BOM 5043.v855ff4819a_0f),
 * jenkinsci/workflow-job-plugin tag 1540.v295eccc9778f (commit 295eccc9778f3dc1fedadb4597ba57baf8cc82d1),
 * src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Run;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

public final class WorkflowRun extends Run<WorkflowJob,WorkflowRun> implements FlowExecutionOwner.Executable {
    @Override public void run() {
        throw new UnsupportedOperationException("stub");
    }
}
