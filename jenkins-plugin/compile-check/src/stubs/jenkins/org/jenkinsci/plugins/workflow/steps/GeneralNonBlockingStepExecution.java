/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-step-api:704.ve4f0967e98fa_,
 * jenkinsci/workflow-step-api-plugin tag 704.ve4f0967e98fa_ (commit e4f0967e98fa5dc6a96873aff343147b488b5623),
 * src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.steps;

public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        throw new UnsupportedOperationException("stub");
    }
}
