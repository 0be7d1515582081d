package io.jiraaccess.core.rotation;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps the events a test caused, in order. */
final class EventRecorder implements EventSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(AuditEvent event) {
        events.add(event);
    }

    synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }

    synchronized List<AuditEvent> action(String action) {
        return events.stream().filter(e -> action.equals(e.action())).toList();
    }

    /** The {@code jira_access.rotation.step} values of {@code rotation.step} events, in order. */
    synchronized List<String> steps() {
        return events.stream().filter(e -> "rotation.step".equals(e.action()))
                .map(e -> e.getString("jira_access.rotation.step") + (("failure".equals(e.outcome())) ? "!" : ""))
                .toList();
    }

    synchronized String json() {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e.toJson()).append('\n'));
        return b.toString();
    }

    synchronized void clear() {
        events.clear();
    }
}
