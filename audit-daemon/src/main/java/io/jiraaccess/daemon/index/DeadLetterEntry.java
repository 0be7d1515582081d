package io.jiraaccess.daemon.index;

import io.jiraaccess.dashboards.DeadLetter;

import java.util.Objects;

/**
 * A record kept in the dead-letter index instead of indexed, so it never vanishes: a line that is not an event, or a
 * document Elasticsearch refused (a mapping conflict). The document is the data contract's {@link DeadLetter}.
 *
 * @param id     its document id in the dead-letter index, derived from what it holds, so a retry overwrites it
 * @param letter the document
 */
public record DeadLetterEntry(String id, DeadLetter letter) {
    /** The error type of a record that is not an event. */
    public static final String NOT_AN_EVENT = "not_an_event";

    public DeadLetterEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(letter, "letter");
    }
}
