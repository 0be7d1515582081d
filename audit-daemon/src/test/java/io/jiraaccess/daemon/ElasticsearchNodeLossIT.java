package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.DaemonProcess;
import io.jiraaccess.daemon.testing.ElasticsearchCluster;
import io.jiraaccess.daemon.testing.SpoolProducer;
import io.jiraaccess.daemon.testing.TestDaemon;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A daemon writing to a three-node Elasticsearch cluster (the same distribution, one JVM per node) through
 * {@code elasticsearch.urls}: the indices get a replica, and when the node holding the events index's primary is
 * SIGKILLed and started again during a 100k-event ingest, nothing is lost and nothing is indexed twice; /health shows
 * the lost node.
 */
class ElasticsearchNodeLossIT {
    private static final int EVENTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aNodeKilledAndRestartedDuringIngestLosesAndDuplicatesNothing() throws Exception {
        try (ElasticsearchCluster es = ElasticsearchCluster.start(Path.of("target/it-elasticsearch-cluster").toAbsolutePath(), 3, 320)) {
            SpoolProducer spool = new SpoolProducer(dir.resolve("spool"), "bulk-ci", 1000);
            for (int i = 0; i < EVENTS / 1000; i++) {
                spool.writeFile();
            }
            spool.close();
            Set<String> produced = spool.produced();
            assertEquals(EVENTS, produced.size());

            int adminPort = CamelHarness.freePort();
            Files.writeString(dir.resolve("admin-token"), TestDaemon.ADMIN_TOKEN + "\n");
            String urls = es.urls().stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", "));
            DaemonConfig config = new DaemonConfigParser(SecretReferences.fromMap(Map.of())).parse("it.yaml", """
                    elasticsearch: { urls: [%s] }
                    state: { dir: state }
                    spool: { dir: spool, poll: "* * * * * ?", batchSize: 1000 }
                    admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                    """.formatted(urls, adminPort, dir.resolve("admin-token")), dir);
            URI admin = URI.create("http://127.0.0.1:" + adminPort);
            try (DaemonApplication daemon = DaemonApplication.start(config, new DaemonApplication.Options()
                    .runner(new SourceRunner.Settings(1000, 4, Duration.ofMillis(500), Duration.ofSeconds(2))))) {
                Await.until(Duration.ofSeconds(180), "a fifth of the events indexed", () -> count(es) >= EVENTS / 5);
                JsonNode settings = get(es, "/" + IndexNames.EVENTS_ALIAS + "/_settings?flat_settings=true");
                settings.forEach(index -> {
                    assertEquals("1", index.path("settings").path("index.number_of_replicas").asText(), "a replica per shard");
                    assertEquals("0-1", index.path("settings").path("index.auto_expand_replicas").asText());
                });
                int victim = primaryNodeOfEvents(es);
                URI victimUrl = es.urls().get(victim);
                es.node(victim).kill();
                long atKill = count(es);
                System.out.printf("ElasticsearchNodeLossIT: killed node-%d (%s) at %d of %d indexed%n", victim + 1,
                        victimUrl, atKill, EVENTS);

                Await.until(Duration.ofSeconds(120), () -> "/health shows the lost node: " + health(admin).path("elasticsearch"),
                        () -> {
                            JsonNode h = health(admin).path("elasticsearch");
                            return h.path("cluster").path("nodes").asInt() == 2 && failures(h, victimUrl) > 0;
                        });
                assertThat(DaemonProcess.metrics(admin)).contains("jira_access_elasticsearch_nodes 2\n",
                        "jira_access_elasticsearch_node_failures_total{node=\"" + victimUrl + "\"} ");
                es.node(victim).start();
                es.awaitNodes(3);
                Await.until(Duration.ofSeconds(300), () -> "every event indexed: " + count(es) + " of " + EVENTS,
                        () -> count(es) >= EVENTS && health(admin).path("sources").get(0).path("status").asText().equals("idle"));
                assertEquals(3, health(admin).path("elasticsearch").path("cluster").path("nodes").asInt());
                assertThat(atKill).as("the node died during the ingest").isLessThan(EVENTS);
            }
            List<String> indexed = eventIds(es);
            assertEquals(EVENTS, indexed.size(), "no event twice");
            assertEquals(produced, new HashSet<>(indexed), "no event lost");
        }
    }

    private static JsonNode health(URI admin) {
        return TestDaemon.health(admin);
    }

    private static long failures(JsonNode es, URI node) {
        for (JsonNode n : es.path("nodes")) {
            if (n.path("url").asText().equals(node.toString())) {
                return n.path("failures").asLong();
            }
        }
        return 0;
    }

    private static JsonNode get(ElasticsearchCluster es, String path) throws Exception {
        var r = es.connection().rest().performRequest(new Request("GET", path));
        return JSON.readTree(r.getEntity().getContent());
    }

    private static long count(ElasticsearchCluster es) {
        try {
            get(es, "/jira-access-*/_refresh?allow_no_indices=true");
            return get(es, "/" + IndexNames.EVENTS_ALIAS + "/_count?allow_no_indices=true&ignore_unavailable=true")
                    .path("count").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The index (0-based) of the node holding the primary of the events index with the most documents. */
    private static int primaryNodeOfEvents(ElasticsearchCluster es) throws Exception {
        JsonNode shards = get(es, "/_cat/shards/" + IndexNames.EVENTS_ALIAS + "?format=json&bytes=b");
        String node = null;
        long most = -1;
        for (JsonNode s : shards) {
            if (s.path("prirep").asText().equals("p") && s.path("docs").asLong(0) > most) {
                most = s.path("docs").asLong(0);
                node = s.path("node").asText();
            }
        }
        assertThat(node).as("the events index has a primary").isNotNull();
        return Integer.parseInt(node.substring("node-".length())) - 1;
    }

    /** Every event.id behind the events alias, duplicates kept. */
    private static List<String> eventIds(ElasticsearchCluster es) throws Exception {
        get(es, "/jira-access-*/_refresh");
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            Request r = new Request("POST", "/" + IndexNames.EVENTS_ALIAS + "/_search");
            r.setJsonEntity("{\"size\":10000,\"_source\":[\"event.id\"],\"sort\":[{\"event.id\":\"asc\"},{\"_index\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":" + after) + "}");
            JsonNode hits = JSON.readTree(es.connection().rest().performRequest(r).getEntity().getContent())
                    .path("hits").path("hits");
            if (hits.isEmpty()) {
                return ids;
            }
            hits.forEach(h -> ids.add(h.path("_source").path("event").path("id").asText()));
            after = hits.get(hits.size() - 1).path("sort").toString();
        }
    }
}
