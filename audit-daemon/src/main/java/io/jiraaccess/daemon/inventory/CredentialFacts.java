package io.jiraaccess.daemon.inventory;

import io.jiraaccess.core.event.AuditEvent;

/**
 * The fields of an event that say something about a credential ({@link CredentialUpdates}), each as
 * {@link AuditEvent#getString} reads it: null when absent. The spool and journal sources take them from the line
 * while they stream over it ({@code EventLineParser}), so an event is not read a second time into a map only for
 * these; {@link #of} reads them from an event that was.
 *
 * @param timestamp {@code @timestamp} as written (an ISO-8601 string, or epoch milliseconds as digits)
 */
public record CredentialFacts(String timestamp, String action, String outcome, String dataset,
                              String site, String flavor, String credentialId, String kind, String tokenId,
                              String name, String fingerprint, String expiresAt, String userName, String serviceName) {

    /** The fields as {@code e} holds them. */
    public static CredentialFacts of(AuditEvent e) {
        return new CredentialFacts(e.getString("@timestamp"), e.action(), e.outcome(), e.dataset(),
                e.getString("jira_access.jira.site"), e.getString("jira_access.jira.flavor"), e.credentialId(),
                e.getString("jira_access.credential.kind"), e.getString("jira_access.credential.token_id"),
                e.getString("jira_access.credential.name"), e.fingerprint(),
                e.getString("jira_access.credential.expires_at"), e.getString("user.name"), e.getString("service.name"));
    }
}
