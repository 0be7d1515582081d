package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.files.DurableFiles;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.report.HtmlReport;
import io.jiraaccess.daemon.report.ReportCommand;
import io.jiraaccess.daemon.report.ReportPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's compliance report: the HTML {@code report} writes, of everything since an hour before the demo started
 * (the Jira audit look-back), rewritten every {@code every} into one file, so a security team without a Kibana sees
 * in a browser what the daemon collected. A failed write (Elasticsearch still starting) is logged once and tried
 * again at the next turn.
 */
final class DemoReport implements AutoCloseable {
    static final String FILE = "compliance-report.html";
    private static final Logger LOG = LoggerFactory.getLogger(DemoReport.class);

    private final ElasticsearchConnection es;
    private final DaemonConfig.Policy policy;
    private final Path file;
    private final Instant from;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-report");
        t.setDaemon(true);
        return t;
    });
    private String lastFailure;

    DemoReport(ElasticsearchConnection es, DaemonConfig.Policy policy, Path file, Instant started, Clock clock) {
        this.es = es;
        this.policy = policy;
        this.file = file;
        this.from = started.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /** Writes the report every {@code every}, the first time after one {@code every}. */
    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::write, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the report of the period up to now. */
    void write() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            String html = HtmlReport.render(ReportCommand.build(es, new ReportPeriod(from, now.plusSeconds(60)), now,
                    policy, "(demo)"));
            DurableFiles.writeAtomically(file, html.getBytes(StandardCharsets.UTF_8));
            lastFailure = null;
        } catch (IOException | RuntimeException e) {
            String failure = e instanceof IOException io ? DurableFiles.describe(io) : e.getMessage();
            if (!Objects.equals(failure, lastFailure)) {
                LOG.warn("The demo's compliance report {} was not written ({}); trying again at the next turn", file,
                        failure);
            }
            lastFailure = failure;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
