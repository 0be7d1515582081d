package io.jiraaccess.core.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses NDJSON audit events: the one place where journal segments, spool files and the Jenkins events endpoint's
 * responses are read. Parsing is a pure function of the bytes, so it can be fuzzed.
 * <p>Hostile input cannot exhaust memory: a line longer than {@link #maxLineBytes()} is skipped without being
 * buffered, and JSON nested deeper than {@link #maxDepth()} is refused before it is parsed. A line that is not an
 * event is reported as a {@link Rejection} (line number, byte offset, {@link Reason}); rejections never quote the
 * line, which could contain anything. Blank lines are skipped without a rejection. A final line without a line
 * break is parsed like any other; {@link Line#terminated()} tells the caller, and if it does not parse it is
 * rejected as {@link Reason#INCOMPLETE} (a torn write or a truncated transfer) rather than as garbage.
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

    private static final NdjsonEvents DEFAULTS = new NdjsonEvents(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DEPTH, false);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final int READ_CHUNK = 64 * 1024;

    /** Why a line was not returned as an event. */
    public enum Reason {
        LINE_TOO_LONG("line longer than the limit"),
        TOO_DEEP("JSON nested deeper than the limit"),
        NOT_JSON("not valid JSON"),
        NOT_AN_OBJECT("not a JSON object"),
        NOT_AN_EVENT("missing or invalid @timestamp"),
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
     * One non-blank line: its 1-based number, the byte offset where it starts, its length in bytes (without the
     * line break), whether a line break ended it, and either the event or the reason it was rejected.
     */
    public record Line(long number, long offset, long length, boolean terminated, AuditEvent event, Reason rejected) {
        public boolean isEvent() {
            return event != null;
        }

        /** The rejection, or null for an event. */
        public Rejection rejection() {
            return rejected == null ? null : new Rejection(number, offset, rejected);
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
    private final ObjectMapper mapper;

    private NdjsonEvents(int maxLineBytes, int maxDepth, boolean requireSeq) {
        if (maxLineBytes < 2) {
            throw new IllegalArgumentException("maxLineBytes must be at least 2, was " + maxLineBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        this.maxLineBytes = maxLineBytes;
        this.maxDepth = maxDepth;
        this.requireSeq = requireSeq;
        JsonFactory factory = JsonFactory.builder()
                // backstops behind the line limit and the depth pre-scan
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth + 1)
                        .maxStringLength(maxLineBytes)
                        .build())
                // two values for one key would let a line say two things (two @timestamps): refuse it
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** 1 MiB lines, nesting depth 32, {@code jira_access.seq} not required. */
    public static NdjsonEvents defaults() {
        return DEFAULTS;
    }

    public NdjsonEvents maxLineBytes(int bytes) {
        return new NdjsonEvents(bytes, maxDepth, requireSeq);
    }

    public NdjsonEvents maxDepth(int depth) {
        return new NdjsonEvents(maxLineBytes, depth, requireSeq);
    }

    /** Whether an event must carry an integer {@code jira_access.seq} from 1 to {@link #MAX_SEQ} (journal lines do). */
    public NdjsonEvents requireSeq(boolean required) {
        return new NdjsonEvents(maxLineBytes, maxDepth, required);
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
        if (length > maxLineBytes) {
            return new Line(1, 0, length, true, null, Reason.LINE_TOO_LONG);
        }
        Object parsed = parseEvent(bytes, offset, length);
        return parsed instanceof AuditEvent e
                ? new Line(1, 0, length, true, e, null)
                : new Line(1, 0, length, true, null, (Reason) parsed);
    }

    /** An AuditEvent, or the Reason the bytes are not one. */
    private Object parseEvent(byte[] b, int off, int len) {
        if (deeperThan(b, off, len, maxDepth)) {
            return Reason.TOO_DEEP;
        }
        Map<String, Object> doc;
        try (JsonParser p = mapper.getFactory().createParser(b, off, len)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return first == null ? Reason.NOT_JSON : notAnObject(p);
            }
            doc = mapper.readValue(p, MAP);
            if (p.nextToken() != null) {
                return Reason.NOT_JSON;
            }
        } catch (IOException | RuntimeException e) {
            // any failure of the JSON parser on untrusted bytes is a rejected line, never an exception to the caller
            return Reason.NOT_JSON;
        }
        AuditEvent event = AuditEvent.fromMap(doc);
        if (!(event.get("@timestamp") instanceof String ts) || !isInstant(ts)) {
            return Reason.NOT_AN_EVENT;
        }
        if (requireSeq && !validSeq(event.get("jira_access.seq"))) {
            return Reason.MISSING_SEQ;
        }
        return event;
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
     * For writers of lines this class reads: why a serialized event (valid JSON of our own making) would be
     * rejected, or null. Checks only the limits, so it costs a byte scan rather than a parse.
     */
    Reason refuseToWrite(byte[] json, int length) {
        if (length > maxLineBytes) {
            return Reason.LINE_TOO_LONG;
        }
        return deeperThan(json, 0, length, maxDepth) ? Reason.TOO_DEEP : null;
    }

    static boolean isInstant(String ts) {
        try {
            Instant.parse(ts);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean validSeq(Object seq) {
        if (!(seq instanceof Integer || seq instanceof Long)) {
            return false;
        }
        long n = ((Number) seq).longValue();
        return n > 0 && n <= MAX_SEQ;
    }

    /** Counts bracket depth outside strings, so a deeply nested line is refused before any parser recurses. */
    static boolean deeperThan(byte[] b, int off, int len, int max) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    private static boolean blank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads lines one at a time with bounded memory: a read buffer and at most one line of
     * {@link #maxLineBytes()}. Not thread-safe; does not close its stream.
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

        /** The next non-blank line, or null at the end of the input. */
        public Line next() throws IOException {
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
                    if (length + n <= maxLineBytes) {
                        ensureCapacity(kept + n);
                        System.arraycopy(chunk, pos, line, kept, n);
                        kept += n;
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
                if (length > maxLineBytes) {
                    return new Line(lines, start, length, terminated, null, Reason.LINE_TOO_LONG);
                }
                if (blank(line, kept)) {
                    continue;
                }
                Object parsed = parseEvent(line, 0, kept);
                if (parsed instanceof AuditEvent e) {
                    return new Line(lines, start, length, terminated, e, null);
                }
                return new Line(lines, start, length, terminated, null, terminated ? (Reason) parsed : Reason.INCOMPLETE);
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
