package io.jenkins.plugins.jiraaccess.binding;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
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
 * {@code withCredentials([jiraAuth(credentialsId: 'x')]) { ... }}: the same variables as {@code withJiraAuth}.
 * credentials-binding masks each secret variable's value (literal, Base64 and shell-quoted forms); the extra forms
 * core lists (percent-encoded, JSON-escaped, the parts of a Basic pair) are masked by {@code withJiraAuth} only.
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
        return new MultiEnvironment(binding.secretValues(), binding.publicValues());
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
