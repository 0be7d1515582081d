/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_ (BOM 5043.v855ff4819a_0f),
 * jenkinsci/workflow-api-plugin tag 1373.v7b_813f10efa_b_ (commit 7b813f10efab5b81fd2e8211114e3b10ea26d96a),
 * src/main/java/org/jenkinsci/plugins/workflow/log/TaskListenerDecorator.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.workflow.log;

import hudson.ExtensionPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

public abstract class TaskListenerDecorator implements /* TODO Remotable */ Serializable {
    public abstract OutputStream decorate(OutputStream logger) throws IOException, InterruptedException;

    public interface Factory extends ExtensionPoint {
        TaskListenerDecorator of(FlowExecutionOwner owner);
    }
}
