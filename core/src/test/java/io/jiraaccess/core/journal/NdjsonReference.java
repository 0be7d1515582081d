package io.jiraaccess.core.journal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jiraaccess.core.journal.NdjsonEvents.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A slow, obviously correct model of {@link NdjsonEvents}, for the fuzz target: splits the whole input on line
 * breaks up front and judges each line with an ordinary Jackson tree, so it shares none of the parser's streaming,
 * buffering or depth pre-scan.
 */
final class NdjsonReference {
    private static final ObjectMapper TREE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Reads the first value of a line and ignores what follows, to tell data after an object from bad JSON. */
    private static final ObjectMapper FIRST_VALUE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    /**
     * One line as the reference sees it.
     *
     * @param event   the event document, when the line must be an event
     * @param allowed the reasons the parser may give, when it must not be an event (more than one only where the
     *                contract leaves it open: invalid JSON may be refused for its depth first)
     */
    record Expected(long number, long offset, int length, boolean terminated, boolean blank,
                    Map<String, Object> event, Set<Reason> allowed) {
    }

    private NdjsonReference() {
    }

    static List<Expected> lines(byte[] data, int maxLineBytes, int maxDepth, boolean requireSeq) {
        List<Expected> out = new ArrayList<>();
        int start = 0;
        long number = 0;
        for (int i = 0; i <= data.length; i++) {
            boolean end = i == data.length;
            if (!end && data[i] != '\n') {
                continue;
            }
            if (end && start == data.length) {
                break;
            }
            number++;
            byte[] line = Arrays.copyOfRange(data, start, i);
            out.add(judge(number, start, line, !end, maxLineBytes, maxDepth, requireSeq));
            start = i + 1;
        }
        return out;
    }

    private static Expected judge(long number, long offset, byte[] line, boolean terminated, int maxLineBytes,
                                  int maxDepth, boolean requireSeq) {
        if (line.length > maxLineBytes) {
            return rejected(number, offset, line, terminated, Set.of(Reason.LINE_TOO_LONG));
        }
        if (isBlank(line)) {
            return new Expected(number, offset, line.length, terminated, true, null, Set.of());
        }
        if (!isUtf8(line)) {
            return rejected(number, offset, line, terminated, Set.of(Reason.NOT_UTF8));
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(line);
        } catch (IOException | RuntimeException e) {
            boolean objectThenMore = firstValueIsAnObject(line);
            return rejected(number, offset, line, terminated,
                    Set.of(objectThenMore ? Reason.TRAILING_DATA : Reason.NOT_JSON, Reason.TOO_DEEP));
        }
        if (tree == null || tree.isMissingNode()) {
            // nothing but whitespace once Jackson has detected the encoding (a tab and a NUL read as UTF-16)
            return rejected(number, offset, line, terminated, Set.of(Reason.NOT_JSON));
        }
        if (depth(tree) > maxDepth) {
            return rejected(number, offset, line, terminated, Set.of(Reason.TOO_DEEP));
        }
        if (!tree.isObject()) {
            return rejected(number, offset, line, terminated, Set.of(Reason.NOT_AN_OBJECT));
        }
        JsonNode ts = tree.get("@timestamp");
        if (ts == null || !isTimestamp(ts)) {
            return rejected(number, offset, line, terminated, Set.of(Reason.NOT_AN_EVENT));
        }
        if (requireSeq && !validSeq(tree)) {
            return rejected(number, offset, line, terminated, Set.of(Reason.MISSING_SEQ));
        }
        try {
            return new Expected(number, offset, line.length, terminated, false, TREE.readValue(line, MAP), Set.of());
        } catch (IOException e) {
            throw new AssertionError("the reference read the line as a tree but not as a map", e);
        }
    }

    private static Expected rejected(long number, long offset, byte[] line, boolean terminated, Set<Reason> reasons) {
        // a last line without a line break that is not an event is reported as incomplete, whatever else is wrong
        Set<Reason> allowed = terminated || reasons.contains(Reason.LINE_TOO_LONG) ? reasons : Set.of(Reason.INCOMPLETE);
        return new Expected(number, offset, line.length, terminated, false, null, allowed);
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Nesting depth counting objects and arrays: {@code {}} is 1, a scalar 0. */
    static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    @SuppressWarnings("unchecked")
    static int depth(Object value) {
        if (value instanceof Map<?, ?> m) {
            int deepest = 0;
            for (Object v : m.values()) {
                deepest = Math.max(deepest, depth(v));
            }
            return deepest + 1;
        }
        if (value instanceof List<?> l) {
            int deepest = 0;
            for (Object v : l) {
                deepest = Math.max(deepest, depth(v));
            }
            return deepest + 1;
        }
        return 0;
    }

    /**
     * The events' rule, written out: text that {@link Instant#parse} or {@link OffsetDateTime#parse} reads, or an
     * integer of epoch milliseconds that fits a long; from 1970 to the last second of 9999.
     */
    static boolean isTimestamp(JsonNode ts) {
        if (ts.isTextual()) {
            return instant(ts.textValue()) != null;
        }
        return (ts.isInt() || ts.isLong()) && instant(ts.longValue()) != null;
    }

    /** The instant of a {@code @timestamp} as a parsed event holds it (a string or a Long), by the rule above. */
    static Instant instant(Object value) {
        Instant t;
        if (value instanceof String text) {
            try {
                t = Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    t = OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        } else if (value instanceof Long millis) {
            t = Instant.ofEpochMilli(millis);
        } else {
            return null;
        }
        return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t;
    }

    /** Strictly valid UTF-8, as the JDK's decoder judges it. */
    static boolean isUtf8(byte[] line) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether the line starts with a well-formed JSON object (so what made the whole line fail follows it). */
    private static boolean firstValueIsAnObject(byte[] line) {
        try (JsonParser p = FIRST_VALUE.createParser(line)) {
            JsonNode first = FIRST_VALUE.readTree(p);
            return first != null && first.isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code jira_access.seq} nested (preferred when present and not null) or as a flattened key, 1 to 2^53 - 1. */
    private static boolean validSeq(JsonNode root) {
        JsonNode seq = root.path("jira_access").path("seq");
        if (seq.isMissingNode() || seq.isNull()) {
            seq = root.path("jira_access.seq");
        }
        return (seq.isInt() || seq.isLong()) && seq.longValue() > 0 && seq.longValue() <= (1L << 53) - 1;
    }
}
