package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;

import java.util.List;

/**
 * The answer to {@link EventJournal#readAfter(long, int)}: events with seq above {@code after}, in seq order, and
 * the lines that were skipped on the way (garbage, counted and located, never quoted).
 *
 * @param entries    the events' lines as the journal stores them, each validated ({@link NdjsonEvents}, seq required)
 * @param durableSeq the journal's durable seq when the read started: more events may follow when lastSeq is below it
 */
public record JournalRead(List<NdjsonEvents.Line> entries, List<SkippedLine> skipped, long after, long durableSeq) {
    public JournalRead {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }

    /** A line of a segment that is not a journal event. */
    public record SkippedLine(String segment, NdjsonEvents.Rejection rejection) {
        @Override
        public String toString() {
            return segment + " " + rejection;
        }
    }

    /** The events, built from their lines (each read into a map: serving them needs only {@link #lines()}). */
    public List<AuditEvent> events() {
        return entries.stream().map(NdjsonEvents.Line::event).toList();
    }

    /**
     * Each event's line exactly as stored (UTF-8 JSON, without its line break), in seq order: what the events endpoint
     * serves, so a reader parses each event once. The arrays are not copies.
     */
    public List<byte[]> lines() {
        return entries.stream().map(NdjsonEvents.Line::bytes).toList();
    }

    /** The seq of the last event returned, or {@code after} when none: the next read's {@code after}. */
    public long lastSeq() {
        return entries.isEmpty() ? after : entries.get(entries.size() - 1).seq();
    }

    public int skippedCount() {
        return skipped.size();
    }

    /** Whether durable events beyond {@link #lastSeq()} existed when the read started. */
    public boolean hasMore() {
        return lastSeq() < durableSeq;
    }
}
