package io.jiraaccess.daemon.cluster;

import io.jiraaccess.daemon.cursor.Cursor;
import io.jiraaccess.daemon.cursor.CursorStore;

/**
 * The cursors of a host's own sources (its spool) in the store the cluster shares: each daemon's spool has the same
 * source id on every host, so its cursor is kept under {@code <source id>@<instance>}, and one host's position never
 * moves another's.
 */
public final class InstanceCursors implements CursorStore {
    private final CursorStore shared;
    private final String instance;

    public InstanceCursors(CursorStore shared, String instance) {
        this.shared = shared;
        this.instance = instance;
    }

    /** The key this host's source is stored under. */
    public String key(String sourceId) {
        return sourceId + "@" + instance;
    }

    @Override
    public Cursor load(String sourceId) {
        return shared.load(key(sourceId));
    }

    @Override
    public Cursor save(String sourceId, Cursor expected, String position) {
        return shared.save(key(sourceId), expected, position);
    }
}
