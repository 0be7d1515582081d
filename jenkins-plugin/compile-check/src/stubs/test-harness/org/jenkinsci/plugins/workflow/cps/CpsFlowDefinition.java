/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-cps:4151.v5406e29e3c90 (BOM 5043.v855ff4819a_0f),
 * jenkinsci/workflow-cps-plugin tag 4151.v5406e29e3c90 (commit 5406e29e3c90829fd2981a6ed9077f4827220ba6),
 * plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsFlowDefinition.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsFlowDefinition extends FlowDefinition {
    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException("stub");
    }
}
