package io.jiraaccess.core.journal;

/**
 * A snapshot of a journal's state.
 *
 * @param lastSeq                the seq of the last event appended (0 when none)
 * @param durableSeq             every event up to this seq is fsynced and visible to {@link EventJournal#readAfter}
 * @param acknowledgedSeq        the reader's persisted cursor
 * @param oldestSeq              the first seq of the oldest retained segment; events before it were acknowledged and deleted
 * @param segments               segment files on disk, the active one included
 * @param pendingBytes           bytes appended but not yet written to the file
 * @param tornBytesDroppedOnOpen bytes of a torn last line removed when the journal was opened (0 after a clean close)
 */
public record JournalStats(long lastSeq, long durableSeq, long acknowledgedSeq, long oldestSeq, int segments,
                           long pendingBytes, long tornBytesDroppedOnOpen) {
}
