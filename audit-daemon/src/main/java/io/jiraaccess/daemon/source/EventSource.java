package io.jiraaccess.daemon.source;

/**
 * Somewhere audit records come from: a spool directory, a Jenkins journal, a Jira audit log, a Jira token inventory.
 * A source only reads: it returns records as they came with its position after them; the runner has them ingested
 * and indexed, saves the cursor once Elasticsearch has acknowledged them, and then tells the batch
 * ({@link SourceBatch#afterCommit()}). Positions are the source's own notation, stored as strings in the cursor store.
 */
public interface EventSource {
    /** Unique and file-name safe, e.g. {@code spool} or {@code jenkins-ci-main}: names the cursor and the route. */
    String id();

    /** The kind of source, for health and metrics: {@code spool}, {@code jenkins}. */
    String kind();

    /**
     * Reads what follows {@code position} (null: from the beginning), at most {@code maxRecords} records. Must accept
     * a position that was returned by an earlier read but not yet committed (the runner reads ahead).
     *
     * @throws SourceUnavailableException when the source cannot be read now; the runner backs off
     */
    SourceBatch read(String position, int maxRecords);

    /**
     * Called at the start of each poll with the last committed position, so a source can finish what a crash
     * interrupted after that commit (the spool moves a fully indexed file aside). Must be idempotent.
     */
    default void resume(String committedPosition) {
    }

    /** How much is known to wait after {@code position}, or {@link Backlog#UNKNOWN}. */
    default Backlog backlog(String position) {
        return Backlog.UNKNOWN;
    }

    /**
     * Something wrong that does not stop reading (a Jenkins journal that could not be told what is indexed), for
     * {@code /health}; null when there is nothing to say.
     */
    default String warning() {
        return null;
    }
}
