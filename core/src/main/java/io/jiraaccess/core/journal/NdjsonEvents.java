package io.jiraaccess.core.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventTime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses NDJSON audit events: the one parser of journal segments, spool files and the Jenkins events endpoint's
 * answers, for core's journal and spool writer, the Jenkins plugin and the audit daemon. Parsing is a pure function
 * of the bytes, so it can be fuzzed.
 * <p>A line is an event when it is UTF-8, one JSON object with nothing but whitespace around it, without a key
 * twice in any object, and has a {@code @timestamp} that {@link EventTime} reads (with {@link #requireSeq}, also a
 * {@code jira_access.seq} from 1 to {@link #MAX_SEQ}). Any other line is reported as a {@link Rejection} (line
 * number, byte offset, {@link Reason}); rejections never quote the line, which could contain anything. Blank lines
 * are skipped without a rejection. A final line without a line break is parsed like any other;
 * {@link Line#terminated()} tells the caller, and if it does not parse it is rejected as {@link Reason#INCOMPLETE}
 * (a torn write or a truncated transfer) rather than as garbage.
 * <p>Hostile input cannot exhaust memory: a line longer than {@link #maxLineBytes()} is skipped without being
 * buffered, and JSON nested deeper than {@link #maxDepth()} is refused before a parser that recurses sees it.
 * <p>Two ways read a line, with one answer. The common event (what core writes) is read by streaming over it once,
 * picking up its {@code @timestamp}, {@code event.id}, {@code jira_access.seq} and the string fields a caller asked
 * for ({@link #withStrings}), without building the event as a map: that map was most of the audit daemon's CPU per
 * event. Every other line (flattened keys that could spell a field read, nulls or other types where a string or a
 * number is read, anything the streaming way does not accept) goes the general way through {@link AuditEvent}, whose
 * answer is the contract: wherever the streaming way answers, the general way gives the same (tested
 * differentially). {@link Line#event()} builds the map only when a caller asks for it.
 * <p>Instances are immutable and thread-safe; {@link LineReader}s are not.
 */
public final class NdjsonEvents {
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 32;
    /**
     * The largest valid {@code jira_access.seq}: 2^53 - 1, the largest integer every JSON consumer reads exactly
     * (JavaScript numbers are doubles). A journal line claiming more is damage, so recovery can never continue from
     * a seq that would overflow.
     */
    public static final long MAX_SEQ = (1L << 53) - 1;

    private static final NdjsonEvents DEFAULTS = new NdjsonEvents(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DEPTH, false,
            List.of());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final int READ_CHUNK = 64 * 1024;

    /** Why a line was not returned as an event. */
    public enum Reason {
        LINE_TOO_LONG("line longer than the limit"),
        NOT_UTF8("not valid UTF-8"),
        TOO_DEEP("JSON nested deeper than the limit"),
        NOT_JSON("not valid JSON"),
        TRAILING_DATA("data after the JSON object"),
        NOT_AN_OBJECT("not a JSON object"),
        NOT_AN_EVENT("missing or invalid @timestamp (an ISO-8601 date-time with offset, or epoch milliseconds)"),
        MISSING_SEQ("missing or invalid jira_access.seq"),
        /** Set by readers that need increasing {@code jira_access.seq} (the journal), never by line parsing. */
        SEQ_OUT_OF_ORDER("jira_access.seq not above the previous line's, or outside its segment's range"),
        INCOMPLETE("last line has no line break and does not parse (torn write or truncated input)");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A line that was skipped: where it is and why; never what it holds. */
    public record Rejection(long line, long offset, Reason reason) {
        @Override
        public String toString() {
            return "line " + line + " (byte " + offset + "): " + reason.description();
        }
    }

    /**
     * One non-blank line as split from the input, not parsed yet: its 1-based number, the byte offset where it
     * starts, its length in bytes (without the line break), whether a line break ended it, and its bytes (without the
     * line break; of a line over the limit only the first ones, see {@link #tooLong()}).
     */
    public record RawLine(long number, long offset, long length, boolean terminated, byte[] bytes) {
        /** Longer than the parser's limit: {@link #bytes()} holds only its beginning. */
        public boolean tooLong() {
            return length > bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RawLine r && number == r.number && offset == r.offset && length == r.length
                    && terminated == r.terminated && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(number, offset, length, terminated, Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            return "line " + number + " (byte " + offset + ", " + length + " bytes)";
        }
    }

    /**
     * One non-blank line, parsed: where it is (as in {@link RawLine}) and either an event or the reason it is not one.
     * An event's fields the parser reads ({@link #timestamp()}, {@link #eventId()}, {@link #seq()},
     * {@link #string(String)}) are what {@link AuditEvent} reads from {@link #event()}, which is built on first use.
     */
    public static final class Line {
        private final long number;
        private final long offset;
        private final long length;
        private final boolean terminated;
        private final Reason rejected;
        private final byte[] bytes;
        private final Instant timestamp;
        private final Long seq;
        private final String eventId;
        private final String[] strings;
        private final NdjsonEvents parser;
        private volatile AuditEvent event;

        private Line(long number, long offset, long length, boolean terminated, Reason rejected, byte[] bytes,
                     Instant timestamp, Long seq, String eventId, String[] strings, NdjsonEvents parser, AuditEvent event) {
            this.number = number;
            this.offset = offset;
            this.length = length;
            this.terminated = terminated;
            this.rejected = rejected;
            this.bytes = bytes;
            this.timestamp = timestamp;
            this.seq = seq;
            this.eventId = eventId;
            this.strings = strings;
            this.parser = parser;
            this.event = event;
        }

        public long number() {
            return number;
        }

        public long offset() {
            return offset;
        }

        /** Bytes of the line without its line break. */
        public long length() {
            return length;
        }

        public boolean terminated() {
            return terminated;
        }

        /** The reason it is not an event, or null for an event. */
        public Reason rejected() {
            return rejected;
        }

        public boolean isEvent() {
            return rejected == null;
        }

        /** The rejection, or null for an event. */
        public Rejection rejection() {
            return rejected == null ? null : new Rejection(number, offset, rejected);
        }

        /**
         * The line's bytes without its line break and a carriage return before it: of an event, its JSON exactly as
         * stored, to be indexed or served as it is; of a line over the limit, only its beginning. Not a copy.
         */
        public byte[] bytes() {
            return bytes;
        }

        /** The event as a map (read from {@link #bytes()} on first use), or null for a rejected line. */
        public AuditEvent event() {
            AuditEvent e = event;
            if (e == null && rejected == null) {
                e = parser.general(bytes) instanceof Event general ? general.event() : null;
                event = e;
            }
            return e;
        }

        /** An event's {@code @timestamp} as {@link EventTime} reads it; null for a rejected line. */
        public Instant timestamp() {
            return timestamp;
        }

        /** {@code jira_access.seq} when it is a whole number that fits a long, else null. */
        public Long seq() {
            return seq;
        }

        /** {@code event.id} when it is a string, else null (absent, or of another type: see {@link #event()}). */
        public String eventId() {
            return eventId;
        }

        /**
         * The field at a dotted path as {@link AuditEvent#getString} reads it, or null; without building the event for
         * the paths the parser was asked to pick ({@link #withStrings}).
         */
        public String string(String path) {
            if (rejected != null) {
                return null;
            }
            Integer slot = parser.slots.get(path);
            return slot != null ? strings[slot] : event().getString(path);
        }

        /**
         * The {@code i}-th string field the parser was asked to pick, in {@link #withStrings} order: as
         * {@link #string(String)} of its path, without looking the path up.
         */
        public String picked(int i) {
            return rejected != null ? null : strings[i];
        }

        /** Equal when at the same place with the same bytes and outcome. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && number == l.number && offset == l.offset && length == l.length
                    && terminated == l.terminated && rejected == l.rejected && Arrays.equals(bytes, l.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(number, offset, length, terminated, rejected, Arrays.hashCode(bytes));
        }

        /** Where it is and what it is; never its content. */
        @Override
        public String toString() {
            return "line " + number + " (byte " + offset + "): " + (rejected == null ? "event" : rejected.description());
        }
    }

    /** What a whole document held: events in order, rejected lines, and how many lines and bytes were read. */
    public record Batch(List<AuditEvent> events, List<Rejection> rejections, long lines, long bytes) {
        public Batch {
            events = List.copyOf(events);
            rejections = List.copyOf(rejections);
        }

        public int rejectedCount() {
            return rejections.size();
        }
    }

    private final int maxLineBytes;
    private final int maxDepth;
    private final boolean requireSeq;
    private final List<String> picked;
    /** Picked path to its slot in {@link Line#strings}. */
    private final Map<String, Integer> slots;
    private final ObjectMapper mapper;
    /** The streaming way. */
    private final StreamedFields fields;

    private NdjsonEvents(int maxLineBytes, int maxDepth, boolean requireSeq, List<String> picked) {
        if (maxLineBytes < 2) {
            throw new IllegalArgumentException("maxLineBytes must be at least 2, was " + maxLineBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        this.maxLineBytes = maxLineBytes;
        this.maxDepth = maxDepth;
        this.requireSeq = requireSeq;
        this.picked = List.copyOf(picked);
        this.slots = new HashMap<>();
        for (String path : this.picked) {
            slots.put(path, slots.size());
        }
        this.mapper = new ObjectMapper(factory(maxDepth + 1, maxLineBytes)); // backstops behind the pre-scans
        this.fields = new StreamedFields(this.picked, factory(maxDepth, maxLineBytes));
    }

    /** Refuses a key twice in an object: two values for one key would let a line say two things (two @timestamps). */
    private static JsonFactory factory(int maxNesting, int maxString) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNesting)
                        .maxStringLength(maxString)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** 1 MiB lines, nesting depth 32, {@code jira_access.seq} not required, no string fields picked. */
    public static NdjsonEvents defaults() {
        return DEFAULTS;
    }

    public NdjsonEvents maxLineBytes(int bytes) {
        return new NdjsonEvents(bytes, maxDepth, requireSeq, picked);
    }

    public NdjsonEvents maxDepth(int depth) {
        return new NdjsonEvents(maxLineBytes, depth, requireSeq, picked);
    }

    /** Whether an event must carry an integer {@code jira_access.seq} from 1 to {@link #MAX_SEQ} (journal lines do). */
    public NdjsonEvents requireSeq(boolean required) {
        return new NdjsonEvents(maxLineBytes, maxDepth, required, picked);
    }

    /**
     * Also picks these string fields (dotted paths, e.g. {@code user.name}) while streaming over a line, for
     * {@link Line#string(String)}. A path may not be a prefix of another, nor name {@code @timestamp},
     * {@code event.id} or {@code jira_access.seq}, which are always read.
     */
    public NdjsonEvents withStrings(String... paths) {
        List<String> all = new ArrayList<>(picked);
        all.addAll(List.of(paths));
        return new NdjsonEvents(maxLineBytes, maxDepth, requireSeq, all);
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public boolean requiresSeq() {
        return requireSeq;
    }

    /** The string fields picked while streaming, in {@link Line#picked} order. */
    public List<String> pickedPaths() {
        return picked;
    }

    /** Parses a whole NDJSON document. */
    public Batch parse(byte[] ndjson) {
        try {
            return parse(new ByteArrayInputStream(ndjson));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * Reads {@code in} to its end (without closing it) and parses every line. Memory grows with the number of
     * events returned; for input of unbounded size, iterate with {@link #reader(InputStream)} instead.
     */
    public Batch parse(InputStream in) throws IOException {
        LineReader reader = reader(in);
        List<AuditEvent> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (Line line = reader.next(); line != null; line = reader.next()) {
            if (line.isEvent()) {
                events.add(line.event());
            } else {
                rejections.add(line.rejection());
            }
        }
        return new Batch(events, rejections, reader.lines(), reader.offset());
    }

    /** A reader of lines from the start of {@code in}; it never closes the stream. */
    public LineReader reader(InputStream in) {
        return new LineReader(in, 0, 0);
    }

    /**
     * A reader of lines from {@code in}, positioned at byte {@code startOffset} after {@code linesBefore} lines
     * of the underlying document, so positions and line numbers it reports are those of the whole document.
     */
    public LineReader reader(InputStream in, long startOffset, long linesBefore) {
        return new LineReader(in, startOffset, linesBefore);
    }

    /** Parses one line (its bytes without the line break), as the first, terminated line of a document. */
    public Line parseLine(byte[] bytes, int offset, int length) {
        byte[] kept = Arrays.copyOfRange(bytes, offset, offset + Math.min(length, maxLineBytes));
        return parse(new RawLine(1, 0, length, true, kept));
    }

    /** Parses a line split by a {@link LineReader} of this parser (or one with the same line limit). */
    public Line parse(RawLine raw) {
        return parse(raw, true);
    }

    /** With {@code mayStream} false, only the general way reads the line (for tests of the two ways). */
    Line parse(RawLine raw, boolean mayStream) {
        if (raw.tooLong() || raw.length() > maxLineBytes) {
            return rejected(raw, Reason.LINE_TOO_LONG, raw.bytes());
        }
        byte[] b = withoutFinalCarriageReturn(raw.bytes());
        if (!LineBytes.isUtf8(b)) {
            return rejected(raw, Reason.NOT_UTF8, b);
        }
        Line fast = mayStream ? streaming(raw, b) : null;
        if (fast != null) {
            return fast;
        }
        Object general = general(b);
        if (general instanceof Event e) {
            AuditEvent event = e.event();
            String[] strings = new String[picked.size()];
            slots.forEach((path, slot) -> strings[slot] = event.getString(path));
            return new Line(raw.number(), raw.offset(), raw.length(), raw.terminated(), null, b, e.time(),
                    event.get("jira_access.seq") instanceof Long seq ? seq : null,
                    event.get("event.id") instanceof String id ? id : null, strings, this, event);
        }
        return rejected(raw, (Reason) general, b);
    }

    private Line rejected(RawLine raw, Reason reason, byte[] bytes) {
        Reason r = raw.terminated() || reason == Reason.LINE_TOO_LONG ? reason : Reason.INCOMPLETE;
        return new Line(raw.number(), raw.offset(), raw.length(), raw.terminated(), r, bytes, null, null, null, null,
                this, null);
    }

    private static byte[] withoutFinalCarriageReturn(byte[] b) {
        return b.length > 0 && b[b.length - 1] == '\r' ? Arrays.copyOf(b, b.length - 1) : b;
    }

    /** An event read the general way, with its time. */
    private record Event(AuditEvent event, Instant time) {
    }

    /** The general way: an {@link Event}, or the {@link Reason} the bytes are not one. */
    private Object general(byte[] b) {
        if (LineBytes.deeperThan(b, 0, b.length, maxDepth)) {
            return Reason.TOO_DEEP;
        }
        Map<String, Object> doc;
        try (JsonParser p = mapper.getFactory().createParser(b)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return first == null ? Reason.NOT_JSON : notAnObject(p);
            }
            doc = mapper.readValue(p, MAP);
            if (!endsHere(p)) {
                return Reason.TRAILING_DATA;
            }
        } catch (IOException | RuntimeException e) {
            // any failure of the JSON parser on untrusted bytes is a rejected line, never an exception to the caller
            return Reason.NOT_JSON;
        }
        AuditEvent event = AuditEvent.fromMap(doc);
        Instant time = EventTime.of(event.get("@timestamp"));
        if (time == null) {
            return Reason.NOT_AN_EVENT;
        }
        if (requireSeq && !validSeq(event.get("jira_access.seq"))) {
            return Reason.MISSING_SEQ;
        }
        return new Event(event, time);
    }

    /** Whether nothing but whitespace follows: anything else (a second object, a stray word) is data after it. */
    private static boolean endsHere(JsonParser p) {
        try {
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A valid JSON value that is not an object is NOT_AN_OBJECT; invalid JSON stays NOT_JSON. */
    private static Reason notAnObject(JsonParser p) {
        try {
            p.skipChildren();
            return p.nextToken() == null ? Reason.NOT_AN_OBJECT : Reason.NOT_JSON;
        } catch (IOException | RuntimeException e) {
            return Reason.NOT_JSON;
        }
    }

    /**
     * The common line read by streaming over it, or null when the line is anything else: then the general way
     * decides, and gives the same answer for every line the streaming way accepts.
     */
    Line streaming(RawLine raw, byte[] b) {
        StreamedFields.Found found = fields.read(b);
        if (found == null) {
            return null;
        }
        Instant time = found.timestamp != null ? EventTime.of(found.timestamp)
                : found.sawMillis ? EventTime.ofEpochMilli(found.millis) : null;
        if (time == null || (requireSeq && (found.seq == null || found.seq < 1 || found.seq > MAX_SEQ))) {
            return null;
        }
        return new Line(raw.number(), raw.offset(), raw.length(), raw.terminated(), null, b, time, found.seq,
                found.eventId, found.strings, this, null);
    }

    /**
     * For writers of lines this class reads: why a serialized event (valid JSON of our own making) would be
     * rejected, or null. Checks only the limits, so it costs a byte scan rather than a parse.
     */
    Reason refuseToWrite(byte[] json, int length) {
        if (length > maxLineBytes) {
            return Reason.LINE_TOO_LONG;
        }
        return LineBytes.deeperThan(json, 0, length, maxDepth) ? Reason.TOO_DEEP : null;
    }

    /** Whether a {@code @timestamp} written as text is one readers accept ({@link EventTime}). */
    static boolean isInstant(String ts) {
        return EventTime.of(ts) != null;
    }

    private static boolean validSeq(Object seq) {
        if (!(seq instanceof Integer || seq instanceof Long)) {
            return false;
        }
        long n = ((Number) seq).longValue();
        return n > 0 && n <= MAX_SEQ;
    }

    /**
     * Reads lines one at a time with bounded memory: a read buffer and at most one line of
     * {@link #maxLineBytes()}. {@link #nextRaw()} only splits (a reader of records that someone else parses);
     * {@link #next()} also parses. Not thread-safe; does not close its stream.
     */
    public final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[READ_CHUNK];
        private int pos;
        private int limit;
        private boolean eof;
        private byte[] line = new byte[256];
        private long offset;
        private long lines;

        private LineReader(InputStream in, long startOffset, long linesBefore) {
            this.in = in;
            this.offset = startOffset;
            this.lines = linesBefore;
        }

        /** The next non-blank line, parsed, or null at the end of the input. */
        public Line next() throws IOException {
            RawLine raw = nextRaw();
            return raw == null ? null : parse(raw);
        }

        /** The next non-blank line as it is, or null at the end of the input. */
        public RawLine nextRaw() throws IOException {
            while (true) {
                long start = offset;
                long length = 0;
                int kept = 0;
                boolean terminated = false;
                while (true) {
                    if (pos == limit && !fill()) {
                        break;
                    }
                    int nl = indexOf(chunk, pos, limit, (byte) '\n');
                    int end = nl < 0 ? limit : nl;
                    int n = end - pos;
                    // a line over the limit keeps exactly its first maxLineBytes bytes, however the input is chunked
                    int copy = (int) Math.min(n, Math.max(0, maxLineBytes - length));
                    if (copy > 0) {
                        ensureCapacity(kept + copy);
                        System.arraycopy(chunk, pos, line, kept, copy);
                        kept += copy;
                    }
                    length += n;
                    offset += n;
                    pos = end;
                    if (nl >= 0) {
                        pos++;
                        offset++;
                        terminated = true;
                        break;
                    }
                }
                if (!terminated && length == 0) {
                    return null;
                }
                lines++;
                if (length <= maxLineBytes && LineBytes.blank(line, kept)) {
                    continue;
                }
                return new RawLine(lines, start, length, terminated, Arrays.copyOf(line, kept));
            }
        }

        /** The byte offset after the last line returned (where the next one starts). */
        public long offset() {
            return offset;
        }

        /** Lines read so far, blank ones included, counting those before the start position. */
        public long lines() {
            return lines;
        }

        /** Whether the input has been read to its end (then {@link #next()} returns null). */
        public boolean atEnd() {
            return eof && pos == limit;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            int n = in.read(chunk, 0, chunk.length);
            while (n == 0) {
                n = in.read(chunk, 0, chunk.length);
            }
            if (n < 0) {
                eof = true;
                pos = 0;
                limit = 0;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        private void ensureCapacity(int needed) {
            if (needed > line.length) {
                line = Arrays.copyOf(line, Math.min(Math.max(needed, line.length * 2), maxLineBytes));
            }
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }
}
