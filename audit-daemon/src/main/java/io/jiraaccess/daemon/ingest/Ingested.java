package io.jiraaccess.daemon.ingest;

import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;

import java.util.List;

/**
 * A batch ingested: what to index, what to dead-letter, and the position the cursor moves to once Elasticsearch has
 * acknowledged both.
 *
 * @param documents   event documents, then the credential documents and merges
 * @param deadLetters the records that are not events
 * @param endPosition the source's position after the batch
 */
public record Ingested(List<IndexDocument> documents, List<DeadLetterEntry> deadLetters, String endPosition) {
    public Ingested {
        documents = List.copyOf(documents);
        deadLetters = List.copyOf(deadLetters);
    }

    public boolean isEmpty() {
        return documents.isEmpty() && deadLetters.isEmpty();
    }
}
