package io.jiraaccess.dashboards;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document Elasticsearch refused, as the dead-letter index stores it. The index maps strictly, so build its
 * documents here rather than by hand; the refused document stays a string ({@code event.original}) that is stored
 * but never parsed into fields, so whatever made it fail cannot make this one fail too.
 *
 * @param at           when it was dead-lettered ({@code @timestamp})
 * @param eventId      the refused event's {@code event.id}, null when it had none
 * @param original     the refused document, exactly as sent (JSON text)
 * @param errorType    Elasticsearch's error type, e.g. {@code document_parsing_exception}
 * @param errorMessage Elasticsearch's reason
 * @param source       the daemon source that read it (e.g. {@code spool}, {@code jenkins:ci-main})
 * @param targetIndex  the index it was meant for
 */
public record DeadLetter(Instant at, String eventId, String original, String errorType, String errorMessage,
                         String source, String targetIndex) {

    public DeadLetter {
        if (at == null || original == null || errorType == null) {
            throw new IllegalArgumentException("a dead letter needs its time, the original document and the error type");
        }
    }

    /** The document to index into {@link DataContract#DEAD_LETTER_INDEX}; null values are left out. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DateTimeFormatter.ISO_INSTANT.format(at));
        Map<String, Object> event = new LinkedHashMap<>();
        putIfPresent(event, "id", eventId);
        event.put("original", original);
        doc.put("event", event);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", errorType);
        putIfPresent(error, "message", errorMessage);
        doc.put("error", error);
        Map<String, Object> ingest = new LinkedHashMap<>();
        putIfPresent(ingest, "source", source);
        putIfPresent(ingest, "index", targetIndex);
        if (!ingest.isEmpty()) {
            doc.put("jira_access", Map.of("ingest", ingest));
        }
        return doc;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
