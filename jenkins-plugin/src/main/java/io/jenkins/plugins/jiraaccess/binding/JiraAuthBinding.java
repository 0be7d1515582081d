package io.jenkins.plugins.jiraaccess.binding;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jenkins.plugins.jiraaccess.masking.BlockMasks;
import io.jenkins.plugins.jiraaccess.masking.CredentialsBindingPatterns;
import io.jenkins.plugins.jiraaccess.masking.MaskingUnbinder;
import io.jenkins.plugins.jiraaccess.steps.JiraCredentialsUse;
import io.jiraaccess.core.binding.BlockLifetime;
import io.jiraaccess.core.binding.JiraBinding;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.kohsuke.stapler.DataBoundConstructor;

import java.io.IOException;
import java.util.Set;

/**
 * {@code withCredentials([jiraAuth(credentialsId: 'x')]) { ... }}: the same variables as {@code withJiraAuth}, masked
 * the same way. credentials-binding masks each secret variable's value in its own forms; the binding also puts the
 * masks {@code withJiraAuth} uses ({@link BlockMasks}: core's forms of every secret, whole and cut by line breaks,
 * plus credentials-binding's) in force for the build while the block runs ({@link MaskingUnbinder}), which the
 * plugin's log decorator ({@link io.jenkins.plugins.jiraaccess.masking.JiraAuthMasking}, Pipeline) and log filter
 * ({@link io.jenkins.plugins.jiraaccess.masking.FreestyleMasking}, other builds) apply.
 */
public class JiraAuthBinding extends MultiBinding<JiraCredentials> {
    @DataBoundConstructor
    public JiraAuthBinding(String credentialsId) {
        super(credentialsId);
    }

    @Override
    protected Class<JiraCredentials> type() {
        return JiraCredentials.class;
    }

    @Override
    public MultiEnvironment bind(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        Computer computer = workspace == null ? null : workspace.toComputer();
        JiraBinding binding = JiraCredentialsUse.bind(getCredentialsId(), build, computer, "jiraAuth",
                BlockLifetime.required(0));
        BlockMasks masks = BlockMasks.of(binding, CredentialsBindingPatterns::of);
        return new MultiEnvironment(binding.secretValues(), binding.publicValues(), MaskingUnbinder.register(build, masks));
    }

    @Override
    public Set<String> variables(Run<?, ?> build) {
        return Set.of(JiraBinding.JIRA_AUTH_HEADER, JiraBinding.JIRA_TOKEN);
    }

    @Extension
    @Symbol("jiraAuth")
    public static class DescriptorImpl extends BindingDescriptor<JiraCredentials> {
        @Override
        protected Class<JiraCredentials> type() {
            return JiraCredentials.class;
        }

        /** No files are written: the variables are all there is, so no workspace is needed. */
        @Override
        public boolean requiresWorkspace() {
            return false;
        }

        @Override
        public String getDisplayName() {
            return "Jira credential (JIRA_URL, JIRA_AUTH_HEADER, JIRA_TOKEN)";
        }
    }
}
