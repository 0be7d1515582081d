package io.jiraaccess.daemon.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.inventory.CredentialFacts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for {@link EventLineParser}, which reads every spool line and every Jenkins journal line the daemon
 * indexes. Seeds: {@code EventLineParserFuzzTestInputs/<method>/}, one line each. Properties, for any bytes that can
 * be a line (no {@code \n}):
 * <ul>
 *   <li>nothing is thrown, and the answer is an event, a reason, or a blank line;</li>
 *   <li>bytes that are not UTF-8 are refused as such; otherwise the byte and text entry points give the same answer;</li>
 *   <li>wherever the streaming way answers, the general way gives the same document (event id, index, {@code _id},
 *   bytes), seq and credential facts;</li>
 *   <li>an event's document is a JSON object that reads back as an event ({@link EventLineParser.Parsed#event()},
 *   which the credential merges use) with a non-blank {@code _id}, in a daily events index.</li>
 * </ul>
 */
class EventLineParserFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "3m")
    void streamingAndGeneralWaysAgree(byte[] line) {
        for (byte b : line) {
            if (b == '\n') {
                return; // the line reader splits there: no line holds one
            }
        }
        EventLineParser.Result fromBytes = EventLineParser.parse(line, "spool", "loc");
        assertNotNull(fromBytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            assertEquals(new EventLineParser.Garbage("not valid UTF-8"), fromBytes);
            return;
        }
        EventLineParserTest.assertSame(text, EventLineParser.parse(text, "spool", "loc"), fromBytes);

        String trimmed = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        EventLineParser.Parsed fast = EventLineParser.streaming(trimmed, null, "loc");
        if (fast != null) {
            EventLineParserTest.assertSame(text, EventLineParser.general(trimmed, "spool", "loc"), fast);
        }
        if (fromBytes instanceof EventLineParser.Parsed parsed) {
            AuditEvent event = parsed.event();
            assertNotNull(event);
            assertEquals(CredentialFacts.of(event), parsed.credentialFacts(), text);
            assertTrue(!parsed.document().id().isBlank(), "a document id");
            assertTrue(parsed.document().index().startsWith("jira-access-events-"), parsed.document().index());
            // the line's own bytes, whitespace around the object included (found by fuzzing: valid in a bulk body too)
            assertTrue(readTree(parsed.document().jsonText()).isObject(), "a JSON object");
        } else if (!(fromBytes instanceof EventLineParser.Blank)) {
            assertInstanceOf(EventLineParser.Garbage.class, fromBytes);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the document of an event is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
