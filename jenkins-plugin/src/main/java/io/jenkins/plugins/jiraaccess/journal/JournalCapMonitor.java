package io.jenkins.plugins.jiraaccess.journal;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jiraaccess.core.JiraAccessException;

import java.util.List;

/**
 * Warns administrators, on every page, when the event journal nears its size cap (the audit daemon is not
 * acknowledging) and when the cap has deleted events the daemon never acknowledged, with how many and up to which
 * seq. The cap is {@code -Dio.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime.journalMaxMiB} (MiB, 0 for none).
 */
@Extension
public class JournalCapMonitor extends AdministrativeMonitor {
    @Override
    public boolean isActivated() {
        return !getWarnings().isEmpty();
    }

    /** One line per warning, from core's {@code JournalStats.capWarnings()}; never an event's content. */
    public List<String> getWarnings() {
        try {
            return JiraAccessRuntime.get().journal().stats().capWarnings();
        } catch (JiraAccessException | IllegalStateException e) {
            // a journal that cannot be read or is closed has nothing to say about its cap; the events endpoint says why
            return List.of();
        }
    }

    @Override
    public String getDisplayName() {
        return "Jira Access: audit event journal near or over its size cap";
    }
}
