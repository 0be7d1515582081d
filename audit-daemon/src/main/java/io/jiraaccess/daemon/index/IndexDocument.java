package io.jiraaccess.daemon.index;

import io.jiraaccess.core.event.AuditEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One document ready for the bulk API: target index, {@code _id}, the JSON, and how it is written.
 *
 * @param eventId  the event's {@code event.id}, or for a credential document its key
 * @param index    its daily index, or the credentials index
 * @param id       its document id ({@link DocumentIds})
 * @param json     the document (for {@link Op#UPSERT}: the fields to merge), UTF-8 JSON
 * @param location where it came from, for dead-letter records (e.g. {@code spool/a.ndjson line 7})
 * @param op       {@link Op#INDEX} replaces the document, {@link Op#UPSERT} merges fields into it (creating it)
 * @param event    true for an event (counted as indexed events), false for credential state
 */
public record IndexDocument(String eventId, String index, String id, byte[] json, String location, Op op,
                            boolean event) {
    /** How a document is written. */
    public enum Op {
        /** {@code index}: the document as given replaces what is there. */
        INDEX,
        /** {@code update} with {@code doc_as_upsert}: the given fields are merged into the document. */
        UPSERT
    }

    public IndexDocument {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(op, "op");
    }

    /** An event. */
    public IndexDocument(String eventId, String index, String id, byte[] json, String location) {
        this(eventId, index, id, json, location, Op.INDEX, true);
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
