package io.jiraaccess.daemon.admin;

import io.jiraaccess.daemon.cluster.ClusterHealth;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchHealth;
import io.jiraaccess.daemon.runner.SourceStatus;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Everything the admin API reports: each source's status, whether Elasticsearch answers (checked at most every few
 * seconds, so a burst of health checks does not become a burst of cluster calls), and the bulk request counters.
 */
public final class DaemonStatus {
    private static final Duration ES_CHECK_INTERVAL = Duration.ofSeconds(3);

    private final List<SourceStatus> sources;
    private final URI elasticsearchUrl;
    private final BooleanSupplier elasticsearchCheck;
    private final LongSupplier bulkRequests;
    private final LongSupplier failedBulkRequests;
    private final Clock clock;
    private Instant checkedAt;
    private boolean available;
    private volatile ElasticsearchHealth elasticsearchHealth;
    private volatile ClusterHealth cluster;

    public DaemonStatus(List<SourceStatus> sources, URI elasticsearchUrl, BooleanSupplier elasticsearchCheck,
                        LongSupplier bulkRequests, LongSupplier failedBulkRequests, Clock clock) {
        this.sources = List.copyOf(sources);
        this.elasticsearchUrl = elasticsearchUrl;
        this.elasticsearchCheck = elasticsearchCheck;
        this.bulkRequests = bulkRequests;
        this.failedBulkRequests = failedBulkRequests;
        this.clock = clock;
    }

    public List<SourceStatus.Snapshot> sources() {
        return sources.stream().map(SourceStatus::snapshot).toList();
    }

    public URI elasticsearchUrl() {
        return elasticsearchUrl;
    }

    public synchronized boolean elasticsearchAvailable() {
        Instant now = clock.instant();
        if (checkedAt == null || !now.isBefore(checkedAt.plus(ES_CHECK_INTERVAL))) {
            available = elasticsearchCheck.getAsBoolean();
            checkedAt = clock.instant();
        }
        return available;
    }

    /** Elasticsearch's own view (nodes, status, the client's failures per node) to report; null: none. */
    public DaemonStatus elasticsearchHealth(ElasticsearchHealth health) {
        this.elasticsearchHealth = health;
        return this;
    }

    public ElasticsearchHealth elasticsearchHealth() {
        return elasticsearchHealth;
    }

    /** This daemon's cluster to report; null: it runs alone. */
    public DaemonStatus cluster(ClusterHealth cluster) {
        this.cluster = cluster;
        return this;
    }

    public ClusterHealth cluster() {
        return cluster;
    }

    public long bulkRequests() {
        return bulkRequests.getAsLong();
    }

    public long failedBulkRequests() {
        return failedBulkRequests.getAsLong();
    }

    public Clock clock() {
        return clock;
    }
}
