package io.jenkins.plugins.jiraaccess.masking;

import hudson.Extension;
import hudson.ExtensionList;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

/**
 * Masks the {@code jiraAuth} binding's secrets in Pipeline output with core's masker, as {@code withJiraAuth} masks
 * its own: credentials-binding gives a binding no way to add a log filter of its own (its {@code SecretPatternFactory}
 * is {@code @Restricted(NoExternalUse.class)}), so the binding registers its masks here ({@link BoundMasks}) and this
 * factory hands them to every step log of that build opened while they are in force.
 *
 * <p>How Pipeline applies it (workflow-api 1373.v7b_813f10efa_b_, log/TaskListenerDecorator.java; workflow-support
 * 968.v8f17397e87b_8, DefaultStepContext.getListener and actions/LogStorageAction.listenerFor): each step's log is
 * opened once, when the step first asks for its {@code TaskListener}, through {@code TaskListenerDecorator.apply},
 * which asks every {@code Factory} for a decorator of the build. A step inside the block starts after the binding
 * bound, so its log gets a {@link MaskingDecorator} holding the masks; this factory's decorator is outside the
 * block's own filters ({@code isAppliedBeforeMainDecorator} false), so it sees the step's output first, and
 * credentials-binding's filter then finds nothing left. The decorated listener is serializable with its decorators:
 * {@code sh} on an agent (workflow-durable-task-step 1434.v1b_595c29ddd7, DurableTaskStep.HandlerImpl) sends it
 * there, and the decorator masks the output on the agent.
 */
@Extension
public final class JiraAuthMasking implements TaskListenerDecorator.Factory {
    private final BoundMasks bound = new BoundMasks();

    /** The masks in force in the running Jenkins (this extension is a singleton per Jenkins instance). */
    public static BoundMasks bound() {
        return ExtensionList.lookupSingleton(JiraAuthMasking.class).bound;
    }

    @Override
    public TaskListenerDecorator of(FlowExecutionOwner owner) {
        if (bound.isEmpty()) {
            // asked for every step of every build: nothing to look up unless some binding is in force
            return null;
        }
        return bound.of(owner.getExternalizableId()).map(MaskingDecorator::new).orElse(null);
    }
}
