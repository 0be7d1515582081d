package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.dashboards.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Indexes batches of events through one shared {@link BulkIngester} and tells each batch's submitter when
 * Elasticsearch has acknowledged every record of it. A refused document (a mapping conflict: a 4xx item) goes to the
 * dead-letter index with the reason, and counts as acknowledged once that write is; an item that failed for a
 * passing reason (429, 5xx) or a request that failed outright fails the whole batch, so the source reads it again.
 * <p>
 * One thread at a time calls into the ingester (adds, flushes, close), under {@link #lock}: when a request completes,
 * {@link BulkIngester} wakes only one of the threads waiting for a request slot, and a woken flusher that finds nothing
 * left to send returns without passing the wake-up on, so with several threads adding and flushing at once one of them
 * could wait for good. For the same reason the ingester has no flush interval of its own (its timer thread would be
 * one more flusher): the {@code bulk-flush} thread here sends what is buffered every {@code flushInterval}, skipping a
 * tick while another thread is in the ingester. A {@link #flush()} that would wait for a request slot waits for it
 * before taking the lock, so that meanwhile other sources still add to the buffer and their documents go in the same
 * request instead of one request later.
 */
public final class EventIndexer implements BatchIndexer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventIndexer.class);

    /** Merges of one credential document from several sources at once are retried this often by Elasticsearch. */
    static final int RETRY_ON_CONFLICT = 5;
    private static final byte[] DOC_START = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOC_AS_UPSERT_END = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.UTF_8);

    private final ElasticsearchConnection es;
    private final Clock clock;
    private final BulkIngester<Item> ingester;
    /** Held around every call into {@link #ingester}; see the class comment. */
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService flusher;
    /** The {@code bulk-flush} thread, joined by {@link #close()}. */
    private volatile Thread flushThread;
    /** Where the bulk client completes its requests; null when the client was given (tests). */
    private final ExecutorService completions;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private final int maxConcurrentRequests;
    /** How long a flush waits for a request slot before taking the lock: at most one flush interval. */
    private final long slotWaitNanos;
    /** Notified when a bulk request has completed. */
    private final Object requestEnded = new Object();

    public EventIndexer(ElasticsearchConnection es, BulkSettings settings, Clock clock) {
        this(es, settings, clock, Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bulk-completions");
            t.setDaemon(true);
            return t;
        }));
    }

    private EventIndexer(ElasticsearchConnection es, BulkSettings settings, Clock clock, ExecutorService completions) {
        this(es, new DecoupledBulkClient(es.transport(), completions), completions, settings, clock);
    }

    /**
     * An indexer whose bulk requests go through {@code bulkClient} (tests complete them when they choose); dead letters
     * still go through {@code es}.
     */
    EventIndexer(ElasticsearchConnection es, ElasticsearchAsyncClient bulkClient, BulkSettings settings, Clock clock) {
        this(es, bulkClient, null, settings, clock);
    }

    private EventIndexer(ElasticsearchConnection es, ElasticsearchAsyncClient bulkClient, ExecutorService completions,
                         BulkSettings settings, Clock clock) {
        this.es = es;
        this.clock = clock;
        this.completions = completions;
        this.maxConcurrentRequests = settings.maxConcurrentRequests();
        this.slotWaitNanos = settings.flushInterval().toNanos();
        this.ingester = BulkIngester.of(b -> b
                .client(bulkClient)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.maxConcurrentRequests())
                .listener(new Listener()));
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulk-flush");
            t.setDaemon(true);
            flushThread = t;
            return t;
        });
        long interval = settings.flushInterval().toNanos();
        flusher.scheduleWithFixedDelay(this::periodicFlush, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** {@inheritDoc} May block while the ingester's buffer and request slots are full (back pressure). */
    @Override
    public CompletableFuture<BatchReceipt> submit(String sourceId, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
        Batch batch = new Batch(sourceId, docs, rejected);
        if (docs.isEmpty()) {
            batch.finish();
            return batch.future;
        }
        List<BulkOperation> ops = new ArrayList<>(docs.size());
        for (IndexDocument d : docs) {
            BinaryData body = BinaryData.of(d.json(), ContentType.APPLICATION_JSON);
            ops.add(d.op() == IndexDocument.Op.INDEX
                    ? BulkOperation.of(o -> o.index(x -> x.index(d.index()).id(d.id()).document(body)))
                    // several sources may update one credential at once: Elasticsearch retries the merge on conflict.
                    // The action goes as ready JSON (a BinaryData doc inside a typed action would be serialised as a bean).
                    : BulkOperation.of(o -> o.update(u -> u.index(d.index()).id(d.id()).retryOnConflict(RETRY_ON_CONFLICT)
                            .binaryAction(upsertAction(d)))));
        }
        // An add that finds the buffer full waits, holding the lock, for a request to complete: completions run on
        // other threads and do not take it.
        lock.lock();
        try {
            for (int i = 0; i < ops.size(); i++) {
                ingester.add(ops.get(i), new Item(batch, i));
            }
        } finally {
            lock.unlock();
        }
        return batch.future;
    }

    /** {@code {"doc":<the fields to merge>,"doc_as_upsert":true}}, from the merge's JSON as it is. */
    private static BinaryData upsertAction(IndexDocument d) {
        byte[] doc = d.json();
        ByteArrayOutputStream action = new ByteArrayOutputStream(doc.length + 32);
        action.writeBytes(DOC_START);
        action.writeBytes(doc);
        action.writeBytes(DOC_AS_UPSERT_END);
        return BinaryData.of(action.toByteArray(), ContentType.APPLICATION_JSON);
    }

    @Override
    public void flush() {
        awaitRequestSlot();
        lock.lock();
        try {
            ingester.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Until the ingester has a request slot free, or for one flush interval at most, waits without the lock (see the
     * class comment). The count is read without the ingester's lock, as a hint: a flush that finds no slot after all
     * waits for one inside the ingester, the only thread there, as any flush did before this wait.
     */
    private void awaitRequestSlot() {
        long deadline = System.nanoTime() + slotWaitNanos;
        synchronized (requestEnded) {
            long left;
            while (ingester.pendingRequests() >= maxConcurrentRequests && (left = deadline - System.nanoTime()) > 0) {
                try {
                    // notified as a request ends, which may be just before the ingester counts it ended: look again soon
                    requestEnded.wait(Math.max(1, Math.min(2, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The {@code bulk-flush} tick. It skips while another thread is in the ingester: a submit flushes by itself when
     * the buffer fills, and the next tick sends the rest.
     */
    private void periodicFlush() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            ingester.flush();
        } catch (RuntimeException e) {
            // thrown out of a periodic task, it would end the ticks
            LOG.warn("periodic bulk flush failed: {}", e.toString());
        } finally {
            lock.unlock();
        }
    }

    public long bulkRequests() {
        return requests.get();
    }

    public long failedBulkRequests() {
        return failedRequests.get();
    }

    /**
     * Stops the {@code bulk-flush} thread, sends what is buffered and waits until every bulk request has been answered
     * and handed to its batches.
     */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            lock.lock();
            try {
                ingester.close();
            } finally {
                lock.unlock();
            }
            // a tick that was running has left the lock by now: the thread is ending
            Thread t = flushThread;
            if (t != null) {
                t.join(TimeUnit.SECONDS.toMillis(10));
                if (t.isAlive()) {
                    LOG.warn("the bulk-flush thread did not end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (completions != null) {
                completions.shutdown();
            }
        }
    }

    /** What Elasticsearch refused, kept with its reason; its id is the refused document's. */
    private DeadLetterEntry refused(String sourceId, IndexDocument doc, String type, String reason) {
        return new DeadLetterEntry(doc.id(), new DeadLetter(clock.instant(), doc.eventId(), doc.jsonText(),
                type == null ? "refused" : type, doc.location() == null ? reason : doc.location() + ": " + reason,
                sourceId, doc.index()));
    }

    static String describe(ErrorCause e) {
        StringBuilder b = new StringBuilder();
        for (ErrorCause c = e; c != null && b.length() < 2000; c = c.causedBy()) {
            if (b.length() > 0) {
                b.append("; caused by ");
            }
            b.append(c.type()).append(": ").append(c.reason());
        }
        return b.toString();
    }

    /** One submitted batch: counts its items down and completes when all have an outcome. */
    private final class Batch {
        final String sourceId;
        final List<IndexDocument> docs;
        final List<DeadLetterEntry> deadLetters;
        final AtomicInteger remaining;
        final CompletableFuture<BatchReceipt> future = new CompletableFuture<>();
        private int indexed;
        private String transientFailure;

        Batch(String sourceId, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
            this.sourceId = sourceId;
            this.docs = docs;
            this.deadLetters = new ArrayList<>(rejected);
            this.remaining = new AtomicInteger(docs.size());
        }

        void onItem(int position, BulkResponseItem item) {
            synchronized (this) {
                if (item.error() == null) {
                    if (docs.get(position).event()) {
                        indexed++;
                    }
                } else if (item.status() == 429 || item.status() == 409 || item.status() >= 500) {
                    transientFailure = transientFailure != null ? transientFailure
                            : "item " + item.id() + " failed with status " + item.status() + " (" + describe(item.error()) + ")";
                } else {
                    deadLetters.add(refused(sourceId, docs.get(position), item.error().type(), describe(item.error())));
                }
            }
            countDown();
        }

        void onFailure(Throwable failure) {
            synchronized (this) {
                if (transientFailure == null) {
                    transientFailure = "bulk request failed: " + failure;
                }
            }
            countDown();
        }

        private void countDown() {
            if (remaining.decrementAndGet() == 0) {
                finish();
            }
        }

        void finish() {
            String failure;
            List<DeadLetterEntry> letters;
            int ok;
            synchronized (this) {
                failure = transientFailure;
                letters = List.copyOf(deadLetters);
                ok = indexed;
            }
            if (failure != null) {
                future.completeExceptionally(new IndexingUnavailableException("Elasticsearch did not acknowledge "
                        + docs.size() + " events from " + sourceId + ": " + failure));
                return;
            }
            if (letters.isEmpty()) {
                future.complete(new BatchReceipt(ok, 0));
                return;
            }
            writeDeadLetters(letters).whenComplete((v, t) -> {
                if (t != null) {
                    future.completeExceptionally(t instanceof IndexingUnavailableException ? t
                            : new IndexingUnavailableException("dead-letter write for " + sourceId + " failed: " + t, t));
                } else {
                    future.complete(new BatchReceipt(ok, letters.size()));
                }
            });
        }

        private CompletableFuture<Void> writeDeadLetters(List<DeadLetterEntry> letters) {
            List<BulkOperation> ops = new ArrayList<>(letters.size());
            for (DeadLetterEntry d : letters) {
                Map<String, Object> doc = d.letter().toDocument();
                ops.add(BulkOperation.of(o -> o.index(x -> x.index(IndexNames.DEAD_LETTER).id(d.id()).document(doc))));
            }
            return es.async().bulk(BulkRequest.of(r -> r.operations(ops))).thenAccept(resp -> {
                for (BulkResponseItem item : resp.items()) {
                    if (item.error() != null) {
                        throw new IndexingUnavailableException("dead-letter index refused " + item.id() + ": "
                                + describe(item.error()));
                    }
                }
                LOG.warn("{} record(s) from {} went to the dead-letter index {} (first: {})", letters.size(), sourceId,
                        IndexNames.DEAD_LETTER, letters.get(0).letter().errorMessage());
            });
        }
    }

    /** The bulk context of one document: its batch and its position in it. */
    private record Item(Batch batch, int position) {
    }

    private final class Listener implements BulkListener<Item> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Item> contexts) {
            requests.incrementAndGet();
        }

        private void ended() {
            synchronized (requestEnded) {
                requestEnded.notifyAll();
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Item> contexts, BulkResponse response) {
            try {
                List<BulkResponseItem> items = response.items();
                for (int i = 0; i < contexts.size(); i++) {
                    Item c = contexts.get(i);
                    if (i < items.size()) {
                        c.batch.onItem(c.position, items.get(i));
                    } else {
                        c.batch.onFailure(new IllegalStateException("bulk response has fewer items than the request"));
                    }
                }
            } finally {
                ended();
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Item> contexts, Throwable failure) {
            failedRequests.incrementAndGet();
            LOG.debug("bulk request {} failed: {}", executionId, failure.toString());
            try {
                for (Item c : contexts) {
                    c.batch.onFailure(failure);
                }
            } finally {
                ended();
            }
        }
    }
}
