package io.jiraaccess.bench.ingest;

/**
 * The daemon a bench feeds: started once, before the first load, and fed load after load from its {@link LoadFeed},
 * as a long-running daemon sees them. Every load adds new spool files and new journal events (new ids and seqs, the
 * same shape and size).
 */
public abstract class FedDaemon implements AutoCloseable {
    private final LoadFeed feed;

    FedDaemon(LoadFeed feed) {
        this.feed = feed;
    }

    /** Writes the spool half of a load as hidden files (not timed). */
    public final void stage(long spoolEvents, int perFile) {
        feed.stage(spoolEvents, perFile);
    }

    /** Offers a staged load: the spool files appear, the journal's head moves on by {@code journalEvents}. */
    public final void release(long journalEvents) {
        feed.release(journalEvents);
    }

    /** CPU the daemon's own JVM has used so far, in seconds; 0 when it runs in the bench's JVM (counted there). */
    public abstract double cpuSeconds();

    /** Fails when the daemon is gone. */
    public abstract void checkAlive();

    /** Taken when a load is offered, for {@link #since}. */
    public Object mark() {
        return null;
    }

    /** What the daemon did since {@code mark}, for {@code --verbose}; empty when it cannot tell. */
    public String since(Object mark) {
        return "";
    }

    /** Stops the daemon itself; its feed is closed after. */
    abstract void stopDaemon();

    @Override
    public final void close() {
        try {
            stopDaemon();
        } finally {
            feed.close();
        }
    }
}
