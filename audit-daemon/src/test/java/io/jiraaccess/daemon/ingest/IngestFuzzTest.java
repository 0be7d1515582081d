package io.jiraaccess.daemon.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.dashboards.CredentialDocument;
import io.jiraaccess.dashboards.DataContract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the ingest stage's line → document: any bytes as one spool line and as one Jenkins journal line.
 * The parsing itself is core's {@code NdjsonEventsFuzzTest}; this checks what the daemon makes of its answer. Seeds:
 * {@code IngestFuzzTestInputs/<method>/}. Properties, for any bytes without a line break:
 * <ul>
 *   <li>a spool line becomes exactly one event document or one dead letter, never an exception: a document exactly
 *   when the parser calls it an event and its {@code event.id} is absent or a string;</li>
 *   <li>a document is a JSON object whose {@code event.id} is the document's id (the line's own bytes when it had
 *   one), in the daily index of its {@code @timestamp}, with a non-blank {@code _id};</li>
 *   <li>a dead letter keeps the line (its first 64 Ki characters) and names where it was;</li>
 *   <li>as a journal line it is a document with its seq, or the whole answer is refused: never a dead letter.</li>
 * </ul>
 */
class IngestFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NdjsonEvents PARSER = NdjsonEvents.defaults();

    @FuzzTest(maxDuration = "3m")
    void anyLineBecomesOneDocumentOrOneDeadLetter(byte[] data) throws IOException {
        for (byte b : data) {
            if (b == '\n') {
                return; // sources split there: no line holds one
            }
        }
        SourceRecord.Line line = new SourceRecord.Line(new NdjsonEvents.RawLine(1, 0, data.length, true,
                Arrays.copyOf(data, Math.min(data.length, NdjsonEvents.DEFAULT_MAX_LINE_BYTES))), "f", "f");
        NdjsonEvents.Line parsed = PARSER.parse(line.raw());
        boolean event = parsed.isEvent() && (parsed.eventId() != null
                || !(parsed.event().get("event.id") != null && !(parsed.event().get("event.id") instanceof String)));

        Ingested spool = new Ingest("spool", CredentialDocument.CLI, Clock.systemUTC())
                .ingest(SourceBatch.of(List.of(line), "p", true, null));
        List<IndexDocument> events = spool.documents().stream().filter(IndexDocument::event).toList();
        assertEquals(event ? 1 : 0, events.size(), "one event document exactly when the parser reads an event");
        assertEquals(event ? 0 : 1, spool.deadLetters().size(), "else one dead letter");
        if (event) {
            IndexDocument d = events.get(0);
            JsonNode doc = JSON.readTree(d.json());
            assertTrue(doc.isObject());
            assertEquals(d.eventId(), doc.path("event").path("id").asText(doc.path("event.id").asText()));
            assertFalse(d.id().isBlank());
            assertEquals(DataContract.eventsIndex(parsed.timestamp()), d.index());
            if (parsed.eventId() != null && !parsed.eventId().isBlank()) {
                assertEquals(new String(parsed.bytes(), StandardCharsets.UTF_8), d.jsonText(), "the line's own bytes");
            }
        } else {
            DeadLetterEntry dead = spool.deadLetters().get(0);
            String original = new String(data, StandardCharsets.UTF_8);
            assertEquals(original.substring(0, Math.min(original.length(), 64 * 1024)), dead.letter().original());
            assertTrue(dead.letter().errorMessage().startsWith("f line 1: "), dead.letter().errorMessage());
        }

        try {
            Ingested journal = new Ingest("jenkins-ci", CredentialDocument.JENKINS, Clock.systemUTC())
                    .ingest(SourceBatch.journal(List.of(line), new SourceBatch.JournalAnswer(0, "Jenkins ci"), true, null));
            assertTrue(journal.deadLetters().isEmpty(), "a journal answer is never dead-lettered");
            Long seq = PARSER.requireSeq(true).parse(line.raw()).seq();
            assertEquals(String.valueOf(seq), journal.endPosition());
            assertEquals(1, journal.documents().stream().filter(IndexDocument::event).count());
        } catch (SourceUnavailableException refused) {
            assertTrue(refused.getMessage().startsWith("Jenkins ci sent a malformed journal answer (f line 1: "),
                    refused.getMessage());
        }
    }
}
