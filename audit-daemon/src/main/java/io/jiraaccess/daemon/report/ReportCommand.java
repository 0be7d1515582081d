package io.jiraaccess.daemon.report;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.files.DurableFiles;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code report}: the compliance report for a period, from the daemon's Elasticsearch. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained compliance report (HTML, or PDF) for a period: credential inventory with "
                + "expiry, rotations and revocations, token use by pipeline, policy violations, Basic-auth callers left "
                + "to migrate, and the exact Elasticsearch query behind every number.",
                "Elasticsearch is the configuration's elasticsearch.url, or the local node under state.dir (the running "
                        + "daemon's, or started for the report and stopped after)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:usage or configuration error",
                "5:Elasticsearch unreachable or refused a query"})
public final class ReportCommand implements Callable<Integer> {
    public static final String VERSION = "Jira Access audit-daemon 0.1.0";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the daemon's YAML configuration (default: built-in defaults)")
    Path config;

    @Option(names = "--from", required = true, paramLabel = "DATE",
            description = "start of the period: 2026-11-01 (00:00 UTC) or an ISO date-time")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE",
            description = "end of the period: 2026-11-30 (includes that whole day, UTC) or an ISO date-time (excluded)")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the report file to write")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (default) or pdf")
    String format;

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemUTC());
    }

    public ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        ReportPeriod period;
        try {
            period = ReportPeriod.parse(from, to);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("html") && !fmt.equals("pdf")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be html or pdf, not '" + format + "'");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a directory; name the report file");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new ConfigurationException("--out " + out + ": directory " + target.getParent() + " does not exist");
        }
        DaemonConfigParser parser = DaemonConfigParser.fromSystem();
        DaemonConfig cfg = config == null ? parser.defaults() : parser.parse(config);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        ComplianceReport report;
        LocalElasticsearch local = null;
        try {
            URI url = cfg.elasticsearch().url();
            if (url == null) {
                Path runDir = cfg.state().dir().resolve("elasticsearch");
                Optional<URI> running = LocalElasticsearch.runningOn(runDir);
                if (running.isPresent()) {
                    url = running.get();
                } else {
                    if (!Files.isDirectory(runDir.resolve("data"))) {
                        throw new ConfigurationException((config == null ? "the default configuration" : config.toString())
                                + " has no elasticsearch.url and there is no local Elasticsearch data under " + runDir
                                + "; set elasticsearch.url, or run the daemon first so it has indexed events");
                    }
                    local = LocalElasticsearch.builder().runDir(runDir)
                            .heapMegabytes(cfg.elasticsearch().localHeapMegabytes()).start();
                    url = local.url();
                }
            }
            try (ElasticsearchConnection es = ElasticsearchConnection.open(url, cfg.elasticsearch().apiKey(),
                    cfg.elasticsearch().caCertificate())) {
                report = build(es, period, now, cfg.policy(), config == null ? null : config.toString());
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
        String html = HtmlReport.render(report);
        byte[] bytes = fmt.equals("pdf") ? PdfReport.render(html) : html.getBytes(StandardCharsets.UTF_8);
        DurableFiles.writeAtomically(target, bytes);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Wrote %s (%s, %,d bytes): %s, %d queries against %s%n", out, fmt.toUpperCase(Locale.ROOT),
                bytes.length, period.describe(), report.queries().size(), report.context().elasticsearch());
        w.flush();
        return 0;
    }

    /**
     * The report of {@code period} from the daemon's Elasticsearch, judged at {@code now} by {@code policy}: what
     * {@code report} writes, and the demo every minute.
     *
     * @param configFile the configuration named in the report, or null
     */
    public static ComplianceReport build(ElasticsearchConnection es, ReportPeriod period, Instant now,
                                         DaemonConfig.Policy policy, String configFile) {
        ElasticsearchReportSearch search = new ElasticsearchReportSearch(es);
        ReportQueries queries = new ReportQueries(ReportQueries.Settings.of(period, now,
                policy.warnBeforeExpiryDays(), policy.maxAgeDays()));
        return ComplianceReport.build(queries, search, new ComplianceReport.Context(search.describe(), configFile, now,
                VERSION));
    }
}
