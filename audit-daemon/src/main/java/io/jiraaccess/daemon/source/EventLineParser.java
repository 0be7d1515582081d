package io.jiraaccess.daemon.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.index.IsoInstants;
import io.jiraaccess.daemon.inventory.CredentialFacts;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * daemon's CPU per event. The same pass picks up the fields the credential merges need ({@link CredentialFacts}), so
 * the event is not read a second time for them. Every other line (flattened keys, repeated keys, nulls, unusual
 * types, errors) goes the general way through {@link AuditEvent}, so both ways give the same result for every line;
 * so do the credential fields, which fall back to the event wherever the stream could read them differently.
 */
public final class EventLineParser {
    private static final int MAX_QUOTED = 80;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** Jackson's defaults, as AuditEvent's mapper reads (nesting, string and number limits included). */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private EventLineParser() {
    }

    /** The outcome for one line. */
    public sealed interface Result permits Parsed, Garbage, Blank {
    }

    /**
     * An event's bulk document, and its {@code jira_access.seq} when it has a whole-number one (journal events).
     */
    public record Parsed(IndexDocument document, Long seq, CredentialFacts facts) implements Result {
        /** The event itself, read again from its document (for callers that need more than the id and seq). */
        public AuditEvent event() {
            return AuditEvent.fromJson(document.jsonText());
        }

        /** What the event says about a credential: as read while streaming, or from {@link #event()}. */
        public CredentialFacts credentialFacts() {
            return facts != null ? facts : CredentialFacts.of(event());
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
            text = strictUtf8(bytes);
            if (text == null) {
                return new Garbage("not valid UTF-8");
            }
        }
        Parsed fast = streaming(null, bytes, location);
        if (fast != null) {
            return fast;
        }
        return general(text != null ? text : new String(bytes, StandardCharsets.US_ASCII), idPrefix, location);
    }

    /** Whether {@code bytes} are valid UTF-8. */
    public static boolean isUtf8(byte[] bytes) {
        return ascii(bytes) || strictUtf8(bytes) != null;
    }

    /** The text of {@code bytes}, or null when they are not valid UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether every byte is below 0x80, eight at a time. */
    static boolean ascii(byte[] bytes) {
        int i = 0;
        for (int n = bytes.length - 7; i < n; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080_8080_8080_8080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
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
        Facts facts = new Facts();
        try (JsonParser p = bytes != null ? FACTORY.createParser(bytes) : FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "@timestamp" -> {
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
                    }
                    case "event" -> {
                        if (sawEvent || value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        sawEvent = true;
                        boolean sawId = false;
                        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                            String field = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (field) {
                                case "id" -> {
                                    if (sawId || v != JsonToken.VALUE_STRING) {
                                        return null;
                                    }
                                    sawId = true;
                                    eventId = p.getText();
                                }
                                case "action" -> facts.action = facts.string(p, v, facts.action);
                                case "outcome" -> facts.outcome = facts.string(p, v, facts.outcome);
                                case "dataset" -> facts.dataset = facts.string(p, v, facts.dataset);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "jira_access" -> {
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
                            } else if (field.equals("jira")) {
                                facts.jira(p, v);
                            } else if (field.equals("credential")) {
                                facts.credential(p, v);
                            } else {
                                if (field.startsWith("jira.") || field.startsWith("credential.")) {
                                    facts.ok = false; // flattened below jira_access: read from the event
                                }
                                p.skipChildren();
                            }
                        }
                    }
                    case "user" -> facts.user(p, value);
                    case "service" -> facts.service(p, value);
                    default -> {
                        if (name.startsWith("event.") || name.startsWith("jira_access.")) {
                            return null; // flattened keys: the general way resolves them
                        }
                        if (name.startsWith("user.") || name.startsWith("service.")) {
                            facts.ok = false;
                        }
                        p.skipChildren();
                    }
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
        CredentialFacts credentialFacts = facts.ok ? facts.toFacts(timestamp != null ? timestamp : String.valueOf(millis)) : null;
        return new Parsed(new IndexDocument(eventId, IndexNames.dailyIndex(time), DocumentIds.of(eventId), json, location),
                seq, credentialFacts);
    }

    /**
     * The credential fields met while streaming. Anything that {@link AuditEvent#getString} could read otherwise (a
     * repeated or flattened key on the way, a value that is not a string or null, a path through something that is not
     * an object) clears {@link #ok}: then the caller reads them from the event, the general way.
     */
    private static final class Facts {
        boolean ok = true;
        private boolean sawUser;
        private boolean sawService;
        private boolean sawJira;
        private boolean sawCredential;
        String action;
        String outcome;
        String dataset;
        String site;
        String flavor;
        String credentialId;
        String kind;
        String tokenId;
        String name;
        String fingerprint;
        String expiresAt;
        String userName;
        String serviceName;

        /** A string field's value; a second one, or any other type, leaves it to the general way. */
        String string(JsonParser p, JsonToken v, String before) throws IOException {
            if (before != null || (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL)) {
                ok = false;
                p.skipChildren();
                return before;
            }
            return v == JsonToken.VALUE_STRING ? p.getText() : null;
        }

        /**
         * Whether {@code v} starts an object to read. A null leaves its fields absent; a second one, or anything else,
         * leaves them to the general way.
         */
        private boolean object(JsonParser p, JsonToken v, boolean seen) throws IOException {
            if (!seen && v == JsonToken.START_OBJECT) {
                return true;
            }
            if (seen || v != JsonToken.VALUE_NULL) {
                ok = false;
                p.skipChildren();
            }
            return false;
        }

        void user(JsonParser p, JsonToken v) throws IOException {
            fields(p, v, sawUser, (field, value) -> userName = name(p, field, value, userName));
            sawUser = true;
        }

        void service(JsonParser p, JsonToken v) throws IOException {
            fields(p, v, sawService, (field, value) -> serviceName = name(p, field, value, serviceName));
            sawService = true;
        }

        /** The {@code name} field of {@code user} or {@code service}; every other field is skipped. */
        private String name(JsonParser p, String field, JsonToken value, String before) throws IOException {
            if (field.equals("name")) {
                return string(p, value, before);
            }
            p.skipChildren();
            return before;
        }

        void jira(JsonParser p, JsonToken v) throws IOException {
            fields(p, v, sawJira, (field, value) -> {
                switch (field) {
                    case "site" -> site = string(p, value, site);
                    case "flavor" -> flavor = string(p, value, flavor);
                    default -> p.skipChildren();
                }
            });
            sawJira = true;
        }

        void credential(JsonParser p, JsonToken v) throws IOException {
            fields(p, v, sawCredential, (field, value) -> {
                switch (field) {
                    case "id" -> credentialId = string(p, value, credentialId);
                    case "kind" -> kind = string(p, value, kind);
                    case "token_id" -> tokenId = string(p, value, tokenId);
                    case "name" -> name = string(p, value, name);
                    case "fingerprint" -> fingerprint = string(p, value, fingerprint);
                    case "expires_at" -> expiresAt = string(p, value, expiresAt);
                    default -> p.skipChildren();
                }
            });
            sawCredential = true;
        }

        /** Reads each field of the object {@code v} starts, unless {@link #object} says to leave it. */
        private void fields(JsonParser p, JsonToken v, boolean seen, Field field) throws IOException {
            if (!object(p, v, seen)) {
                return;
            }
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String fieldName = p.currentName();
                field.read(fieldName, p.nextToken());
            }
        }

        /** One field of an object: its name, and the parser at its value. */
        @FunctionalInterface
        private interface Field {
            void read(String name, JsonToken value) throws IOException;
        }

        CredentialFacts toFacts(String timestamp) {
            return new CredentialFacts(timestamp, action, outcome, dataset, site, flavor, credentialId, kind, tokenId,
                    name, fingerprint, expiresAt, userName, serviceName);
        }
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
        return new Parsed(doc, event.seq(), CredentialFacts.of(event));
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
                    t = IsoInstants.parse(s);
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
