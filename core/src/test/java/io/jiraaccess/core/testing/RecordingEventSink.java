package io.jiraaccess.core.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event emitted, in order; thread-safe. */
public final class RecordingEventSink implements EventSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(AuditEvent event) {
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> withAction(String action) {
        return events.stream().filter(e -> action.equals(e.action())).toList();
    }

    /** All events as NDJSON, for leak scans. */
    public synchronized String ndjson() {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e.toJson()).append('\n'));
        return b.toString();
    }
}
