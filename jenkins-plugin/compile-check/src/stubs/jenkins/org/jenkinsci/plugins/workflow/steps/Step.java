/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-step-api:704.ve4f0967e98fa_,
 * jenkinsci/workflow-step-api-plugin tag 704.ve4f0967e98fa_ (commit e4f0967e98fa5dc6a96873aff343147b488b5623),
 * src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;
}
