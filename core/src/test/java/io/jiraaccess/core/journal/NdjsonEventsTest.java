package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.NdjsonEvents.Reason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void duplicateKeysAndTrailingContentAreNotJson() {
        String duplicate = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"@timestamp\":\"2026-01-01T00:00:00Z\"}";
        String trailing = GOOD_1 + " {\"more\":1}";
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(utf8(duplicate + "\n" + trailing + "\n"));
        assertEquals(0, batch.events().size());
        assertEquals(List.of(Reason.NOT_JSON, Reason.NOT_JSON),
                batch.rejections().stream().map(NdjsonEvents.Rejection::reason).toList());
    }

    @Test
    void invalidUtf8AndNulBytesAreNotJson() {
        byte[] doc = new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n', 0, 0, 0, '\n'};
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(doc);
        assertEquals(List.of(new NdjsonEvents.Rejection(1, 0, Reason.NOT_JSON), new NdjsonEvents.Rejection(2, 9, Reason.NOT_JSON)),
                batch.rejections());
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
