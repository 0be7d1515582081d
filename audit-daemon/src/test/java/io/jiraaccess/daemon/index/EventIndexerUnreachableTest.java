package io.jiraaccess.daemon.index;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.testing.CamelHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * While Elasticsearch refuses connections, every batch must still come back (failed), from several sources at once,
 * and a health check must still answer. The HTTP client fails a connection request while holding its pool lock, and
 * the bulk ingester sends under its own lock: run on the HTTP client's thread, the ingester's completion would wait
 * for its lock while a sender waits for the pool's, and both would hang for good.
 */
class EventIndexerUnreachableTest {
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void batchesFailPromptlyFromManyThreadsWhenElasticsearchRefusesConnections() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + CamelHarness.freePort());
        ExecutorService sources = Executors.newFixedThreadPool(4);
        try (ElasticsearchConnection es = ElasticsearchConnection.open(nowhere, null, null);
             EventIndexer indexer = new EventIndexer(es, new BulkSettings(5, 1024 * 1024, 2, Duration.ofMillis(5)),
                     Clock.systemUTC())) {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                workers.add(sources.submit(() -> {
                    int failed = 0;
                    for (int b = 0; b < 150; b++) {
                        List<IndexDocument> docs = new ArrayList<>();
                        for (int i = 0; i < 7; i++) {
                            String id = "w" + worker + ":" + b + ":" + i;
                            docs.add(new IndexDocument(id, "jira-access-events-2026.01.01", id,
                                    "{}".getBytes(StandardCharsets.UTF_8), null));
                        }
                        CompletableFuture<BatchReceipt> f = indexer.submit("s" + worker, docs, List.of());
                        indexer.flush();
                        try {
                            f.get(30, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.ExecutionException e) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            for (Future<Integer> w : workers) {
                assertEquals(150, w.get(120, TimeUnit.SECONDS), "every batch failed, none hung");
            }
            assertEquals(false, es.available(), "a health check still answers");
        } finally {
            sources.shutdownNow();
        }
    }
}
