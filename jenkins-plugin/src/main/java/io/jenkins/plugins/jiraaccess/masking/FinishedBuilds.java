package io.jenkins.plugins.jiraaccess.masking;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.listeners.RunListener;

/**
 * Forgets a build's masks when it is finalized: an unbinder that never ran (a build killed inside its block) must not
 * leave secrets in memory.
 */
@Extension
public final class FinishedBuilds extends RunListener<Run<?, ?>> {
    @Override
    public void onFinalized(Run<?, ?> run) {
        JiraAuthMasking.bound().clear(run.getExternalizableId());
    }
}
