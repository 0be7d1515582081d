package io.jiraaccess.daemon.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexNames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns one NDJSON line (spool file, journal response) into an indexable event, or says why it is not one. An event
 * needs a JSON object with a {@code @timestamp} (ISO-8601 or epoch milliseconds: it picks the daily index); one
 * without {@code event.id} gets a deterministic id from its content, so re-reading it does not duplicate it.
 * <p>
 * The common line (an object with a string or whole-number {@code @timestamp} and a nested string
 * {@code event.id}) is read by streaming over it once, without building the event as a map: that map was most of the
 * daemon's CPU per event. Every other line (flattened keys, repeated keys, nulls, unusual types, errors) goes the
 * general way through {@link AuditEvent}, so both ways give the same result for every line.
 */
public final class EventLineParser {
    private static final int MAX_QUOTED = 80;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** Jackson's defaults, as AuditEvent's mapper reads (nesting, string and number limits included). */
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventLineParser() {
    }

    /** The outcome for one line. */
    public sealed interface Result permits Parsed, Garbage, Blank {
    }

    /**
     * An event's bulk document, and its {@code jira_access.seq} when it has a whole-number one (journal events).
     */
    public record Parsed(IndexDocument document, Long seq) implements Result {
        /** The event itself, read again from its document (for callers that need more than the id and seq). */
        public AuditEvent event() {
            return AuditEvent.fromJson(document.jsonText());
        }
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
        Parsed fast = streaming(text, null, location);
        return fast != null ? fast : general(text, idPrefix, location);
    }

    /**
     * Parses a line given as bytes (a spool file's), which must be UTF-8.
     *
     * @param idPrefix prefix of the id given to an event without {@code event.id} (e.g. {@code spool})
     * @param location where the line came from, kept with its document for dead-letter records
     */
    public static Result parse(byte[] line, String idPrefix, String location) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        byte[] bytes = length == line.length ? line : java.util.Arrays.copyOf(line, length);
        String text = null;
        if (!ascii(bytes)) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new Garbage("not valid UTF-8");
            }
        }
        Parsed fast = streaming(null, bytes, location);
        if (fast != null) {
            return fast;
        }
        return general(text != null ? text : new String(bytes, StandardCharsets.US_ASCII), idPrefix, location);
    }

    private static boolean ascii(byte[] bytes) {
        int any = 0;
        for (byte b : bytes) {
            any |= b; // no early exit: the loop compiles to wide operations
        }
        return any >= 0;
    }

    /**
     * The common line read by streaming over it, or null when the line is anything else: then the general way
     * decides, and gives the same answer for every line the streaming way accepts. {@code text} or {@code bytes}.
     */
    static Parsed streaming(String text, byte[] bytes, String location) {
        String timestamp = null;
        Long millis = null;
        String eventId = null;
        Long seq = null;
        boolean sawTimestamp = false;
        boolean sawEvent = false;
        boolean sawJiraAccess = false;
        try (JsonParser p = bytes != null ? FACTORY.createParser(bytes) : FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("@timestamp")) {
                    if (sawTimestamp) {
                        return null;
                    }
                    sawTimestamp = true;
                    if (value == JsonToken.VALUE_STRING) {
                        timestamp = p.getText();
                    } else if (wholeLong(p, value)) {
                        millis = p.getLongValue();
                    } else {
                        return null;
                    }
                } else if (name.equals("event")) {
                    if (sawEvent || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    sawEvent = true;
                    boolean sawId = false;
                    for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (field.equals("id")) {
                            if (sawId || v != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            sawId = true;
                            eventId = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (name.equals("jira_access")) {
                    if (sawJiraAccess || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    sawJiraAccess = true;
                    boolean sawSeq = false;
                    for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (field.equals("seq")) {
                            if (sawSeq) {
                                return null;
                            }
                            sawSeq = true;
                            if (wholeLong(p, v)) {
                                seq = p.getLongValue();
                            } else if (v != JsonToken.VALUE_NULL) {
                                return null;
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (name.startsWith("event.") || name.startsWith("jira_access.")) {
                    return null; // flattened keys: the general way resolves them
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!sawTimestamp || eventId == null || eventId.isBlank()) {
            return null;
        }
        Instant time = instant(timestamp != null ? timestamp : millis);
        if (time == null) {
            return null;
        }
        byte[] json = bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
        return new Parsed(new IndexDocument(eventId, IndexNames.dailyIndex(time), DocumentIds.of(eventId), json, location), seq);
    }

    /** A whole number that fits a long (the general way reads larger ones differently). */
    private static boolean wholeLong(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** Any line, through {@link AuditEvent}. */
    static Result general(String text, String idPrefix, String location) {
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
        return new Parsed(doc, event.seq());
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
