package io.jiraaccess.daemon.cursor;

/**
 * Persists each source's cursor. A cursor is saved only after Elasticsearch acknowledged every event up to it, so a
 * restart resumes there and re-reads at most what was in flight (deterministic ids make that harmless). Saves are
 * conditional on the revision that was loaded: with several daemons sharing a store, only one advances a cursor.
 */
public interface CursorStore {
    /** The saved cursor, or {@link Cursor#NONE}. */
    Cursor load(String sourceId);

    /**
     * Saves {@code position} if the stored cursor is still {@code expected}.
     *
     * @return the saved cursor, with its new revision
     * @throws CursorConflictException when someone else saved since {@code expected} was loaded
     */
    Cursor save(String sourceId, Cursor expected, String position);
}
