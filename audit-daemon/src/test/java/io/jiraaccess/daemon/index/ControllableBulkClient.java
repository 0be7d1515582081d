package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bulk client of a {@code BulkIngester} whose requests complete when the test says so: each request sent is queued
 * as a {@link Sent}, and {@link Sent#succeed()} answers it on the calling thread (where the ingester's completion
 * handler then runs). Nothing goes over the network.
 */
final class ControllableBulkClient extends ElasticsearchAsyncClient {
    /** {@code n} event documents {@code <prefix>:0} ... for one daily index, as the ingest stage makes them. */
    static List<IndexDocument> events(String prefix, int n) {
        List<IndexDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + ":" + i;
            docs.add(new IndexDocument(id, "jira-access-events-2026.01.01", id,
                    ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), null));
        }
        return docs;
    }

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final List<Sent> all = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    ControllableBulkClient() {
        super(new NoTransport());
    }

    @Override
    public CompletableFuture<BulkResponse> bulk(BulkRequest request) {
        Sent s = new Sent(request, Thread.currentThread(), new CompletableFuture<>());
        requests.incrementAndGet();
        synchronized (all) {
            all.add(s);
        }
        sent.add(s);
        return s.response();
    }

    /** The next request sent (in the order they were sent), waiting up to {@code timeout} for it. */
    Sent next(Duration timeout) throws InterruptedException {
        Sent s = poll(timeout);
        if (s == null) {
            fail("no bulk request was sent within " + timeout.toMillis() + " ms");
        }
        return s;
    }

    /** The next request sent, or null if none is sent within {@code timeout}. */
    Sent poll(Duration timeout) throws InterruptedException {
        return sent.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many requests were sent so far, answered or not. */
    int requests() {
        return requests.get();
    }

    /**
     * Closes {@code closeable} (an indexer or ingester of this client) on another thread, answering every request
     * until it returns; false if it has not returned within {@code timeout} (a failed test may have left a thread
     * stuck in the ingester: the close is then given up, so that the test reports its own failure).
     */
    boolean closeAnswering(AutoCloseable closeable, Duration timeout) throws InterruptedException {
        ParkedThreads.Started closer = ParkedThreads.start("closer", closeable::close);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closer.thread().isAlive() && System.nanoTime() - deadline < 0) {
            List<Sent> pending;
            synchronized (all) {
                pending = List.copyOf(all);
            }
            pending.forEach(Sent::succeed);
            closer.thread().join(10);
        }
        return !closer.thread().isAlive() && closer.failure().get() == null;
    }

    /** One bulk request, the thread that sent it and the answer the ingester waits for. */
    record Sent(BulkRequest request, Thread sender, CompletableFuture<BulkResponse> response) {
        /** Answers that every operation succeeded (nothing if it was answered already). */
        void succeed() {
            response.complete(success(request));
        }

        /** The document ids, in the request's order. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (BulkOperation op : request.operations()) {
                ids.add(id(op));
            }
            return ids;
        }
    }

    static BulkResponse success(BulkRequest request) {
        List<BulkResponseItem> items = new ArrayList<>();
        for (BulkOperation op : request.operations()) {
            items.add(BulkResponseItem.of(i -> i.operationType(type(op)).index(index(op)).id(id(op))
                    .status(op.isIndex() ? 201 : 200)));
        }
        return BulkResponse.of(r -> r.errors(false).took(1).items(items));
    }

    private static OperationType type(BulkOperation op) {
        return switch (op._kind()) {
            case Index -> OperationType.Index;
            case Create -> OperationType.Create;
            case Update -> OperationType.Update;
            case Delete -> OperationType.Delete;
        };
    }

    private static String index(BulkOperation op) {
        return switch (op._kind()) {
            case Index -> op.index().index();
            case Create -> op.create().index();
            case Update -> op.update().index();
            case Delete -> op.delete().index();
        };
    }

    private static String id(BulkOperation op) {
        return switch (op._kind()) {
            case Index -> op.index().id();
            case Create -> op.create().id();
            case Update -> op.update().id();
            case Delete -> op.delete().id();
        };
    }

    /** Gives the client its JSON mapper (the ingester measures operations with it); sends nothing. */
    private static final class NoTransport implements ElasticsearchTransport {
        private final JsonpMapper mapper = new JacksonJsonpMapper();

        @Override
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            throw new UnsupportedOperationException("only bulk requests, answered by the test");
        }

        @Override
        public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("only bulk requests, answered by the test"));
        }

        @Override
        public JsonpMapper jsonpMapper() {
            return mapper;
        }

        @Override
        public TransportOptions options() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
