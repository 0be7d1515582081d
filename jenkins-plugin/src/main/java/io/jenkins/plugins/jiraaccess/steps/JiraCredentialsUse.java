package io.jenkins.plugins.jiraaccess.steps;

import hudson.AbortException;
import hudson.model.Computer;
import hudson.model.Run;
import io.jiraaccess.core.binding.JiraBinding;

import java.time.Duration;

/** The entry other packages use to bind a credential the way the steps do (the {@code jiraAuth} binding). */
public final class JiraCredentialsUse {
    private JiraCredentialsUse() {
    }

    public static JiraBinding bind(String credentialsId, Run<?, ?> run, Computer computer, String how, Duration needed)
            throws AbortException {
        return CredentialUse.open(credentialsId, run, computer, how).bind(needed);
    }
}
