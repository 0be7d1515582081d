package io.jiraaccess.core.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.jiraaccess.core.connect.JwtVerificationException.Reason;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a JWT header or claims text before any JSON library builds objects from it: strict JSON (no comments,
 * single quotes or trailing data), a JSON object at the top, nesting no deeper than the limit, and no member name
 * twice in one object. Duplicate names are how a token says {@code "alg":"HS256"} to one parser and
 * {@code "alg":"none"} to another; depth limits keep recursive parsers from exhausting the stack (CVE-2025-53864).
 * Jackson's streaming parser reads token by token, so an over-deep document is refused at the first level too many.
 */
final class JsonShape {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();

    private JsonShape() {
    }

    /**
     * @param part which part of the token, for the message: {@code header} or {@code claims}
     * @throws JwtVerificationException with {@link Reason#MALFORMED}, {@link Reason#NESTING_TOO_DEEP} or
     *                                  {@link Reason#DUPLICATE_MEMBER}
     */
    static void check(String json, int maxDepth, String part) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        int depth = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new JwtVerificationException(Reason.MALFORMED, "the " + part + " is not a JSON object");
            }
            while (token != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > maxDepth) {
                            throw new JwtVerificationException(Reason.NESTING_TOO_DEEP,
                                    "the " + part + " nests JSON deeper than " + maxDepth + " levels");
                        }
                        objects.push(token == JsonToken.START_OBJECT ? new HashSet<>() : Set.of());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        objects.pop();
                    }
                    case FIELD_NAME -> {
                        if (!objects.peek().add(parser.currentName())) {
                            throw new JwtVerificationException(Reason.DUPLICATE_MEMBER,
                                    "the " + part + " repeats a JSON member name");
                        }
                    }
                    default -> {
                        // scalar values need no checks here
                    }
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            if (depth != 0 || parser.nextToken() != null) {
                throw new JwtVerificationException(Reason.MALFORMED, "the " + part + " is not one JSON object");
            }
        } catch (IOException e) {
            // Jackson's messages quote the offending input, so they are not passed on
            throw new JwtVerificationException(Reason.MALFORMED, "the " + part + " is not valid JSON");
        }
    }
}
