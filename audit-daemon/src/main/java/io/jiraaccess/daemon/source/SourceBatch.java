package io.jiraaccess.daemon.source;

import io.jiraaccess.daemon.index.DeadLetter;
import io.jiraaccess.daemon.index.IndexDocument;

import java.util.List;

/**
 * What one read returned.
 *
 * @param documents   events to index
 * @param rejected    records that are not events (garbage lines): they go to the dead-letter index, counted and reported
 * @param endPosition the position after this batch; the cursor moves there once all of it is acknowledged
 * @param exhausted   nothing more is available after {@code endPosition} right now
 * @param afterCommit run once the cursor is saved at {@code endPosition} (the spool moves finished files aside)
 */
public record SourceBatch(List<IndexDocument> documents, List<DeadLetter> rejected, String endPosition,
                          boolean exhausted, Runnable afterCommit) {
    public SourceBatch {
        documents = List.copyOf(documents);
        rejected = List.copyOf(rejected);
        afterCommit = afterCommit == null ? () -> { } : afterCommit;
    }

    /** Nothing new after {@code position}. */
    public static SourceBatch empty(String position) {
        return new SourceBatch(List.of(), List.of(), position, true, null);
    }

    public boolean isEmpty() {
        return documents.isEmpty() && rejected.isEmpty();
    }
}
