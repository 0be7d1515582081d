package io.jiraaccess.dashboards;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeadLetterTest {
    private static final String ORIGINAL = "{\"@timestamp\":\"2025-03-14T10:00:00Z\",\"http\":{\"response\":{\"status_code\":\"n/a\"}}}";

    @Test
    void aFullDeadLetterFillsExactlyTheFieldsTheStrictMappingDefines() {
        Map<String, Object> doc = new DeadLetter(Instant.parse("2025-03-14T10:00:01Z"), "ci-main:42", ORIGINAL,
                "document_parsing_exception", "failed to parse field [http.response.status_code] of type [long]",
                "jenkins:ci-main", "jira-access-events-2025.03.14").toDocument();
        assertEquals(new TreeSet<>(IndexMapping.of(DataContract.DEAD_LETTER_TEMPLATE).fields().keySet()), leafPaths(doc));
        assertEquals(Map.of("id", "ci-main:42", "original", ORIGINAL), doc.get("event"));
        assertEquals("2025-03-14T10:00:01Z", doc.get("@timestamp"));
    }

    @Test
    void unknownPartsAreLeftOutRatherThanWrittenAsNull() {
        Map<String, Object> doc = new DeadLetter(Instant.EPOCH, null, "not json at all", "mapper_parsing_exception",
                null, null, null).toDocument();
        assertEquals(Set.of("@timestamp", "event.original", "error.type"), leafPaths(doc));
    }

    @Test
    void theOriginalAndTheErrorTypeAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeadLetter(Instant.EPOCH, "x", null, "t", null, null, null));
        assertEquals("a dead letter needs its time, the original document and the error type", e.getMessage());
    }

    private static Set<String> leafPaths(Map<String, Object> doc) {
        Set<String> out = new TreeSet<>();
        collect("", doc, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> m, Set<String> out) {
        m.forEach((k, v) -> {
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                collect(path, (Map<String, Object>) child, out);
            } else {
                out.add(path);
            }
        });
    }
}
