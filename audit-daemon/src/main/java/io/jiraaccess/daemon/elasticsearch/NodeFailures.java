package io.jiraaccess.daemon.elasticsearch;

import org.elasticsearch.client.RestClient;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST client's failures per configured node: each time a node does not answer (connection refused, timeout, a
 * 502/503/504), the client marks it dead for a while, tries the request on another node, and tells this listener.
 */
public final class NodeFailures extends RestClient.FailureListener {
    /** A configured node: how many requests failed on it, and when the last one did (null: none). */
    public record Node(URI url, long failures, Instant lastFailureAt) {
    }

    private final Map<String, URI> byHostPort = new LinkedHashMap<>();
    private final Map<URI, Node> nodes = new LinkedHashMap<>();

    NodeFailures(List<URI> urls) {
        for (URI u : urls) {
            byHostPort.put(key(u.getHost(), ElasticsearchConnection.port(u)), u);
            nodes.put(u, new Node(u, 0, null));
        }
    }

    @Override
    public synchronized void onFailure(org.elasticsearch.client.Node node) {
        URI u = byHostPort.get(key(node.getHost().getHostName(), node.getHost().getPort()));
        if (u != null) {
            Node n = nodes.get(u);
            nodes.put(u, new Node(u, n.failures() + 1, Instant.now()));
        }
    }

    public synchronized List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }
}
