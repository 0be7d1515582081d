package io.jiraaccess.bench.ingest;

/**
 * The daemon a bench feeds: started once, before the first load, and fed load after load, as a long-running daemon
 * sees them. Every load adds new spool files and new journal events (new ids and seqs, the same shape and size).
 */
public interface FedDaemon extends AutoCloseable {
    /** Writes the spool half of a load as hidden files (not timed). */
    void stage(long spoolEvents, int perFile);

    /** Offers a staged load: the spool files appear, the journal's head moves on by {@code journalEvents}. */
    void release(long journalEvents);

    /** CPU the daemon's own JVM has used so far, in seconds; 0 when it runs in the bench's JVM (counted there). */
    double cpuSeconds();

    /** Fails when the daemon is gone. */
    void checkAlive();

    /** Taken when a load is offered, for {@link #since}. */
    default Object mark() {
        return null;
    }

    /** What the daemon did since {@code mark}, for {@code --verbose}; empty when it cannot tell. */
    default String since(Object mark) {
        return "";
    }

    @Override
    void close();
}
