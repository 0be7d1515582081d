package io.jiraaccess.daemon.index;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

/** Deletes daily event indices whose day is more than {@code retentionDays} before today (UTC). */
public final class IndexRetention {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRetention.class);

    private final ElasticsearchConnection es;
    private final int retentionDays;
    private final Clock clock;

    public IndexRetention(ElasticsearchConnection es, int retentionDays, Clock clock) {
        this.es = es;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /** Deletes the expired indices and returns their names. */
    public List<String> run() throws IOException {
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
        TreeSet<String> expired = new TreeSet<>();
        for (String index : es.client().indices().get(g -> g.index(IndexNames.EVENTS_PREFIX + "*")
                .allowNoIndices(true).ignoreUnavailable(true)).result().keySet()) {
            IndexNames.dayOf(index).filter(day -> day.isBefore(oldestKept)).ifPresent(day -> expired.add(index));
        }
        for (String index : expired) {
            // exact names: wildcard deletes are refused by default (action.destructive_requires_name)
            es.client().indices().delete(d -> d.index(index));
        }
        if (!expired.isEmpty()) {
            LOG.info("Retention ({} days) deleted {}", retentionDays, expired);
        }
        return List.copyOf(expired);
    }
}
