package io.jiraaccess.daemon.ingest;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.daemon.index.IndexDocument;

import java.nio.charset.StandardCharsets;

/** Credential facts and documents as the ingest stage makes them, for tests of the merges. */
final class Facts {
    private static final NdjsonEvents LINES = NdjsonEvents.defaults().withStrings(CredentialFacts.PATHS);

    private Facts() {
    }

    /** The facts of an event written as a line and read as the ingest stage reads it. */
    static CredentialFacts of(AuditEvent e) {
        return of(e.toJson());
    }

    static CredentialFacts of(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        NdjsonEvents.Line parsed = LINES.parseLine(bytes, 0, bytes.length);
        if (!parsed.isEvent()) {
            throw new IllegalArgumentException("not an event: " + parsed.rejected());
        }
        return CredentialFacts.of(parsed);
    }

    /** The merge's document, as indexed. */
    static IndexDocument document(CredentialUpdates.Merge m) {
        return Ingest.credentialDocument(m.key(), m.document(), false, "credential state from events");
    }
}
