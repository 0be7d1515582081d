package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.NdjsonEvents.Reason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NdjsonEventsTest {
    private static final String GOOD_1 = TestEvents.event("first").toJson();
    private static final String GOOD_2 = TestEvents.event("second").toJson();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsAreReturnedInOrderAndEveryOtherLineIsRejectedWithItsPositionAndReason() {
        String doc = GOOD_1 + "\n"
                + "this is not json\n"
                + "[1,2,3]\n"
                + "{\"message\":\"no timestamp\"}\n"
                + "{\"@timestamp\":\"yesterday\"}\n"
                + GOOD_2 + "\n";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(doc));

        assertEquals(List.of("first", "second"), batch.events().stream().map(e -> e.getString("message")).toList());
        long notJsonAt = GOOD_1.length() + 1;
        long arrayAt = notJsonAt + "this is not json\n".length();
        long noTimestampAt = arrayAt + "[1,2,3]\n".length();
        long badTimestampAt = noTimestampAt + "{\"message\":\"no timestamp\"}\n".length();
        assertEquals(List.of(
                new NdjsonEvents.Rejection(2, notJsonAt, Reason.NOT_JSON),
                new NdjsonEvents.Rejection(3, arrayAt, Reason.NOT_AN_OBJECT),
                new NdjsonEvents.Rejection(4, noTimestampAt, Reason.NOT_AN_EVENT),
                new NdjsonEvents.Rejection(5, badTimestampAt, Reason.NOT_AN_EVENT)), batch.rejections());
        assertEquals(6, batch.lines());
        assertEquals(utf8(doc).length, batch.bytes());
    }

    @Test
    void parsedEventEqualsTheEventThatWasSerialized() {
        AuditEvent original = TestEvents.event("round trip");
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(original.toJson() + "\n"));
        assertEquals(List.of(original), batch.events());
    }

    @Test
    void rejectionsNeverQuoteTheLine() {
        String secretLooking = "{\"token\":\"ghp_SuperSecretValue123\"";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(secretLooking + "\nnot-json ghp_SuperSecretValue123\n"));
        assertEquals(2, batch.rejectedCount());
        for (NdjsonEvents.Rejection r : batch.rejections()) {
            assertThat(r.toString()).doesNotContain("SuperSecret").doesNotContain("token");
        }
        assertEquals("line 1 (byte 0): not valid JSON", batch.rejections().get(0).toString());
    }

    @Test
    void lineOverTheLimitIsSkippedWithoutBufferingItAndTheNextLineIsRead() throws IOException {
        long hugeLength = 256L * 1024 * 1024;
        byte[] tail = utf8("\n" + GOOD_1 + "\n");
        InputStream in = new InputStream() {
            private long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served < hugeLength) {
                    int n = (int) Math.min(len, hugeLength - served);
                    java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                    served += n;
                    return n;
                }
                int pos = (int) (served - hugeLength);
                if (pos >= tail.length) {
                    return -1;
                }
                int n = Math.min(len, tail.length - pos);
                System.arraycopy(tail, pos, b, off, n);
                served += n;
                return n;
            }
        };
        NdjsonEvents parser = NdjsonEvents.defaults().maxLineBytes(1024);
        NdjsonEvents.LineReader reader = parser.reader(in);

        NdjsonEvents.Line huge = reader.next();
        assertEquals(Reason.LINE_TOO_LONG, huge.rejected());
        assertEquals(hugeLength, huge.length());
        NdjsonEvents.Line next = reader.next();
        assertEquals("first", next.event().getString("message"));
        assertEquals(hugeLength + 1, next.offset());
        assertNull(reader.next());
    }

    @Test
    void lineExactlyAtTheLimitIsParsed() {
        byte[] line = utf8(GOOD_1);
        NdjsonEvents atLimit = NdjsonEvents.defaults().maxLineBytes(line.length);
        NdjsonEvents belowLimit = NdjsonEvents.defaults().maxLineBytes(line.length - 1);
        assertEquals(1, atLimit.parse(utf8(GOOD_1 + "\n")).events().size());
        assertEquals(List.of(Reason.LINE_TOO_LONG),
                belowLimit.parse(utf8(GOOD_1 + "\n")).rejections().stream().map(NdjsonEvents.Rejection::reason).toList());
    }

    @Test
    void deepNestingIsRejectedBeforeAnyParserRecurses() {
        String deep = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(deep + "\n"));
        assertEquals(List.of(new NdjsonEvents.Rejection(1, 0, Reason.TOO_DEEP)), batch.rejections());
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndBracketsInsideStringsDoNotCount() {
        NdjsonEvents parser = NdjsonEvents.defaults().maxDepth(3);
        String depth3 = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"a\":{\"b\":[1]},\"s\":\"[[[[{{{{\\\"[[\"}";
        String depth4 = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"a\":{\"b\":[[1]]}}";
        NdjsonEvents.Batch batch = parser.parse(utf8(depth3 + "\n" + depth4 + "\n"));
        assertEquals(1, batch.events().size());
        assertEquals(List.of(new NdjsonEvents.Rejection(2, depth3.length() + 1, Reason.TOO_DEEP)), batch.rejections());
    }

    @Test
    void duplicateKeysAreNotJsonAndAnythingAfterTheObjectIsTrailingData() {
        String duplicate = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"@timestamp\":\"2026-01-01T00:00:00Z\"}";
        String nestedDuplicate = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"event\":{\"id\":\"a\",\"id\":\"b\"}}";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(duplicate + "\n" + nestedDuplicate + "\n"
                + GOOD_1 + GOOD_2 + "\n" + GOOD_1 + " xyz\n" + GOOD_1 + " {\"more\":1}\n" + GOOD_1 + "}\n"));
        assertEquals(0, batch.events().size());
        assertEquals(List.of(Reason.NOT_JSON, Reason.NOT_JSON, Reason.TRAILING_DATA, Reason.TRAILING_DATA,
                        Reason.TRAILING_DATA, Reason.TRAILING_DATA),
                batch.rejections().stream().map(NdjsonEvents.Rejection::reason).toList());
    }

    @Test
    void whitespaceAroundTheObjectKeepsItAnEventWithItsBytesAsTheyAre() throws IOException {
        String spaced = " \t" + GOOD_1 + "  \t";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(spaced + "\r\n"));
        assertEquals(List.of(TestEvents.event("first")), batch.events());
        NdjsonEvents.Line line = NdjsonEvents.defaults().reader(new ByteArrayInputStream(utf8(spaced + "\r\n"))).next();
        assertEquals(spaced, new String(line.bytes(), StandardCharsets.UTF_8), "the line without its CR LF");
    }

    @Test
    void invalidUtf8IsRefusedAsSuchAndNulBytesAreNotJson() {
        byte[] doc = new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n', 0, 0, 0, '\n'};
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(doc);
        assertEquals(List.of(new NdjsonEvents.Rejection(1, 0, Reason.NOT_UTF8), new NdjsonEvents.Rejection(2, 9, Reason.NOT_JSON)),
                batch.rejections());
        // an overlong encoding of 'a' and an encoded surrogate, inside a string value: not UTF-8
        byte[] good = utf8(GOOD_1);
        int at = GOOD_1.indexOf("first");
        for (byte[] bad : new byte[][] {{(byte) 0xC1, (byte) 0xA1}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] line = new byte[good.length + bad.length];
            System.arraycopy(good, 0, line, 0, at);
            System.arraycopy(bad, 0, line, at, bad.length);
            System.arraycopy(good, at, line, at + bad.length, good.length - at);
            assertEquals(Reason.NOT_UTF8, NdjsonEvents.defaults().parseLine(line, 0, line.length).rejected());
        }
    }

    @Test
    void timestampsAreIsoDateTimesWithOffsetOrEpochMillisecondsFrom1970To9999() {
        NdjsonEvents parser = NdjsonEvents.defaults();
        Map<String, Instant> accepted = Map.of(
                "\"2026-03-14T10:00:00Z\"", Instant.parse("2026-03-14T10:00:00Z"),
                "\"2026-03-14T10:00:00.123+02:00\"", Instant.parse("2026-03-14T08:00:00.123Z"),
                "\"2026-03-14T10:00Z\"", Instant.parse("2026-03-14T10:00:00Z"),
                "1773446400000", Instant.parse("2026-03-14T00:00:00Z"),
                "0", Instant.EPOCH,
                "\"9999-12-31T23:59:59Z\"", Instant.parse("9999-12-31T23:59:59Z"));
        accepted.forEach((ts, instant) -> {
            byte[] line = utf8("{\"@timestamp\":" + ts + "}");
            assertEquals(instant, parser.parseLine(line, 0, line.length).timestamp(), ts);
        });
        for (String ts : List.of("\"2026-03-14T10:00:00\"", "\"2026-03-14\"", "\"yesterday\"", "-1", "1.5e12",
                "99999999999999999999", "\"1969-12-31T23:59:59Z\"", "\"+10000-01-01T00:00:00Z\"", "null", "true",
                "[\"2026-03-14T10:00:00Z\"]")) {
            byte[] line = utf8("{\"@timestamp\":" + ts + "}");
            assertEquals(Reason.NOT_AN_EVENT, parser.parseLine(line, 0, line.length).rejected(), ts);
        }
    }

    @Test
    void aCoreEventIsReadByStreamingWithItsFieldsAndAgreesWithTheGeneralWay() throws IOException {
        NdjsonEvents parser = NdjsonEvents.defaults().withStrings(NdjsonEventsFuzzTest.PICKED);
        NdjsonEvents.RawLine raw = parser.reader(new ByteArrayInputStream(utf8(rotated() + "\n"))).nextRaw();
        NdjsonEvents.Line fast = parser.streaming(raw, raw.bytes());
        assertNotNull(fast, "a core event takes the streaming way");
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), fast.timestamp());
        assertEquals(9L, fast.seq());
        assertEquals("ci:r", fast.eventId());
        assertEquals("credential.rotated", fast.string("event.action"));
        assertEquals("https://jira.example.com", fast.string("jira_access.jira.site"));
        assertEquals("17", fast.string("jira_access.credential.token_id"));
        assertEquals("ann", fast.string("user.name"));
        assertEquals("ci-main", fast.string("service.name"));
        assertEquals("2026-06-01T00:00:00Z", fast.string("jira_access.credential.expires_at"));
        assertEquals(List.of("read"), fast.event().get("jira_access.credential.scopes"), "the rest from the map");
        NdjsonEventsFuzzTest.assertSameLine(parser, parser.parse(raw, false), fast);
    }

    @Test
    void aFlattenedKeyThatCouldSpellAFieldReadIsLeftToTheGeneralWay() throws IOException {
        NdjsonEvents parser = NdjsonEvents.defaults().withStrings("user.name");
        String userTwice = rotated().replace("\"user\":{", "\"user.name\":\"bob\",\"user\":{");
        for (String line : List.of(userTwice,
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":null},\"event.id\":\"c\"}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"jira_access\":{\"seq\":null},\"jira_access.seq\":3}")) {
            NdjsonEvents.RawLine raw = parser.reader(new ByteArrayInputStream(utf8(line))).nextRaw();
            assertNull(parser.streaming(raw, raw.bytes()), line);
            NdjsonEvents.Line general = parser.parse(raw);
            assertEquals(general.event().getString("user.name"), general.string("user.name"), line);
            assertEquals(general.event().get("event.id"), general.eventId(), line);
            assertEquals(general.event().get("jira_access.seq"), general.seq(), line);
        }
        byte[] both = utf8(userTwice);
        assertEquals("ann", NdjsonEvents.defaults().withStrings("user.name").parseLine(both, 0, both.length)
                .string("user.name"), "the nested one first, as AuditEvent.getString reads it");
    }

    /**
     * Differential check: ten thousand mutations of event lines (flattened and repeated keys, nulls, numbers, escapes,
     * broken syntax, non-ASCII, data after the object): wherever the streaming way answers, the general way gives the
     * same line and fields.
     */
    @Test
    void streamingAndGeneralWaysAgreeOnMutatedLines() throws IOException {
        NdjsonEvents parser = NdjsonEvents.defaults().withStrings(NdjsonEventsFuzzTest.PICKED);
        List<String> seeds = List.of(
                GOOD_1,
                "{\"@timestamp\":1773446400000,\"event\":{\"id\":\"x\",\"kind\":\"event\"},\"jira_access\":{\"seq\":7}}",
                "{\"event\":{\"id\":\"b\"},\"@timestamp\":\"2026-03-14T10:00:00+02:00\",\"tags\":[1,2.5,{\"a\":null}]}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event.id\":\"flat\",\"jira_access.seq\":3}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"a\"},\"event\":{\"id\":\"b\"}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"\\u00fc\\\"q\"},\"message\":\"\u00fcber \u2603\"}",
                "{\"@timestamp\":99999999999999999999,\"event\":{\"id\":\"big\"},\"jira_access\":{\"seq\":1.5}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"  \"},\"jira_access\":{\"seq\":null}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"t\"}} {\"@timestamp\":\"2026-03-14T10:00:00Z\"}",
                rotated(),
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"u\",\"action\":\"token.used\",\"outcome\":\"success\"},"
                        + "\"user\":{\"name\":\"ann\"},\"user.name\":\"bob\",\"service\":null,\"jira_access\":{\"jira\":{\"site\":\"s\"},"
                        + "\"jira.site\":\"t\",\"credential\":{\"id\":\"c\",\"kind\":7,\"name\":null}}}");
        String alphabet = "{}[]\":,\\ 0123456789.eE-+tfnul\r\u00fc\u2603\u0001abc@_";
        Random random = new Random(20261129);
        int streamed = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder line = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int m = random.nextInt(4); m > 0 && line.length() > 0; m--) {
                int at = random.nextInt(line.length());
                switch (random.nextInt(4)) {
                    case 0 -> line.deleteCharAt(at);
                    case 1 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> line.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> line.setLength(at);
                }
            }
            NdjsonEvents.RawLine raw = parser.reader(new ByteArrayInputStream(utf8(line + "\n"))).nextRaw();
            if (raw == null) {
                continue;
            }
            if (parser.streaming(raw, raw.bytes()) != null) {
                streamed++;
            }
            NdjsonEventsFuzzTest.assertSameLine(parser, parser.parse(raw, false), parser.parse(raw));
        }
        assertThat(streamed).as("lines the streaming way read").isGreaterThan(500);
    }

    @Test
    void nestingAtTheLimitIsStreamedAndOneDeeperIsTooDeep() throws IOException {
        NdjsonEvents parser = NdjsonEvents.defaults().maxDepth(3);
        String depth3 = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"a\":{\"b\":[1]}}";
        NdjsonEvents.RawLine raw = parser.reader(new ByteArrayInputStream(utf8(depth3))).nextRaw();
        assertNotNull(parser.streaming(raw, raw.bytes()));
        String depth4 = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"a\":{\"b\":[[1]]}}";
        NdjsonEvents.RawLine deeper = parser.reader(new ByteArrayInputStream(utf8(depth4 + "\n"))).nextRaw();
        assertNull(parser.streaming(deeper, deeper.bytes()));
        assertEquals(Reason.TOO_DEEP, parser.parse(deeper).rejected());
    }

    @Test
    void asciiIsTheAbsenceOfAnyByteAbove0x7fWhereverItIs() {
        for (int length = 0; length <= 40; length++) {
            byte[] line = new byte[length];
            Arrays.fill(line, (byte) 'a');
            assertTrue(LineBytes.ascii(line), "length " + length);
            for (int at = 0; at < length; at++) {
                for (byte high : new byte[] {(byte) 0x80, (byte) 0xc3, (byte) 0xff}) {
                    line[at] = high;
                    assertFalse(LineBytes.ascii(line), "length " + length + " at " + at);
                    line[at] = (byte) 0x7f;
                    assertTrue(LineBytes.ascii(line), "length " + length + " at " + at);
                    line[at] = 'a';
                }
            }
        }
    }

    @Test
    void aPathThatIsReadAlreadyOrPrefixesAnotherCannotBePicked() {
        for (String[] paths : new String[][] {{"event.id"}, {"user", "user.name"}, {"user.name", "user"}, {"a..b"}, {"user.name", "user.name"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NdjsonEvents.defaults().withStrings(paths));
            assertThat(e.getMessage()).startsWith("cannot pick '");
        }
    }

    @Test
    void aLineOverTheLimitKeepsExactlyItsFirstBytesHoweverItArrives() throws IOException {
        NdjsonEvents parser = NdjsonEvents.defaults().maxLineBytes(10);
        byte[] doc = utf8("0123456789abcdef\n");
        NdjsonEvents.RawLine whole = parser.reader(new ByteArrayInputStream(doc)).nextRaw();
        assertTrue(whole.tooLong());
        assertEquals("0123456789", new String(whole.bytes(), StandardCharsets.UTF_8));
        assertEquals(16, whole.length());
    }

    /** A core {@code credential.rotated} event with every credential field the daemon's merges read. */
    private static String rotated() {
        return AuditEvent.builder(EventAction.CREDENTIAL_ROTATED, Instant.parse("2026-03-14T10:00:00Z")).id("ci:r").seq(9)
                .credential("jira-pat", "pat", "sha256:ab", Instant.parse("2026-06-01T00:00:00Z"), List.of("read"), null)
                .set("jira_access.credential.token_id", "17").set("jira_access.credential.name", "jira-access-1")
                .jira("https://jira.example.com", "datacenter").user("ann", null).service("ci-main").outcome(true)
                .build().toJson();
    }

    @Test
    void blankLinesAndCarriageReturnsAreTolerated() {
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8("\n  \n" + GOOD_1 + "\r\n\r\n" + GOOD_2));
        assertEquals(2, batch.events().size());
        assertEquals(0, batch.rejectedCount());
    }

    @Test
    void unterminatedLastLineIsAnEventWhenCompleteAndIncompleteOtherwise() throws IOException {
        NdjsonEvents.LineReader complete = NdjsonEvents.defaults().reader(new ByteArrayInputStream(utf8(GOOD_1 + "\n" + GOOD_2)));
        assertTrue(complete.next().terminated());
        NdjsonEvents.Line last = complete.next();
        assertFalse(last.terminated());
        assertEquals("second", last.event().getString("message"));

        String torn = GOOD_2.substring(0, GOOD_2.length() / 2);
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(GOOD_1 + "\n" + torn));
        assertEquals(1, batch.events().size());
        assertEquals(List.of(new NdjsonEvents.Rejection(2, GOOD_1.length() + 1, Reason.INCOMPLETE)), batch.rejections());
    }

    @Test
    void requiredSeqMustBeAPositiveInteger() {
        NdjsonEvents parser = NdjsonEvents.defaults().requireSeq(true);
        String ts = "\"@timestamp\":\"2025-01-01T00:00:00Z\"";
        String doc = "{" + ts + ",\"jira_access\":{\"seq\":7}}\n"
                + "{" + ts + "}\n"
                + "{" + ts + ",\"jira_access\":{\"seq\":\"7\"}}\n"
                + "{" + ts + ",\"jira_access\":{\"seq\":0}}\n"
                + "{" + ts + ",\"jira_access\":{\"seq\":7.5}}\n"
                + "{" + ts + ",\"jira_access\":{\"seq\":99999999999999999999}}\n";
        NdjsonEvents.Batch batch = parser.parse(utf8(doc));
        assertEquals(List.of(7L), TestEvents.seqs(batch.events()));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), batch.rejections().stream().map(NdjsonEvents.Rejection::line).toList());
        assertThat(batch.rejections()).allMatch(r -> r.reason() == Reason.MISSING_SEQ);
        assertEquals(1, NdjsonEvents.defaults().parse(utf8("{" + ts + "}\n")).events().size());
    }

    @Test
    void readerStartedMidDocumentReportsDocumentPositions() throws IOException {
        byte[] rest = utf8("garbage\n" + GOOD_1 + "\n");
        NdjsonEvents.LineReader reader = NdjsonEvents.defaults().reader(new ByteArrayInputStream(rest), 1000, 10);
        NdjsonEvents.Line garbage = reader.next();
        assertEquals(new NdjsonEvents.Rejection(11, 1000, Reason.NOT_JSON), garbage.rejection());
        NdjsonEvents.Line event = reader.next();
        assertEquals(12, event.number());
        assertEquals(1008, event.offset());
        assertEquals(1000 + rest.length, reader.offset());
    }

    @Test
    void parseLineJudgesOneLine() {
        byte[] bytes = utf8("xx" + GOOD_1 + "yy");
        NdjsonEvents.Line line = NdjsonEvents.defaults().parseLine(bytes, 2, bytes.length - 4);
        assertEquals("first", line.event().getString("message"));
        assertEquals(Reason.NOT_JSON, NdjsonEvents.defaults().parseLine(bytes, 0, bytes.length).rejected());
    }
}
