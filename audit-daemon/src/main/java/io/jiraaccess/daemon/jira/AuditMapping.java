package io.jiraaccess.daemon.jira;

import io.jiraaccess.core.event.AuditEvent;

import java.time.Instant;

/** What a Jira audit record maps to: an event, or a rejection with the reason (counted, dead-lettered). */
public sealed interface AuditMapping permits AuditMapping.Mapped, AuditMapping.Rejected {
    /**
     * An event for the events index.
     *
     * @param at the record's time, to the millisecond: orders records and positions the cursor
     */
    record Mapped(AuditEvent event, Instant at) implements AuditMapping {
    }

    /** Not an audit record the daemon can index; {@code reason} never quotes more than a few characters of it. */
    record Rejected(String reason) implements AuditMapping {
    }
}
