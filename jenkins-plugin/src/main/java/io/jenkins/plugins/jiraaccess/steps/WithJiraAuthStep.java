package io.jenkins.plugins.jiraaccess.steps;

import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jiraaccess.core.binding.BlockLifetime;
import io.jiraaccess.core.binding.JiraBinding;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.util.Set;

/**
 * {@code withJiraAuth(credentialsId: 'x') { ... }}: exposes {@code JIRA_URL}, {@code JIRA_AUTH_HEADER} and, for
 * Bearer kinds, {@code JIRA_TOKEN} to the block, masked in every form core lists, with a token that outlives it.
 */
public class WithJiraAuthStep extends Step {
    private final String credentialsId;
    private int minTokenValidity;

    @DataBoundConstructor
    public WithJiraAuthStep(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Minutes the block may run; the token handed out must be valid that long (default 30, at most 55). */
    public int getMinTokenValidity() {
        return minTokenValidity;
    }

    @DataBoundSetter
    public void setMinTokenValidity(int minTokenValidity) {
        this.minTokenValidity = minTokenValidity;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, credentialsId, minTokenValidity);
    }

    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;

        private final String credentialsId;
        private final int minTokenValidity;

        Execution(StepContext context, String credentialsId, int minTokenValidity) {
            super(context);
            this.credentialsId = credentialsId;
            this.minTokenValidity = minTokenValidity;
        }

        @Override
        public boolean start() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            CredentialUse use = CredentialUse.open(credentialsId, run, context.get(Computer.class), "withJiraAuth");
            JiraBinding binding = use.bind(BlockLifetime.required(minTokenValidity));
            context.get(TaskListener.class).getLogger().println("withJiraAuth: " + credentialsId + " bound as "
                    + String.join(", ", binding.allValues().keySet()) + " (secret values masked)");
            context.newBodyInvoker()
                    .withContexts(
                            EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new JiraEnvironment(binding)),
                            BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                                    new MaskingConsoleLogFilter(binding.masks())))
                    .withCallback(new Done())
                    .start();
            return false;
        }
    }

    /** Nothing to undo when the block ends: the variables live only in the block's environment. */
    static final class Done extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) {
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "withJiraAuth";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Bind a Jira credential to JIRA_URL, JIRA_AUTH_HEADER and JIRA_TOKEN";
        }
    }
}
