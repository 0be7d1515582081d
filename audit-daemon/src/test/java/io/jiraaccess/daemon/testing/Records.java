package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.daemon.source.SourceRecord;

import java.nio.charset.StandardCharsets;

/** Records as sources return them, for tests of what comes after a source. */
public final class Records {
    private Records() {
    }

    /** Line {@code number} of a file {@code f}, holding {@code text}. */
    public static SourceRecord.Line line(String text, long number) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new SourceRecord.Line(new NdjsonEvents.RawLine(number, 0, bytes.length, true, bytes), "f", "f");
    }

    /** A minimal event line with this {@code event.id}. */
    public static SourceRecord.Line event(String eventId, long number) {
        return line("{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"" + eventId + "\"}}", number);
    }
}
