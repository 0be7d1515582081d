package io.jiraaccess.daemon.admin;

import io.jiraaccess.daemon.index.BatchIndexer;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.source.Backlog;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.testing.InMemoryCursorStore;
import io.jiraaccess.daemon.testing.Records;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsReportTest {
    /** Three event lines and a garbage line, then nothing. */
    static final class OneBatch implements EventSource {
        @Override
        public String id() {
            return "jenkins-ci \"main\"";
        }

        @Override
        public String kind() {
            return "jenkins";
        }

        @Override
        public SourceBatch read(String position, int maxEvents) {
            if (position != null) {
                return SourceBatch.empty(position);
            }
            return SourceBatch.of(List.of(Records.event("a", 1), Records.event("b", 2), Records.event("c", 3),
                    Records.line("%%", 4)), "3", true, null);
        }

        @Override
        public Backlog backlog(String position) {
            return new Backlog(7, "events");
        }
    }

    @Test
    void countersLagAndBacklogAreExposedPerSourceInPrometheusFormat() {
        BatchIndexer indexer = new BatchIndexer() {
            @Override
            public CompletableFuture<BatchReceipt> submit(String id, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
                return CompletableFuture.completedFuture(new BatchReceipt(docs.size() - 1, 1 + rejected.size()));
            }

            @Override
            public void flush() {
            }
        };
        SourceRunner runner = new SourceRunner(new OneBatch(), new InMemoryCursorStore(), indexer,
                new TemplateInstaller(null, IndexTemplateSource.of(Map.of(), Map.of())), SourceRunner.Settings.DEFAULT,
                Clock.systemUTC());
        runner.poll();
        DaemonStatus status = new DaemonStatus(List.of(runner.status()), URI.create("http://127.0.0.1:9200"),
                () -> false, () -> 12, () -> 2, Clock.systemUTC());

        String text = new MetricsReport(status).text();
        String labels = "{source=\"jenkins-ci \\\"main\\\"\",kind=\"jenkins\"}";
        assertThat(text).contains(
                "# TYPE jira_access_events_indexed_total counter\njira_access_events_indexed_total" + labels + " 2\n",
                "jira_access_events_dead_lettered_total" + labels + " 2\n",
                "jira_access_lines_rejected_total" + labels + " 1\n",
                "jira_access_source_failures_total" + labels + " 0\n",
                "jira_access_source_lag_seconds" + labels + " 0\n",
                "jira_access_source_up" + labels + " 1\n",
                "jira_access_source_backlog{source=\"jenkins-ci \\\"main\\\"\",unit=\"events\"} 7\n",
                "jira_access_elasticsearch_up 0\n",
                "jira_access_bulk_requests_total 12\n",
                "jira_access_bulk_requests_failed_total 2\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) jira_access_\\w+ .+|jira_access_\\w+(\\{.*})? \\d+");
        }
    }
}
