package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.inventory.CredentialFacts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class EventLineParserTest {
    @Test
    void asciiIsTheAbsenceOfAnyByteAbove0x7fWhereverItIs() {
        for (int length = 0; length <= 40; length++) {
            byte[] line = new byte[length];
            java.util.Arrays.fill(line, (byte) 'a');
            org.junit.jupiter.api.Assertions.assertTrue(EventLineParser.ascii(line), "length " + length);
            for (int at = 0; at < length; at++) {
                for (byte high : new byte[]{(byte) 0x80, (byte) 0xc3, (byte) 0xff}) {
                    line[at] = high;
                    org.junit.jupiter.api.Assertions.assertFalse(EventLineParser.ascii(line), "length " + length + " at " + at);
                    line[at] = (byte) 0x7f;
                    org.junit.jupiter.api.Assertions.assertTrue(EventLineParser.ascii(line), "length " + length + " at " + at);
                    line[at] = 'a';
                }
            }
        }
    }

    @Test
    void aCoreEventKeepsItsIdItsBytesAndLandsInTheIndexOfItsDay() {
        String line = AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-03-14T23:59:59Z"))
                .id("ci-main:42").build().toJson();
        EventLineParser.Parsed p = assertInstanceOf(EventLineParser.Parsed.class, EventLineParser.parse(line, "spool", "f line 1"));
        assertEquals("ci-main:42", p.document().eventId());
        assertEquals("ci-main:42", p.document().id());
        assertEquals("jira-access-events-2026.03.14", p.document().index());
        assertEquals(line, new String(p.document().json(), StandardCharsets.UTF_8));
        assertEquals("f line 1", p.document().location());
    }

    @Test
    void anEventWithoutIdGetsTheSameContentDerivedIdEveryTime() {
        String line = "{\"@timestamp\":\"2026-03-14T10:00:00+02:00\",\"event\":{\"action\":\"token.used\"}}";
        EventLineParser.Parsed a = (EventLineParser.Parsed) EventLineParser.parse(line, "spool", null);
        EventLineParser.Parsed b = (EventLineParser.Parsed) EventLineParser.parse(line + "\r", "spool", null);
        assertEquals("spool-" + DocumentIds.sha256Hex(line), a.document().eventId());
        assertEquals(a.document().eventId(), b.document().eventId());
        assertEquals(a.document().eventId(), a.event().id());
        assertEquals("jira-access-events-2026.03.14", a.document().index());
        assertThat(new String(a.document().json(), StandardCharsets.UTF_8)).contains("\"id\":\"" + a.document().eventId() + "\"");
    }

    @Test
    void linesThatAreNotEventsSayWhy() {
        assertEquals("not a JSON object (column 2)", garbage("{x"));
        assertEquals("not a JSON object (column 1)", garbage("[1,2]"));
        assertEquals("no @timestamp", garbage("{\"event\":{\"id\":\"a\"}}"));
        assertEquals("@timestamp 'yesterday' is not an ISO-8601 date-time or epoch milliseconds",
                garbage("{\"@timestamp\":\"yesterday\"}"));
        assertEquals("event.id must be a string", garbage("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"id\":7}}"));
        assertEquals("@timestamp '99999999999999999' is not an ISO-8601 date-time or epoch milliseconds",
                garbage("{\"@timestamp\":99999999999999999}"));
    }

    @Test
    void blankLinesAreSkippedNotCounted() {
        assertInstanceOf(EventLineParser.Blank.class, EventLineParser.parse("", "spool", null));
        assertInstanceOf(EventLineParser.Blank.class, EventLineParser.parse("  \r", "spool", null));
    }

    @Test
    void epochMillisecondsAreAcceptedAsTimestamps() {
        EventLineParser.Parsed p = (EventLineParser.Parsed) EventLineParser.parse(
                "{\"@timestamp\":1773446400000,\"event\":{\"id\":\"x\"}}", "spool", null);
        assertEquals("jira-access-events-2026.03.14", p.document().index());
    }

    @Test
    void unsafeIdsBecomeTheirSha256() {
        assertEquals("jenkins-a:17", DocumentIds.of("jenkins-a:17"));
        assertEquals(DocumentIds.sha256Hex("a/b c"), DocumentIds.of("a/b c"));
        assertEquals(DocumentIds.sha256Hex("_internal"), DocumentIds.of("_internal"));
        assertEquals(64, DocumentIds.of("x".repeat(300)).length());
    }

    @Test
    void theCommonLineIsReadByStreamingAndAgreesWithTheGeneralWay() {
        String line = AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-03-14T23:59:59Z"))
                .id("ci-main:42").seq(42).build().toJson();
        EventLineParser.Parsed fast = EventLineParser.streaming(line, null, "loc");
        assertNotNull(fast, "a core event takes the streaming way");
        assertEquals(42L, fast.seq());
        assertSame(line, EventLineParser.general(line, "spool", "loc"), fast);
        assertSame(line, EventLineParser.parse(line.getBytes(StandardCharsets.UTF_8), "spool", "loc"), fast);
    }

    /**
     * Differential check: ten thousand mutations of event lines (flattened and repeated keys, nulls, numbers, escapes,
     * broken syntax, non-ASCII); wherever the streaming way gives an answer, the general way gives the same one, and the
     * byte and text entry points agree on every line.
     */
    @Test
    void streamingAndGeneralWaysAgreeOnMutatedLines() {
        List<String> seeds = List.of(
                AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-03-14T10:00:00Z")).id("ci:1").seq(1).build().toJson(),
                "{\"@timestamp\":1773446400000,\"event\":{\"id\":\"x\",\"kind\":\"event\"},\"jira_access\":{\"seq\":7}}",
                "{\"event\":{\"id\":\"b\"},\"@timestamp\":\"2026-03-14T10:00:00+02:00\",\"tags\":[1,2.5,{\"a\":null}]}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event.id\":\"flat\",\"jira_access.seq\":3}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"a\"},\"event\":{\"id\":\"b\"}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":null},\"event.id\":\"c\"}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"\\u00fc\\\"q\"},\"message\":\"\u00fcber \u2603\"}",
                "{\"@timestamp\":99999999999999999999,\"event\":{\"id\":\"big\"},\"jira_access\":{\"seq\":1.5}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"  \"},\"jira_access\":{\"seq\":null}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"n\"},\"jira_access\":{\"seq\":null},\"jira_access.seq\":3}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"@timestamp\":\"2026-03-15T10:00:00Z\",\"event\":{\"id\":\"t\"}}",
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"d\"},\"event\":{\"kind\":\"x\"},\"event.id\":\"e\"}",
                rotated(),
                "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"u\",\"action\":\"token.used\",\"outcome\":\"success\"},"
                        + "\"user\":{\"name\":\"ann\"},\"user.name\":\"bob\",\"service\":null,\"jira_access\":{\"jira\":{\"site\":\"s\"},"
                        + "\"jira.site\":\"t\",\"credential\":{\"id\":\"c\",\"kind\":7,\"name\":null}}}",
                "{\"@timestamp\":1773446400000,\"event\":{\"id\":\"v\",\"action\":\"credential.revoked\",\"action\":null},"
                        + "\"jira_access\":{\"credential\":{\"id\":\"c\",\"token_id\":\"1\"},\"credential\":null,\"jira\":\"s\"},"
                        + "\"user\":{\"name\":\"a\",\"name\":\"b\"},\"service\":{\"name\":[\"x\"]}}");
        String alphabet = "{}[]\":,\\ 0123456789.eE-+tfnul\r\u00fc\u2603\u0001abc@_";
        java.util.Random random = new java.util.Random(20261129);
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
            String text = line.toString();
            EventLineParser.Parsed fast = EventLineParser.streaming(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text,
                    null, "loc");
            EventLineParser.Result general = EventLineParser.general(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text,
                    "spool", "loc");
            if (fast != null) {
                streamed++;
                assertSame(text, general, fast);
            }
            assertSame(text, EventLineParser.parse(text, "spool", "loc"),
                    EventLineParser.parse(text.getBytes(StandardCharsets.UTF_8), "spool", "loc"));
        }
        assertThat(streamed).as("lines the streaming way read").isGreaterThan(500);
    }

    /** A core {@code credential.rotated} event with every credential field the merges read. */
    private static String rotated() {
        return AuditEvent.builder(EventAction.CREDENTIAL_ROTATED, Instant.parse("2026-03-14T10:00:00Z")).id("ci:r").seq(9)
                .credential("jira-pat", "pat", "sha256:ab", Instant.parse("2026-06-01T00:00:00Z"), List.of("read"), null)
                .set("jira_access.credential.token_id", "17").set("jira_access.credential.name", "jira-access-1")
                .jira("https://jira.example.com", "datacenter").user("ann", null).service("ci-main").outcome(true)
                .build().toJson();
    }

    @Test
    void aCoreEventsCredentialFieldsAreReadWhileStreaming() {
        EventLineParser.Parsed fast = EventLineParser.streaming(rotated(), null, "loc");
        assertNotNull(fast);
        assertEquals(new CredentialFacts("2026-03-14T10:00:00Z", "credential.rotated", "success", "jira_access.ci",
                "https://jira.example.com", "datacenter", "jira-pat", "pat", "17", "jira-access-1", "sha256:ab",
                "2026-06-01T00:00:00Z", "ann", "ci-main"), fast.facts(), "read in the one pass, not from the event again");
        // a flattened user.name beside the nested one: the event decides which it is, as before
        String both = rotated().replace("\"user\":{", "\"user.name\":\"bob\",\"user\":{");
        EventLineParser.Parsed mixed = EventLineParser.streaming(both, null, "loc");
        assertNotNull(mixed, "the document still takes the streaming way");
        assertEquals(null, mixed.facts());
        assertEquals(CredentialFacts.of(AuditEvent.fromJson(both)), mixed.credentialFacts());
    }

    /**
     * Same outcome: same garbage reason, or the same document (id, index, bytes, location), seq and credential facts,
     * which are also those of the event read back. Shared with {@link EventLineParserFuzzTest}.
     */
    static void assertSame(String line, EventLineParser.Result expected, EventLineParser.Result actual) {
        if (expected instanceof EventLineParser.Parsed e && actual instanceof EventLineParser.Parsed a) {
            assertEquals(e.document().eventId(), a.document().eventId(), line);
            assertEquals(e.document().index(), a.document().index(), line);
            assertEquals(e.document().id(), a.document().id(), line);
            assertEquals(e.document().jsonText(), a.document().jsonText(), line);
            assertEquals(e.document().location(), a.document().location(), line);
            assertEquals(e.seq(), a.seq(), line);
            assertEquals(e.credentialFacts(), a.credentialFacts(), line);
            assertEquals(CredentialFacts.of(a.event()), a.credentialFacts(), line);
        } else {
            assertEquals(expected, actual, line);
        }
    }

    private static String garbage(String line) {
        return assertInstanceOf(EventLineParser.Garbage.class, EventLineParser.parse(line, "spool", null)).reason();
    }
}
