package io.jiraaccess.daemon.index;

import java.util.Objects;

/**
 * A record that could not be indexed as an event, kept in the dead-letter index with the reason so it never vanishes:
 * a line that is not an event, or a document Elasticsearch refused (a mapping conflict).
 *
 * @param id       deterministic document id in the dead-letter index, so a retry overwrites instead of duplicating
 * @param sourceId the source it came from
 * @param type     a short error type: Elasticsearch's ({@code document_parsing_exception}) or {@link #NOT_AN_EVENT}
 * @param reason   why it is here
 * @param original the original text (a line or a document)
 * @param eventId  its {@code event.id}, when it had one
 * @param index    the index it was meant for, when known
 * @param location where it came from (file and line, journal response line)
 */
public record DeadLetter(String id, String sourceId, String type, String reason, String original, String eventId,
                         String index, String location) {
    /** The error type of a line that is not an event. */
    public static final String NOT_AN_EVENT = "not_an_event";

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(original, "original");
    }

    /** A line that is not an event. */
    public static DeadLetter notAnEvent(String id, String sourceId, String reason, String original, String location) {
        return new DeadLetter(id, sourceId, NOT_AN_EVENT, reason, original, null, null, location);
    }

    /** A document Elasticsearch refused. */
    public static DeadLetter refused(String sourceId, IndexDocument doc, String type, String reason) {
        return new DeadLetter(doc.id(), sourceId, type == null ? "refused" : type, reason, doc.jsonText(), doc.eventId(),
                doc.index(), doc.location());
    }
}
