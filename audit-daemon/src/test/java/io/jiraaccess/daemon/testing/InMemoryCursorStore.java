package io.jiraaccess.daemon.testing;

import io.jiraaccess.daemon.cursor.Cursor;
import io.jiraaccess.daemon.cursor.CursorConflictException;
import io.jiraaccess.daemon.cursor.CursorStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Cursors in memory, recording every save, for runner tests. */
public final class InMemoryCursorStore implements CursorStore {
    private final Map<String, Cursor> cursors = new HashMap<>();
    public final List<String> saves = new ArrayList<>();

    @Override
    public synchronized Cursor load(String sourceId) {
        return cursors.getOrDefault(sourceId, Cursor.NONE);
    }

    @Override
    public synchronized Cursor save(String sourceId, Cursor expected, String position) {
        Cursor current = load(sourceId);
        if (!Objects.equals(current.revision(), expected.revision())) {
            throw new CursorConflictException(sourceId);
        }
        Cursor next = new Cursor(position, String.valueOf(saves.size() + 1));
        cursors.put(sourceId, next);
        saves.add(position);
        return next;
    }
}
