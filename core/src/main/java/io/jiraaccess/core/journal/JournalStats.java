package io.jiraaccess.core.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * @param retainedBytes          bytes in the segment files on disk
 * @param maxRetainedBytes       the size cap, 0 for none: beyond it the oldest segments are deleted, read or not
 * @param droppedEvents          events the cap deleted before a reader acknowledged them, since the journal was created
 * @param lastDroppedSeq         the highest seq among them (0 when none)
 */
public record JournalStats(long lastSeq, long durableSeq, long acknowledgedSeq, long oldestSeq, int segments,
                           long pendingBytes, long tornBytesDroppedOnOpen, long retainedBytes, long maxRetainedBytes,
                           long droppedEvents, long lastDroppedSeq) {
    /** From this share of the cap on, {@link #capWarnings()} warns that the oldest unread events will be dropped. */
    public static final double NEAR_CAP = 0.8;

    /** Whether the journal holds at least {@link #NEAR_CAP} of its cap. */
    public boolean nearCap() {
        return maxRetainedBytes > 0 && retainedBytes >= NEAR_CAP * maxRetainedBytes;
    }

    /**
     * What an administrator must be told, one line each: events already dropped by the cap, and a journal close to
     * it (with the reader's lag); empty when neither. Names counts and seqs, never an event's content.
     */
    public List<String> capWarnings() {
        List<String> out = new ArrayList<>();
        if (droppedEvents > 0) {
            out.add(droppedEvents + " audit events (up to seq " + lastDroppedSeq + ") were deleted before the audit "
                    + "daemon acknowledged them, because the journal reached its size cap of " + mib(maxRetainedBytes)
                    + "; check that the daemon is running and can reach Jenkins, or raise the cap");
        }
        if (nearCap()) {
            out.add("the event journal holds " + mib(retainedBytes) + " of its " + mib(maxRetainedBytes) + " cap; the "
                    + "audit daemon has acknowledged up to seq " + acknowledgedSeq + " of " + durableSeq + ". At the cap "
                    + "the oldest unacknowledged events are deleted: check the daemon, or raise the cap");
        }
        return List.copyOf(out);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
