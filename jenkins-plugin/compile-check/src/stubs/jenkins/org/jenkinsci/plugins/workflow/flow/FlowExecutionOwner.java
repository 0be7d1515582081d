/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_ (BOM 5043.v855ff4819a_0f),
 * jenkinsci/workflow-api-plugin tag 1373.v7b_813f10efa_b_ (commit 7b813f10efab5b81fd2e8211114e3b10ea26d96a),
 * src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecutionOwner.java.
 * Only the members the plugin and its tests use; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.Serializable;

public abstract class FlowExecutionOwner implements Serializable {
    public String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }

    public interface Executable extends Queue.Executable {
    }
}
