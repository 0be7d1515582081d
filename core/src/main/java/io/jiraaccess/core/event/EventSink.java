package io.jiraaccess.core.event;

/** Where core's audit events go: the event journal, a spool directory, a test's memory. */
@FunctionalInterface
public interface EventSink {
    /** A sink that drops events, for callers that do not audit (unit tests of unrelated behaviour). */
    EventSink NONE = event -> { };

    void emit(AuditEvent event);

    /** A sink that sends every event to both. */
    default EventSink and(EventSink other) {
        return event -> {
            emit(event);
            other.emit(event);
        };
    }
}
