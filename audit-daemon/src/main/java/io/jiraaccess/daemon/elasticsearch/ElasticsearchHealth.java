package io.jiraaccess.daemon.elasticsearch;

import co.elastic.clients.elasticsearch.cluster.HealthResponse;

import java.io.IOException;
import java.util.List;

/**
 * What the daemon knows of its Elasticsearch cluster: whether it answers, its health as it reports it (status, nodes,
 * data nodes, unassigned shards: a lost node shows as fewer nodes and, until its replicas are rebuilt, yellow), and
 * the client's failures per configured node.
 */
public final class ElasticsearchHealth {
    /** The cluster as last checked; {@code status} is null while it does not answer. */
    public record Snapshot(boolean available, String status, int nodes, int dataNodes, int unassignedShards,
                           List<NodeFailures.Node> configured) {
    }

    private final ElasticsearchConnection es;
    private volatile Snapshot last;

    public ElasticsearchHealth(ElasticsearchConnection es) {
        this.es = es;
        this.last = new Snapshot(false, null, 0, 0, 0, es.nodeFailures());
    }

    /** Asks the cluster for its health; true when it answered. */
    public boolean check() {
        try {
            HealthResponse h = es.client().cluster().health(r -> r.timeout(t -> t.time("2s")));
            last = new Snapshot(true, h.status().jsonValue(), h.numberOfNodes(), h.numberOfDataNodes(),
                    h.unassignedShards(), es.nodeFailures());
            return true;
        } catch (IOException | RuntimeException e) {
            last = new Snapshot(false, null, 0, 0, 0, es.nodeFailures());
            return false;
        }
    }

    /** The last check's answer. */
    public Snapshot snapshot() {
        return last;
    }
}
