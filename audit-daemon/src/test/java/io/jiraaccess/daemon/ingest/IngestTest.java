package io.jiraaccess.daemon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.testing.Records;
import io.jiraaccess.dashboards.CredentialDocument;
import io.jiraaccess.dashboards.DataContract;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-15T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Ingested ingest(String inventorySource, SourceRecord... records) {
        return new Ingest("spool", inventorySource, CLOCK).ingest(SourceBatch.of(List.of(records), "p", true, null));
    }

    @Test
    void aCoreEventKeepsItsIdAndItsBytesInTheIndexOfItsDay() {
        String line = AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-03-14T23:59:59Z")).id("ci-main:42")
                .build().toJson();
        IndexDocument d = ingest(null, Records.line(line, 7)).documents().get(0);
        assertEquals("ci-main:42", d.eventId());
        assertEquals("ci-main:42", d.id());
        assertEquals("jira-access-events-2026.03.14", d.index());
        assertEquals(line, d.jsonText());
        assertEquals("f line 7", d.location());
        assertEquals(IndexDocument.Op.INDEX, d.op());
    }

    @Test
    void anEventWithoutIdGetsTheSameContentDerivedIdEveryTimeWrittenIntoItsDocument() throws Exception {
        String line = "{\"@timestamp\":\"2026-03-14T10:00:00+02:00\",\"event\":{\"action\":\"token.used\"}}";
        IndexDocument a = ingest(null, Records.line(line, 1)).documents().get(0);
        IndexDocument b = ingest(null, Records.line(line + "\r", 9)).documents().get(0);
        assertEquals("spool-" + DocumentIds.sha256Hex(line), a.eventId());
        assertEquals(a.eventId(), b.eventId(), "where it was read and a CR make no difference");
        assertEquals("jira-access-events-2026.03.14", a.index());
        assertEquals(a.eventId(), JSON.readTree(a.json()).path("event").path("id").asText());
        assertEquals("token.used", JSON.readTree(a.json()).path("event").path("action").asText());
    }

    @Test
    void aLineThatIsNotAnEventIsADeadLetterWithItsPlaceTheReasonAndTheLine() {
        List<DeadLetterEntry> dead = ingest(null, Records.line("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"id\":7}}", 3),
                Records.line("x".repeat(70_000), 4)).deadLetters();
        assertEquals(2, dead.size());
        assertEquals("f line 3: event.id must be a string", dead.get(0).letter().errorMessage());
        assertEquals(DeadLetterEntry.NOT_AN_EVENT, dead.get(0).letter().errorType());
        assertEquals(NOW, dead.get(0).letter().at());
        assertEquals("spool", dead.get(0).letter().source());
        assertEquals(64 * 1024, dead.get(1).letter().original().length(), "a long line is kept truncated");
        assertEquals(dead.get(0).id(), ingest(null, Records.line("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"id\":7}}", 3))
                .deadLetters().get(0).id(), "the same line read again: the same dead letter");
        assertThat(dead.get(0).id()).startsWith("spool-line-");
    }

    @Test
    void eventLinesOfSpoolAndJournalSourcesMergeIntoTheCredentialsTheyName() throws Exception {
        String used = AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-03-14T10:00:00Z")).id("ci:1").outcome(true)
                .jira("https://jira.example.com", "datacenter").credential("jira-pat", "pat", "fp", null, null, null)
                .build().toJson();
        Ingested spool = ingest(CredentialDocument.CLI, Records.line(used, 1));
        assertEquals(2, spool.documents().size());
        IndexDocument merge = spool.documents().get(1);
        assertEquals(DataContract.CREDENTIALS_INDEX, merge.index());
        assertEquals(CredentialDocument.ciKey("https://jira.example.com", "jira-pat"), merge.eventId());
        assertEquals(IndexDocument.Op.UPSERT, merge.op());
        JsonNode doc = JSON.readTree(merge.json());
        assertEquals("cli", doc.at("/jira_access/inventory/source").asText());
        assertEquals("2026-03-14T10:00:00Z", doc.at("/jira_access/credential/last_used_at").asText());
        assertEquals(1, ingest(null, Records.line(used, 1)).documents().size(), "no merges for other sources");
    }

    @Test
    void mappedEventsCredentialStatesAndUnreadableRecordsBecomeTheirDocuments() throws Exception {
        AuditEvent mapped = AuditEvent.builder(EventAction.JIRA_AUDIT, Instant.parse("2026-03-14T10:00:00Z")).id("site:9").build();
        CredentialDocument revoked = CredentialDocument.builder().updatedAt(NOW).status(CredentialDocument.REVOKED).build();
        Ingested in = ingest(null, new SourceRecord.Event(mapped, "jira record 9"),
                new SourceRecord.Credential("s|pat|1", revoked, false, "gone"),
                new SourceRecord.Credential("s|pat|2", revoked, true, "listed"),
                new SourceRecord.Unreadable("jira-x-abc", "{\"odd\":1}", "no created time", "jira-x record"));
        assertEquals(List.of("site:9", "s|pat|1", "s|pat|2"), in.documents().stream().map(IndexDocument::eventId).toList());
        assertEquals(mapped.toMap(), AuditEvent.fromJson(in.documents().get(0).jsonText()).toMap());
        assertEquals(List.of(IndexDocument.Op.INDEX, IndexDocument.Op.UPSERT, IndexDocument.Op.INDEX),
                in.documents().stream().map(IndexDocument::op).toList());
        assertEquals("revoked", JSON.readTree(in.documents().get(1).json()).at("/jira_access/credential/status").asText());
        DeadLetterEntry dead = in.deadLetters().get(0);
        assertEquals("jira-x-abc", dead.id());
        assertEquals("jira-x record: no created time", dead.letter().errorMessage());
        assertEquals("{\"odd\":1}", dead.letter().original());
        assertEquals("p", in.endPosition());
    }
}
