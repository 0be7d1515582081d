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
 * @param expiresAt {@code jira_access.credential.expires_at} as written
 */
record CredentialFacts(Instant timestamp, String action, String outcome, String dataset, String site, String flavor,
                       String credentialId, String kind, String tokenId, String name, String fingerprint,
                       String expiresAt, String userName, String serviceName) {
    /** The paths read, for {@link NdjsonEvents#withStrings}; {@link #of} takes them in this order. */
    static final String[] PATHS = {"event.action", "event.outcome", "event.dataset", "jira_access.jira.site",
            "jira_access.jira.flavor", "jira_access.credential.id", "jira_access.credential.kind",
            "jira_access.credential.token_id", "jira_access.credential.name", "jira_access.credential.fingerprint",
            "jira_access.credential.expires_at", "user.name", "service.name"};

    /** The fields of an event line read by a parser that picked {@link #PATHS} (first, in this order). */
    static CredentialFacts of(NdjsonEvents.Line e) {
        return new CredentialFacts(e.timestamp(), e.picked(0), e.picked(1), e.picked(2), e.picked(3), e.picked(4),
                e.picked(5), e.picked(6), e.picked(7), e.picked(8), e.picked(9), e.picked(10), e.picked(11),
                e.picked(12));
    }

    /** {@code expires_at} when it is a time the events' rule reads. */
    Instant expiry() {
        return expiresAt == null ? null : EventTime.of(expiresAt);
    }
}
