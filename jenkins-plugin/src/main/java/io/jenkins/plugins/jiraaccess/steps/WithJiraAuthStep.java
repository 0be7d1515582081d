package io.jenkins.plugins.jiraaccess.steps;

import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.masking.BlockMasks;
import io.jenkins.plugins.jiraaccess.masking.CredentialsBindingPatterns;
import io.jiraaccess.core.binding.BlockLifetime;
import io.jiraaccess.core.binding.JiraBinding;
import io.jiraaccess.core.binding.MaskedThrowables;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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

    /**
     * Binding may look credentials up, walk folders, fetch an OAuth token and write {@code credentials.xml}: none of
     * which may happen on the CPS VM thread. So, as credentials-binding's {@code BindingStep} (696), {@link #start}
     * only hands the work to {@link GeneralNonBlockingStepExecution#run}, which runs it on a pool thread and starts
     * the body from there.
     */
    static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 2L;

        private final String credentialsId;
        private final int minTokenValidity;

        Execution(StepContext context, String credentialsId, int minTokenValidity) {
            super(context);
            this.credentialsId = credentialsId;
            this.minTokenValidity = minTokenValidity;
        }

        @Override
        public boolean start() {
            run(this::bindAndStartBody);
            return false;
        }

        private void bindAndStartBody() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            CredentialUse use = CredentialUse.open(credentialsId, run, context.get(Computer.class), "withJiraAuth");
            JiraBinding binding = use.bind(BlockLifetime.required(minTokenValidity));
            // the same masks the jiraAuth binding puts in force: core's forms and credentials-binding's
            BlockMasks masks = BlockMasks.of(binding, CredentialsBindingPatterns::of);
            context.get(TaskListener.class).getLogger().println("withJiraAuth: " + credentialsId + " bound as "
                    + String.join(", ", binding.allValues().keySet()) + " (secret values masked)");
            context.newBodyInvoker()
                    .withContexts(
                            EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new JiraEnvironment(binding)),
                            BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                                    new MaskingConsoleLogFilter(masks, run.getCharset())),
                            FailureHandler.merge(context.get(FailureHandler.class), new MaskingFailureHandler(masks)))
                    .withCallback(new Done())
                    .start();
        }
    }

    /** Masks a failure of the block before Pipeline prints it, when the block's console filter is already gone. */
    static final class MaskingFailureHandler implements FailureHandler {
        private static final long serialVersionUID = 2L;

        private final Secret masks;

        MaskingFailureHandler(BlockMasks masks) {
            this.masks = Secret.fromString(masks.seal());
        }

        @Override
        public Throwable handle(StepContext context, Throwable failure) {
            return MaskedThrowables.mask(failure, BlockMasks.unseal(masks.getPlainText()).masker());
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

        /** The Jira credentials visible from the item being configured (needs Item/Configure there). */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdField.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdField.check(item, value);
        }

        @Override
        public String getDisplayName() {
            return "Bind a Jira credential to JIRA_URL, JIRA_AUTH_HEADER and JIRA_TOKEN";
        }
    }
}
