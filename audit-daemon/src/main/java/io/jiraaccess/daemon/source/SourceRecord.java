package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.dashboards.CredentialDocument;

import java.util.Objects;

/**
 * One record as a source read it, not interpreted yet: the ingest stage turns it into what is indexed (an event
 * document, a credential document or merge, a dead letter).
 */
public sealed interface SourceRecord {
    /** Where it came from, for dead letters and logs, e.g. {@code spool/a.ndjson line 7}. */
    String location();

    /**
     * A line of NDJSON (a spool file's, a Jenkins journal answer's), split but not parsed.
     *
     * @param where where the lines come from, e.g. {@code spool/a.ndjson}: the line is {@code <where> line <n>}
     * @param file  the file it was read from, from which (with its line number) a dead letter of it takes its id; null
     *              where a line that is not an event refuses the whole read instead (a journal answer)
     */
    record Line(NdjsonEvents.RawLine raw, String where, String file) implements SourceRecord {
        public Line {
            Objects.requireNonNull(raw, "raw");
        }

        @Override
        public String location() {
            return where + " line " + raw.number();
        }

        /** {@code <file>\n<line number>}, or null without a file. */
        public String key() {
            return file == null ? null : file + "\n" + raw.number();
        }
    }

    /** An event another system's record was mapped to (a Jira audit record, a token listed for the first time). */
    record Event(AuditEvent event, String location) implements SourceRecord {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A credential's state for the credentials index, under its key: the whole state ({@code replace}: the document
     * is replaced) or fields to merge into it.
     */
    record Credential(String key, CredentialDocument document, boolean replace, String location)
            implements SourceRecord {
        public Credential {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * A record that is not an event (a Jira audit record that does not map): kept in the dead-letter index as
     * {@code original}, under {@code id}.
     */
    record Unreadable(String id, String original, String reason, String location) implements SourceRecord {
        public Unreadable {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
