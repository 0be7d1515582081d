package io.jiraaccess.daemon.admin;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchHealth;
import io.jiraaccess.daemon.elasticsearch.NodeFailures;
import io.jiraaccess.daemon.runner.SourceStatus;

import java.util.List;
import java.util.function.ToLongFunction;

/** {@code GET /metrics}: Prometheus text exposition format 0.0.4. */
public final class MetricsReport {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final DaemonStatus status;

    public MetricsReport(DaemonStatus status) {
        this.status = status;
    }

    public String text() {
        List<SourceStatus.Snapshot> sources = status.sources();
        StringBuilder b = new StringBuilder(2048);
        perSource(b, sources, "jira_access_events_indexed_total", "counter",
                "Events Elasticsearch acknowledged, per source.", SourceStatus.Snapshot::eventsIndexed);
        perSource(b, sources, "jira_access_events_dead_lettered_total", "counter",
                "Records written to the dead-letter index (refused documents and lines that are not events), per source.",
                SourceStatus.Snapshot::deadLettered);
        perSource(b, sources, "jira_access_lines_rejected_total", "counter",
                "Lines that were not events (garbage), per source; included in dead_lettered.", SourceStatus.Snapshot::rejectedLines);
        perSource(b, sources, "jira_access_source_failures_total", "counter",
                "Polls that failed (source errors and Elasticsearch outages), per source.", SourceStatus.Snapshot::failures);
        perSource(b, sources, "jira_access_source_lag_seconds", "gauge",
                "Seconds since the source was last caught up (0 while it is).", SourceStatus.Snapshot::lagSeconds);
        perSource(b, sources, "jira_access_source_up", "gauge",
                "1 while the source is idle or ingesting, 0 while it backs off, pauses or fails.",
                s -> s.state() == SourceStatus.State.IDLE || s.state() == SourceStatus.State.INGESTING ? 1 : 0);
        header(b, "jira_access_source_backlog", "gauge", "What the source knows to be waiting, in the unit of the label.");
        for (SourceStatus.Snapshot s : sources) {
            if (s.backlog().known()) {
                b.append("jira_access_source_backlog{source=\"").append(escape(s.id())).append("\",unit=\"")
                        .append(escape(s.backlog().unit())).append("\"} ").append(s.backlog().amount()).append('\n');
            }
        }
        header(b, "jira_access_elasticsearch_up", "gauge", "1 when Elasticsearch answers.");
        b.append("jira_access_elasticsearch_up ").append(status.elasticsearchAvailable() ? 1 : 0).append('\n');
        header(b, "jira_access_bulk_requests_total", "counter", "Bulk requests sent to Elasticsearch.");
        b.append("jira_access_bulk_requests_total ").append(status.bulkRequests()).append('\n');
        header(b, "jira_access_bulk_requests_failed_total", "counter", "Bulk requests that failed as a whole.");
        b.append("jira_access_bulk_requests_failed_total ").append(status.failedBulkRequests()).append('\n');
        if (status.elasticsearchHealth() != null) {
            elasticsearchNodes(b, status.elasticsearchHealth().snapshot());
        }
        if (status.cluster() != null) {
            b.append(status.cluster().metrics());
        }
        return b.toString();
    }

    private static void elasticsearchNodes(StringBuilder b, ElasticsearchHealth.Snapshot h) {
        header(b, "jira_access_elasticsearch_nodes", "gauge", "Nodes in the Elasticsearch cluster, as it reports them.");
        b.append("jira_access_elasticsearch_nodes ").append(h.nodes()).append('\n');
        header(b, "jira_access_elasticsearch_node_failures_total", "counter",
                "Requests that failed on a configured node (the client then tried another).");
        for (NodeFailures.Node n : h.configured()) {
            b.append("jira_access_elasticsearch_node_failures_total{node=\"").append(escape(n.url().toString()))
                    .append("\"} ").append(n.failures()).append('\n');
        }
    }

    private static void perSource(StringBuilder b, List<SourceStatus.Snapshot> sources, String name, String type,
                                  String help, ToLongFunction<SourceStatus.Snapshot> value) {
        header(b, name, type, help);
        for (SourceStatus.Snapshot s : sources) {
            b.append(name).append("{source=\"").append(escape(s.id())).append("\",kind=\"").append(escape(s.kind()))
                    .append("\"} ").append(value.applyAsLong(s)).append('\n');
        }
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
