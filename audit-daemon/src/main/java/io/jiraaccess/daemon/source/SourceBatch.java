package io.jiraaccess.daemon.source;

import java.util.List;
import java.util.function.Consumer;

/**
 * What one read returned: the records, where the source stands after them, and what to do once that is committed.
 *
 * @param records     what was read, in order
 * @param endPosition the position after this batch; the cursor moves there once all of it is acknowledged. Null
 *                    when nothing was ever read, and for a journal answer, which ends at the seq of its last event
 * @param journal     for a Jenkins journal answer: the lines must each be an event whose {@code jira_access.seq}
 *                    follows the previous one's, from {@code after} on; anything else refuses the whole answer. Null
 *                    for every other batch, whose lines that are not events are dead-lettered
 * @param exhausted   nothing more is available after this batch right now
 * @param afterCommit given the committed position once the cursor is saved there (the spool moves finished files
 *                    aside, a Jenkins journal is told what is indexed)
 */
public record SourceBatch(List<SourceRecord> records, String endPosition, JournalAnswer journal, boolean exhausted,
                          Consumer<String> afterCommit) {
    /**
     * A Jenkins journal's answer to {@code after=<after>}.
     *
     * @param from who answered, for messages: {@code Jenkins ci-main}
     */
    public record JournalAnswer(long after, String from) {
    }

    public SourceBatch {
        records = List.copyOf(records);
        afterCommit = afterCommit == null ? position -> { } : afterCommit;
        if (endPosition != null && journal != null) {
            throw new IllegalArgumentException("a journal answer ends at the seq of its last event, not at a given position");
        }
    }

    /** A batch that ends at {@code endPosition}. */
    public static SourceBatch of(List<SourceRecord> records, String endPosition, boolean exhausted,
                                 Consumer<String> afterCommit) {
        return new SourceBatch(records, endPosition, null, exhausted, afterCommit);
    }

    /** A Jenkins journal's answer: it ends at the seq of its last event, or at {@code after} when it has none. */
    public static SourceBatch journal(List<SourceRecord> lines, JournalAnswer answer, boolean exhausted,
                                      Consumer<String> afterCommit) {
        return new SourceBatch(lines, null, answer, exhausted, afterCommit);
    }

    /** Nothing new after {@code position}. */
    public static SourceBatch empty(String position) {
        return new SourceBatch(List.of(), position, null, true, null);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
