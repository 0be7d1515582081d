package io.jiraaccess.daemon.index;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a source runner sends its batches; {@link EventIndexer} is the Elasticsearch one. */
public interface BatchIndexer {
    /**
     * Queues a batch; the future completes when every document is indexed or dead-lettered and every rejected record
     * is dead-lettered, and fails with {@link IndexingUnavailableException} when any of them was not acknowledged.
     */
    CompletableFuture<BatchReceipt> submit(String sourceId, List<IndexDocument> docs, List<DeadLetterEntry> rejected);

    /** Sends what is buffered now: a submitter is waiting for it. */
    void flush();
}
