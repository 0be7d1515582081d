package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexNames;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns one NDJSON line (spool file, journal response) into an indexable event, or says why it is not one. An event
 * needs a JSON object with a {@code @timestamp} (ISO-8601 or epoch milliseconds: it picks the daily index); one
 * without {@code event.id} gets a deterministic id from its content, so re-reading it does not duplicate it.
 */
public final class EventLineParser {
    private static final int MAX_QUOTED = 80;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private EventLineParser() {
    }

    /** The outcome for one line. */
    public sealed interface Result permits Parsed, Garbage, Blank {
    }

    /** An event and its bulk document. */
    public record Parsed(AuditEvent event, IndexDocument document) implements Result {
    }

    /** Not an event; {@code reason} never quotes more than a few characters of the line. */
    public record Garbage(String reason) implements Result {
    }

    /** An empty line, which NDJSON writers may leave at the end: skipped, not counted. */
    public record Blank() implements Result {
    }

    /**
     * Parses a line.
     *
     * @param idPrefix prefix of the id given to an event without {@code event.id} (e.g. {@code spool})
     * @param location where the line came from, kept with its document for dead-letter records
     */
    public static Result parse(String line, String idPrefix, String location) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.isBlank()) {
            return new Blank();
        }
        AuditEvent event;
        try {
            event = AuditEvent.fromJson(text);
        } catch (IllegalArgumentException e) {
            return new Garbage(e.getMessage());
        }
        Object ts = event.get("@timestamp");
        if (ts == null) {
            return new Garbage("no @timestamp");
        }
        Instant time = instant(ts);
        if (time == null) {
            return new Garbage("@timestamp '" + quote(String.valueOf(ts)) + "' is not an ISO-8601 date-time or epoch milliseconds");
        }
        Object id = event.get("event.id");
        if (id != null && !(id instanceof String)) {
            return new Garbage("event.id must be a string");
        }
        byte[] json;
        String eventId = (String) id;
        if (eventId == null || eventId.isBlank()) {
            eventId = idPrefix + "-" + DocumentIds.sha256Hex(text);
            event = event.toBuilder().id(eventId).build();
            json = event.toJson().getBytes(StandardCharsets.UTF_8);
        } else {
            json = text.getBytes(StandardCharsets.UTF_8);
        }
        IndexDocument doc = new IndexDocument(eventId, IndexNames.dailyIndex(time), DocumentIds.of(eventId), json, location);
        return new Parsed(event, doc);
    }

    /** The event time, or null when it is not a date-time Elasticsearch and a daily index name can hold. */
    static Instant instant(Object ts) {
        Instant t;
        try {
            if (ts instanceof Number n) {
                t = Instant.ofEpochMilli(n.longValue());
            } else {
                String s = ts.toString();
                try {
                    t = Instant.parse(s);
                } catch (DateTimeParseException e) {
                    t = OffsetDateTime.parse(s).toInstant();
                }
            }
        } catch (DateTimeException e) {
            return null;
        }
        return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t;
    }

    private static String quote(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }
}
