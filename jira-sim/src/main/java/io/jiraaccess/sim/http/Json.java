package io.jiraaccess.sim.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulator's one JSON mapper, with limits that turn hostile input into a 400 instead of a crash. */
public final class Json {

    /** Deeper than any Jira document (ADF descriptions nest a dozen levels), shallow enough to be harmless. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(100)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a request body; any failure is the caller's mistake, reported without echoing the body. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest("No content to map due to end-of-input: the request body must be a JSON document.");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("The request body must be a JSON document.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Unexpected JSON: " + describe(e));
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("The request body could not be read as JSON.");
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a simulator response", e);
        }
    }

    /** Jackson's own message minus the source excerpt, which would echo the (possibly secret) body. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "malformed JSON";
        }
        String redacted = message.replaceAll("'[^']{4,}'", "'...'");
        return redacted.length() > 200 ? redacted.substring(0, 200) : redacted;
    }
}
