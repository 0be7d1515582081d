/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-job:1540.v295eccc9778f (BOM 5043.v855ff4819a_0f),
 * jenkinsci/workflow-job-plugin tag 1540.v295eccc9778f (commit 295eccc9778f3dc1fedadb4597ba57baf8cc82d1),
 * src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Job;
import hudson.model.TopLevelItem;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public final class WorkflowJob extends Job<WorkflowJob,WorkflowRun> implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem {
    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("stub");
    }
}
