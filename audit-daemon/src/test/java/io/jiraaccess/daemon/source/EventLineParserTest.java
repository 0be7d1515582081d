package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.DocumentIds;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class EventLineParserTest {
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

    private static String garbage(String line) {
        return assertInstanceOf(EventLineParser.Garbage.class, EventLineParser.parse(line, "spool", null)).reason();
    }
}
