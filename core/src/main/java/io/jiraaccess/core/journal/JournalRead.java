package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;

import java.util.List;

/**
 * The answer to {@link EventJournal#readAfter(long, int)}: events with seq above {@code after}, in seq order, and
 * the lines that were skipped on the way (garbage, counted and located, never quoted).
 *
 * @param durableSeq the journal's durable seq when the read started: more events may follow when lastSeq is below it
 */
public record JournalRead(List<AuditEvent> events, List<SkippedLine> skipped, long after, long durableSeq) {
    public JournalRead {
        events = List.copyOf(events);
        skipped = List.copyOf(skipped);
    }

    /** A line of a segment that is not a journal event. */
    public record SkippedLine(String segment, NdjsonEvents.Rejection rejection) {
        @Override
        public String toString() {
            return segment + " " + rejection;
        }
    }

    /** The seq of the last event returned, or {@code after} when none: the next read's {@code after}. */
    public long lastSeq() {
        return events.isEmpty() ? after : events.get(events.size() - 1).seq();
    }

    public int skippedCount() {
        return skipped.size();
    }

    /** Whether durable events beyond {@link #lastSeq()} existed when the read started. */
    public boolean hasMore() {
        return lastSeq() < durableSeq;
    }
}
