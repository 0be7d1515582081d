package io.jiraaccess.daemon.enforcement;

import io.jiraaccess.daemon.inventory.InventoryToken;

import java.util.List;

/**
 * What one evaluation found and did.
 *
 * @param findings one line per token a rule applied to
 * @param failedSites sites whose inventory could not be read, with the reason
 */
public record EnforcementReport(List<Finding> findings, List<String> failedSites) {
    public EnforcementReport {
        findings = List.copyOf(findings);
        failedSites = List.copyOf(failedSites);
    }

    /** What was done about a token. */
    public enum Action {
        /** An alert only ({@code credential.expiring}, {@code credential.expired}, or a violation in a dry run). */
        ALERTED,
        /** Revoked through the Jira API. */
        REVOKED,
        /** The revocation failed; the token may still work. */
        REVOKE_FAILED
    }

    /** @param rules the rules that applied ({@code expiring}, {@code expired}, {@code max-age}, {@code unused}, {@code unmanaged}) */
    public record Finding(InventoryToken token, List<String> rules, Action action, String detail) {
        public Finding {
            rules = List.copyOf(rules);
        }
    }

    public long count(Action action) {
        return findings.stream().filter(f -> f.action() == action).count();
    }
}
