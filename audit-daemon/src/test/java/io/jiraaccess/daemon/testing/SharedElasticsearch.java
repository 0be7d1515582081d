package io.jiraaccess.daemon.testing;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import io.jiraaccess.daemon.index.IndexNames;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** One real Elasticsearch node per test JVM (starting one takes 10-60 s), and queries the delivery tests compare with. */
public final class SharedElasticsearch {
    private static LocalElasticsearch node;
    private static ElasticsearchConnection connection;

    private SharedElasticsearch() {
    }

    public static synchronized LocalElasticsearch node() {
        if (node == null) {
            Path runDir = Path.of("target/it-elasticsearch").toAbsolutePath();
            deleteTree(runDir);
            node = LocalElasticsearch.builder().runDir(runDir).heapMegabytes(512).start();
            connection = ElasticsearchConnection.open(node.url(), null, null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                node.close();
            }));
        }
        return node;
    }

    public static ElasticsearchConnection connection() {
        node();
        return connection;
    }

    /** Deletes every jira-access index (by exact name: wildcard deletes are refused), so each test starts empty. */
    public static void deleteJiraAccessIndices() {
        try {
            for (String index : connection().client().indices().get(g -> g.index("jira-access-*")
                    .allowNoIndices(true).ignoreUnavailable(true)).result().keySet()) {
                connection().client().indices().delete(d -> d.index(index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refreshes the jira-access indices once every shard of them is active: a search on a just-created one fails. */
    public static void refresh() {
        try {
            connection().client().cluster().health(h -> h.waitForStatus(HealthStatus.Yellow)
                    .waitForNoInitializingShards(true).timeout(t -> t.time("30s")));
            connection().client().indices().refresh(r -> r.index("jira-access-*").allowNoIndices(true).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long count(String index) {
        return whileShardsStart(() -> connection().client().count(c -> c.index(index).allowNoIndices(true)
                .ignoreUnavailable(true)).count());
    }

    /** Documents of {@code index} whose {@code field} is one of {@code values}. */
    public static long countWhere(String index, String field, List<String> values) {
        return whileShardsStart(() -> connection().client().count(c -> c.index(index).allowNoIndices(true)
                .ignoreUnavailable(true)
                .query(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList())))))
                .count());
    }

    private interface Count {
        long get() throws IOException;
    }

    /**
     * Refreshes and counts; when a daemon creates a daily index between the refresh (which waits for active shards)
     * and the count, the count answers 503 (no shard available yet): refreshed and counted again, for up to 30 s.
     */
    private static long whileShardsStart(Count count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            refresh();
            try {
                return count.get();
            } catch (IOException e) {
                boolean starting = e instanceof ResponseException r
                        && r.getResponse().getStatusLine().getStatusCode() == 503;
                if (!starting || System.nanoTime() > deadline) {
                    throw new UncheckedIOException(e);
                }
            } catch (ElasticsearchException e) {
                if (e.status() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** The event.id of every document behind the events alias, duplicates kept (a duplicate would show twice). */
    @SuppressWarnings("rawtypes")
    public static List<String> eventIds() {
        refresh();
        List<String> ids = new ArrayList<>();
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Map> r = connection().client().search(s -> {
                    s.index(IndexNames.EVENTS_ALIAS).allowNoIndices(true).ignoreUnavailable(true).size(5000)
                            .source(src -> src.filter(f -> f.includes("event.id")))
                            .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_index").order(SortOrder.Asc)));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, Map.class);
                List<Hit<Map>> hits = r.hits().hits();
                if (hits.isEmpty()) {
                    return ids;
                }
                for (Hit<Map> h : hits) {
                    ids.add(String.valueOf(((Map) h.source().get("event")).get("id")));
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
