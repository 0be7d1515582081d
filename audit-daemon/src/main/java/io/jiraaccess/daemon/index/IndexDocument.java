package io.jiraaccess.daemon.index;

import io.jiraaccess.core.event.AuditEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One event ready for the bulk API: target index, {@code _id}, and the JSON source.
 *
 * @param eventId  the event's {@code event.id}
 * @param index    its daily index
 * @param id       its document id ({@link DocumentIds})
 * @param json     the document, UTF-8 JSON
 * @param location where it came from, for dead-letter records (e.g. {@code spool/a.ndjson line 7})
 */
public record IndexDocument(String eventId, String index, String id, byte[] json, String location) {
    public IndexDocument {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
    }

    /** The document for an event whose {@code event.id} and {@code @timestamp} are set. */
    public static IndexDocument of(AuditEvent event, byte[] json, String location) {
        String eventId = event.id();
        Instant ts = event.timestamp();
        return new IndexDocument(eventId, IndexNames.dailyIndex(ts), DocumentIds.of(eventId), json, location);
    }

    public static IndexDocument of(AuditEvent event, String location) {
        return of(event, event.toJson().getBytes(StandardCharsets.UTF_8), location);
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
