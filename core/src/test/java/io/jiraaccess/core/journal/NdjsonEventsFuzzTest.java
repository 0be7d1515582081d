package io.jiraaccess.core.journal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.NdjsonEvents.Line;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for {@link NdjsonEvents}, the parser of every journal segment, spool file and Jenkins events
 * response. Seeds: {@code NdjsonEventsFuzzTestInputs/<method>/}; each input is an NDJSON document and is parsed
 * with the default limits (with and without picked string fields) and with tight ones (64-byte lines, depth 3, seq
 * required), so the limits are exercised.
 * <p>Properties, for any bytes:
 * <ul>
 *   <li>nothing is thrown;</li>
 *   <li>the streaming way and the general way give the same line, and an event's fields (timestamp, seq, id, picked
 *   strings) are those its map holds;</li>
 *   <li>accounting is exact: lines read = events + rejections + blank lines, bytes read = input length;</li>
 *   <li>every line is what a slow reference ({@link NdjsonReference}) says: same number, offset, length and
 *   termination, the same event document, or a rejection for an allowed reason;</li>
 *   <li>limits hold: no event comes from a line over the byte limit or nested deeper than the depth limit;</li>
 *   <li>reading is independent of how the stream delivers bytes (one byte at a time up to one chunk), resuming at
 *   a line start with {@code reader(in, offset, lines)} gives the same lines, and {@code parseLine} judges each
 *   terminated line as the reader does.</li>
 * </ul>
 */
class NdjsonEventsFuzzTest {
    /** String fields picked while streaming, as the audit daemon picks them for its credential merges. */
    static final String[] PICKED = {"event.action", "event.outcome", "event.dataset", "jira_access.jira.site",
            "jira_access.jira.flavor", "jira_access.credential.id", "jira_access.credential.kind",
            "jira_access.credential.token_id", "jira_access.credential.name", "jira_access.credential.fingerprint",
            "jira_access.credential.expires_at", "user.name", "service.name"};
    private static final List<NdjsonEvents> PARSERS = List.of(
            NdjsonEvents.defaults(),
            NdjsonEvents.defaults().withStrings(PICKED),
            NdjsonEvents.defaults().maxLineBytes(64).maxDepth(3).requireSeq(true).withStrings("user.name", "event.action"));

    @FuzzTest(maxDuration = "4m")
    void everyLineIsTheEventOrTheRejectionTheReferenceExpects(byte[] data) throws IOException {
        for (NdjsonEvents parser : PARSERS) {
            List<Line> lines = readAll(parser, new ByteArrayInputStream(data));
            List<NdjsonReference.Expected> expected = NdjsonReference.lines(data, parser.maxLineBytes(),
                    parser.maxDepth(), parser.requiresSeq());

            NdjsonEvents.Batch batch = parser.parse(data);
            long blank = expected.stream().filter(NdjsonReference.Expected::blank).count();
            assertEquals(expected.size(), batch.lines(), "lines counted");
            assertEquals(batch.lines(), batch.events().size() + batch.rejectedCount() + blank,
                    "every line is an event, a rejection or blank");
            assertEquals(data.length, batch.bytes(), "bytes counted");
            assertEquals(lines.stream().filter(Line::isEvent).map(Line::event).toList(), batch.events());
            assertEquals(lines.stream().filter(l -> !l.isEvent()).map(Line::rejection).toList(), batch.rejections());

            List<NdjsonReference.Expected> nonBlank = expected.stream().filter(e -> !e.blank()).toList();
            assertEquals(nonBlank.size(), lines.size(), "non-blank lines returned");
            for (int i = 0; i < lines.size(); i++) {
                assertLineAsExpected(parser, nonBlank.get(i), lines.get(i));
            }

            int piece = 1 + Math.floorMod(Arrays.hashCode(data), 97);
            assertEquals(lines, readAll(parser, new Trickle(data, piece)), "read " + piece + " bytes at a time");
            assertResumingAtALineGivesTheSameLines(parser, data, lines);
            assertParseLineAgrees(parser, data, lines);
            assertBothWaysAgree(parser, data);
        }
    }

    /**
     * The streaming way and the general way give the same line, and an event's fields are what its map says: the
     * timestamp by the events' rule, a whole-number seq, a string event.id, each picked field as {@code getString}.
     */
    static void assertBothWaysAgree(NdjsonEvents parser, byte[] data) throws IOException {
        NdjsonEvents.LineReader raw = parser.reader(new ByteArrayInputStream(data));
        for (NdjsonEvents.RawLine r = raw.nextRaw(); r != null; r = raw.nextRaw()) {
            assertSameLine(parser, parser.parse(r, false), parser.parse(r));
        }
    }

    /** Same place, bytes and outcome, and for an event the same fields, each also as its map holds it. */
    static void assertSameLine(NdjsonEvents parser, Line general, Line line) {
        String at = "line " + line.number();
        assertEquals(general, line, at);
        if (!line.isEvent()) {
            assertNull(line.event(), at);
            return;
        }
        AuditEvent event = general.event();
        assertEquals(event.toMap(), line.event().toMap(), at + ": event");
        assertEquals(general.timestamp(), line.timestamp(), at + ": @timestamp");
        assertEquals(NdjsonReference.instant(event.get("@timestamp")), line.timestamp(), at + ": @timestamp by the rule");
        assertEquals(event.get("jira_access.seq") instanceof Long seq ? seq : null, line.seq(), at + ": seq");
        assertEquals(event.get("event.id") instanceof String id ? id : null, line.eventId(), at + ": event.id");
        for (String path : PICKED) {
            assertEquals(event.getString(path), line.string(path), at + ": " + path);
        }
        List<String> picked = parser.pickedPaths();
        for (int i = 0; i < picked.size(); i++) {
            assertEquals(event.getString(picked.get(i)), line.picked(i), at + ": picked " + picked.get(i));
        }
    }

    private static void assertLineAsExpected(NdjsonEvents parser, NdjsonReference.Expected want, Line got) {
        String at = "line " + want.number() + " (limits " + parser.maxLineBytes() + "/" + parser.maxDepth() + ")";
        assertEquals(want.number(), got.number(), at + ": number");
        assertEquals(want.offset(), got.offset(), at + ": offset");
        assertEquals(want.length(), got.length(), at + ": length");
        assertEquals(want.terminated(), got.terminated(), at + ": terminated");
        if (want.event() != null) {
            assertNull(got.rejected(), at + ": must be an event, was rejected");
            // AuditEvent keeps one Java type per kind of number (Long, Double): compare after the same normalization
            assertEquals(AuditEvent.fromMap(want.event()).toMap(), got.event().toMap(), at + ": event document");
            assertTrue(got.length() <= parser.maxLineBytes(), at + ": event from a line over the limit");
            assertTrue(NdjsonReference.depth(got.event().toMap()) <= parser.maxDepth(), at + ": event nested too deep");
        } else {
            assertNull(got.event(), at + ": must be rejected, was an event");
            assertTrue(want.allowed().contains(got.rejected()), at + ": rejected as " + got.rejected()
                    + ", expected one of " + want.allowed());
        }
    }

    /** Where the journal's reader resumes: after line k, at its byte offset, with the line count so far. */
    private static void assertResumingAtALineGivesTheSameLines(NdjsonEvents parser, byte[] data, List<Line> lines)
            throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        // the first, the last and one in between: every line would make the check quadratic in the input
        for (int k : new int[] {0, lines.size() / 2, lines.size() - 1}) {
            Line from = lines.get(k);
            InputStream rest = new ByteArrayInputStream(data, (int) from.offset(), data.length - (int) from.offset());
            List<Line> resumed = new ArrayList<>();
            NdjsonEvents.LineReader reader = parser.reader(rest, from.offset(), from.number() - 1);
            for (Line l = reader.next(); l != null; l = reader.next()) {
                resumed.add(l);
            }
            assertEquals(lines.subList(k, lines.size()), resumed, "resumed at line " + from.number());
            assertEquals(data.length, reader.offset(), "offset after resuming at line " + from.number());
        }
    }

    private static void assertParseLineAgrees(NdjsonEvents parser, byte[] data, List<Line> lines) {
        for (Line line : lines) {
            if (!line.terminated()) {
                continue;
            }
            Line alone = parser.parseLine(data, (int) line.offset(), (int) line.length());
            assertEquals(line.event(), alone.event(), "parseLine event of line " + line.number());
            assertEquals(line.rejected(), alone.rejected(), "parseLine reason of line " + line.number());
            assertEquals(line.length(), alone.length(), "parseLine length of line " + line.number());
        }
    }

    private static List<Line> readAll(NdjsonEvents parser, InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        NdjsonEvents.LineReader reader = parser.reader(in);
        for (Line l = reader.next(); l != null; l = reader.next()) {
            assertNotNull(l.event() == null ? l.rejected() : l.event(), "a line is an event or has a reason");
            lines.add(l);
        }
        return lines;
    }

    /** Serves at most {@code piece} bytes per read, and an empty read before each, as slow pipes and sockets do. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int piece;
        private int pos;
        private boolean emptyNext = true;

        Trickle(byte[] data, int piece) {
            this.data = data;
            this.piece = piece;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            emptyNext = !emptyNext;
            if (!emptyNext) {
                return 0;
            }
            int n = Math.min(Math.min(len, piece), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
