package io.jiraaccess.daemon.ingest;

import io.jiraaccess.core.event.EventTime;
import io.jiraaccess.core.journal.NdjsonEvents;

import java.time.Instant;

/**
 * The fields of an event that say something about a credential ({@link CredentialUpdates}), each as
 * {@code AuditEvent.getString} reads it (null when absent). The parser picks them while it streams over a line
 * ({@link #PATHS}), so an event is not read into a map only for these.
 *
 * @param timestamp {@code @timestamp} by the events' rule
 * @param expiresAt {@code jira_access.credential.expires_at} when it is a time the events' rule reads
 */
record CredentialFacts(Instant timestamp, String action, String outcome, String dataset, String site, String flavor,
                       String credentialId, String kind, String tokenId, String name, String fingerprint,
                       Instant expiresAt, String userName, String serviceName) {
    /** The paths read, for {@link NdjsonEvents#withStrings}. */
    static final String[] PATHS = {"event.action", "event.outcome", "event.dataset", "jira_access.jira.site",
            "jira_access.jira.flavor", "jira_access.credential.id", "jira_access.credential.kind",
            "jira_access.credential.token_id", "jira_access.credential.name", "jira_access.credential.fingerprint",
            "jira_access.credential.expires_at", "user.name", "service.name"};

    /** The fields of an event line. */
    static CredentialFacts of(NdjsonEvents.Line e) {
        String expires = e.string("jira_access.credential.expires_at");
        return new CredentialFacts(e.timestamp(), e.string("event.action"), e.string("event.outcome"),
                e.string("event.dataset"), e.string("jira_access.jira.site"), e.string("jira_access.jira.flavor"),
                e.string("jira_access.credential.id"), e.string("jira_access.credential.kind"),
                e.string("jira_access.credential.token_id"), e.string("jira_access.credential.name"),
                e.string("jira_access.credential.fingerprint"), expires == null ? null : EventTime.of(expires),
                e.string("user.name"), e.string("service.name"));
    }
}
