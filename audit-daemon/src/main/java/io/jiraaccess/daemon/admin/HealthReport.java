package io.jiraaccess.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.daemon.cluster.ClusterHealth;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchHealth;
import io.jiraaccess.daemon.elasticsearch.NodeFailures;
import io.jiraaccess.daemon.runner.SourceStatus;

import java.time.Instant;

/**
 * {@code GET /health}: overall status ({@code ok}, or {@code degraded} when Elasticsearch is down, a source is not
 * healthy or the cluster's database does not answer), per source its state, cursor, lag, backlog, last error, next
 * attempt and a warning (a problem that does not stop it reading, such as a Jenkins journal that could not be told
 * what is indexed), Elasticsearch's own health and the client's failures per node, and in a cluster the
 * {@code cluster} section ({@link ClusterHealth}).
 */
public final class HealthReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token inventory's cursor lists every token id: shortened here. */
    static final int MAX_CURSOR = 200;

    private final DaemonStatus status;

    public HealthReport(DaemonStatus status) {
        this.status = status;
    }

    /** The report as JSON. */
    public String json() throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        boolean esUp = status.elasticsearchAvailable();
        boolean healthy = esUp;
        ArrayNode sources = JSON.createArrayNode();
        for (SourceStatus.Snapshot s : status.sources()) {
            healthy &= s.state() == SourceStatus.State.IDLE || s.state() == SourceStatus.State.INGESTING
                    || s.state() == SourceStatus.State.STARTING;
            ObjectNode n = sources.addObject();
            n.put("id", s.id());
            n.put("kind", s.kind());
            n.put("status", s.state().id());
            n.put("cursor", s.cursor() != null && s.cursor().length() > MAX_CURSOR
                    ? s.cursor().substring(0, MAX_CURSOR) + "..." : s.cursor());
            ObjectNode lag = n.putObject("lag");
            lag.put("seconds", s.lagSeconds());
            if (s.backlog().known()) {
                lag.put(s.backlog().unit(), s.backlog().amount());
            }
            put(n, "lastSuccessAt", s.lastSuccessAt());
            n.put("lastError", s.lastError());
            put(n, "lastErrorAt", s.lastErrorAt());
            put(n, "nextAttemptAt", s.nextAttemptAt());
            n.put("warning", s.warning());
            n.put("consecutiveFailures", s.consecutiveFailures());
            n.put("eventsIndexed", s.eventsIndexed());
            n.put("deadLettered", s.deadLettered());
            n.put("rejectedLines", s.rejectedLines());
            n.put("failures", s.failures());
        }
        ClusterHealth cluster = status.cluster();
        healthy &= cluster == null || cluster.healthy();
        root.put("status", healthy ? "ok" : "degraded");
        ObjectNode es = root.putObject("elasticsearch");
        es.put("url", status.elasticsearchUrl().toString());
        es.put("available", esUp);
        if (status.elasticsearchHealth() != null) {
            elasticsearchCluster(es, status.elasticsearchHealth().snapshot());
        }
        if (cluster != null) {
            root.set("cluster", cluster.json(JSON));
        }
        root.set("sources", sources);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The cluster's own health and the client's failures per configured node. */
    private static void elasticsearchCluster(ObjectNode es, ElasticsearchHealth.Snapshot h) {
        ObjectNode c = es.putObject("cluster");
        c.put("status", h.status());
        c.put("nodes", h.nodes());
        c.put("dataNodes", h.dataNodes());
        c.put("unassignedShards", h.unassignedShards());
        ArrayNode nodes = es.putArray("nodes");
        for (NodeFailures.Node n : h.configured()) {
            ObjectNode o = nodes.addObject();
            o.put("url", n.url().toString());
            o.put("failures", n.failures());
            put(o, "lastFailureAt", n.lastFailureAt());
        }
    }

    private static void put(ObjectNode n, String key, Instant t) {
        if (t == null) {
            n.putNull(key);
        } else {
            n.put(key, t.toString());
        }
    }
}
