/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-step-api:704.ve4f0967e98fa_,
 * jenkinsci/workflow-step-api-plugin tag 704.ve4f0967e98fa_ (commit e4f0967e98fa5dc6a96873aff343147b488b5623),
 * src/main/java/org/jenkinsci/plugins/workflow/steps/FailureHandler.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

@FunctionalInterface
public interface FailureHandler extends Serializable {
    Throwable handle(StepContext ctx, Throwable t);

    static FailureHandler merge(FailureHandler original, FailureHandler subsequent) {
        throw new UnsupportedOperationException("stub");
    }
}
