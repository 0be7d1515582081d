package io.jiraaccess.daemon.testing;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A cluster of real Elasticsearch nodes of the distribution the build unpacks, each a {@link LocalElasticsearch} on
 * loopback with its own free HTTP and transport ports, found through {@code discovery.seed_hosts} and formed once
 * through {@code cluster.initial_master_nodes} (every node is master-eligible and holds data). The nodes start
 * together (a majority must be up to elect a master); the cluster is ready when it reports every node and yellow or
 * green.
 */
public final class ElasticsearchCluster implements AutoCloseable {
    private final List<LocalElasticsearch> nodes;
    private final ElasticsearchConnection connection;

    private ElasticsearchCluster(List<LocalElasticsearch> nodes) {
        this.nodes = nodes;
        this.connection = ElasticsearchConnection.open(urls(), null, null);
    }

    /** Starts {@code size} nodes with {@code heapMegabytes} each, their directories under {@code dir}. */
    public static ElasticsearchCluster start(Path dir, int size, int heapMegabytes) {
        List<String> names = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        List<Integer> transport = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add("node-" + i);
            transport.add(CamelHarness.freePort());
            seeds.add("127.0.0.1:" + transport.get(i - 1));
        }
        ExecutorService starters = Executors.newFixedThreadPool(size);
        try {
            List<CompletableFuture<LocalElasticsearch>> started = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int n = i;
                SharedElasticsearch.deleteTree(dir.resolve(names.get(n)));
                started.add(CompletableFuture.supplyAsync(() -> LocalElasticsearch.builder()
                        .runDir(dir.resolve(names.get(n))).heapMegabytes(heapMegabytes)
                        .startTimeout(Duration.ofSeconds(240)).transportPort(transport.get(n))
                        .clusterNode(names.get(n), "jira-access-it-cluster", seeds, names).start(), starters));
            }
            List<LocalElasticsearch> nodes = new ArrayList<>();
            for (CompletableFuture<LocalElasticsearch> f : started) {
                nodes.add(f.join());
            }
            ElasticsearchCluster cluster = new ElasticsearchCluster(nodes);
            cluster.awaitNodes(size);
            return cluster;
        } finally {
            starters.shutdown();
        }
    }

    public List<URI> urls() {
        return nodes.stream().map(LocalElasticsearch::url).toList();
    }

    public LocalElasticsearch node(int index) {
        return nodes.get(index);
    }

    /** A client over every node (it fails over as the daemon's does). */
    public ElasticsearchConnection connection() {
        return connection;
    }

    /** Waits until the cluster reports {@code count} nodes and is at least yellow. */
    public void awaitNodes(int count) {
        Await.until(Duration.ofSeconds(180), () -> "the cluster reports " + count + " nodes: " + nodesReported(),
                () -> nodesReported() == count);
    }

    /** The nodes the cluster reports, or -1 while it does not answer. */
    public int nodesReported() {
        try {
            var h = connection.client().cluster().health(r -> r.timeout(t -> t.time("2s")));
            return h.status().jsonValue().equals("red") ? -1 : h.numberOfNodes();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        connection.close();
        nodes.forEach(LocalElasticsearch::close);
    }
}
