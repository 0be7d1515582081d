package io.jiraaccess.bench;

import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.ingest.IngestRuns;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.Percentiles;
import io.jiraaccess.bench.report.QuietLogs;
import io.jiraaccess.daemon.index.BulkSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The daemon's end-to-end ingest (spool and journal sources to searchable documents) beside a raw {@code _bulk} load
 * of the same documents into the same Elasticsearch, fresh indices each time. Runs alternate, raw first and last
 * (raw, daemon, raw, daemon, ..., raw), and each daemon run is compared with the mean of the raw runs on either side
 * of it: the build machine is shared, its load changes from one minute to the next, and neighbouring runs see about
 * the same load. The ratio reported is the median of those per-round ratios.
 * <pre>
 * java -cp benchmarks.jar io.jiraaccess.bench.IngestBench --events N [--es-url URL] [--rounds R]
 * java -cp benchmarks.jar io.jiraaccess.bench.IngestBench --scaling [--sizes 10000,100000,1000000]
 * </pre>
 * The last line printed is {@code events=… daemon_eps=… raw_bulk_eps=… ratio=…} (in scaling mode, that of the largest
 * size, after one line per size). Exit status 1 when the daemon is below {@link #TARGET} of raw bulk.
 */
public final class IngestBench {
    static final double TARGET = 0.8;
    private static final String USAGE = "IngestBench --events N [--rounds R] [--es-url URL] [--es-heap-mb MB] [--warm-up N] "
            + "[--verbose] [--daemon-only] | --scaling [--sizes A,B,C] [--rounds R]";

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--events", "--es-url", "--es-heap-mb", "--sizes", "--warm-up", "--rounds"),
                Set.of("--scaling", "--verbose", "--daemon-only"), USAGE);
        QuietLogs.unless(a.flag("--verbose"));
        boolean scaling = a.flag("--scaling");
        List<Long> sizes = scaling ? a.numbers("--sizes", List.of(10_000L, 100_000L, 1_000_000L))
                : List.of(a.number("--events", 100_000));
        int rounds = (int) a.number("--rounds", scaling ? 1 : 3);
        String esUrl = a.string("--es-url", null);
        int heap = (int) a.number("--es-heap-mb", 1024);
        MachineFacts facts = new MachineFacts();
        Path target = BenchReport.targetDir();
        List<Result> results = new ArrayList<>();
        try (BenchElasticsearch es = BenchElasticsearch.open(esUrl == null ? null : URI.create(esUrl),
                target.resolve("bench-elasticsearch"), heap)) {
            IngestRuns runs = new IngestRuns(es, target.resolve("ingest-work"), BulkSettings.DEFAULT.maxOperations(),
                    BulkSettings.DEFAULT.maxConcurrentRequests(), a.flag("--verbose"));
            // warm-up, not reported: Elasticsearch and this JVM compile their hot paths during the first loads
            long warmUp = a.number("--warm-up", 100_000);
            if (warmUp > 0) {
                System.out.println("warm-up with " + warmUp + " events of each kind (not measured)");
                if (!a.flag("--daemon-only")) {
                    runs.raw(warmUp);
                }
                runs.daemon(warmUp);
            }
            if (a.flag("--daemon-only")) {
                // for profiling the daemon: no raw runs, no summary
                for (long n : sizes) {
                    IngestRuns.Run d = report(runs.daemon(n));
                    System.out.printf(Locale.ROOT, "events=%d daemon_eps=%.0f%n", n, d.eventsPerSecond());
                }
                return;
            }
            for (long n : sizes) {
                List<IngestRuns.Run> raw = new ArrayList<>();
                List<IngestRuns.Run> daemon = new ArrayList<>();
                raw.add(report(runs.raw(n)));
                for (int r = 0; r < rounds; r++) {
                    daemon.add(report(runs.daemon(n)));
                    raw.add(report(runs.raw(n)));
                }
                Result result = new Result(n, daemon, raw);
                results.add(result);
                if (scaling || rounds > 1) {
                    System.out.println("  " + result.line());
                }
            }
            es.deleteJiraAccessIndices();
            BenchReport.write(scaling ? "ingest-scaling" : "ingest-bench",
                    markdown(scaling, rounds, results, facts, es.describe(), heap, esUrl == null, args));
        }
        Result last = results.get(results.size() - 1);
        System.out.println(last.line());
        if (last.ratio() < TARGET) {
            System.exit(1);
        }
    }

    private static IngestRuns.Run report(IngestRuns.Run run) {
        System.out.printf(Locale.ROOT, "  %-9s %,10d events in %7.2f s = %,9.0f events/s (CPU: bench JVM %.1f s, "
                        + "Elasticsearch %.1f s)%n", run.kind(), run.events(), run.seconds(), run.eventsPerSecond(),
                run.benchCpuSeconds(), run.esCpuSeconds());
        return run;
    }

    /** One size: daemon runs {@code d[i]} between raw runs {@code raw[i]} and {@code raw[i+1]}. */
    record Result(long events, List<IngestRuns.Run> daemon, List<IngestRuns.Run> raw) {
        double roundRatio(int i) {
            return daemon.get(i).eventsPerSecond()
                    / ((raw.get(i).eventsPerSecond() + raw.get(i + 1).eventsPerSecond()) / 2);
        }

        double ratio() {
            double[] r = new double[daemon.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = roundRatio(i);
            }
            return median(r);
        }

        double daemonEps() {
            return median(daemon.stream().mapToDouble(IngestRuns.Run::eventsPerSecond).toArray());
        }

        double rawEps() {
            return median(raw.stream().mapToDouble(IngestRuns.Run::eventsPerSecond).toArray());
        }

        String line() {
            return String.format(Locale.ROOT, "events=%d daemon_eps=%.0f raw_bulk_eps=%.0f ratio=%.2f", events,
                    daemonEps(), rawEps(), ratio());
        }
    }

    static double median(double[] values) {
        Percentiles p = new Percentiles(values);
        return values.length % 2 == 1 ? p.at(50) : (p.at(50) + p.at(50.0 + 100.0 / values.length)) / 2;
    }

    private static String markdown(boolean scaling, int rounds, List<Result> results, MachineFacts facts, String es,
                                   int heap, boolean local, String[] args) {
        StringBuilder b = new StringBuilder();
        b.append(scaling ? "## Ingest scaling: 10k, 100k, 1M events\n\n" : "## Ingest: daemon end to end vs raw `_bulk`\n\n");
        b.append("Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.IngestBench")
                .append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n\n");
        b.append(facts.markdown());
        b.append("- Elasticsearch: ").append(es).append(local ? " (heap " + heap + " MB, same machine)" : "").append('\n');
        b.append(String.format(Locale.ROOT, """
                - daemon: in the bench's JVM, configured as `run` is except both polls every second; spool files of %d events,
                  half the events through the spool, half through a Jenkins journal endpoint (events generated on the fly)
                - raw: the same documents (index, `_id`, bytes) to `_bulk`, %d per request, %d in flight (the daemon's bulk settings)
                - time: from the events being offered (spool files renamed into place, journal head moved; or the first bulk
                  request) until a `_count` on `jira-access-events` sees all of them; fresh indices for every run; after a
                  warm-up of each kind that is not reported
                - %d round(s) per size: raw, daemon, raw%s; each daemon run is compared with the mean of the raw runs
                  on either side of it; ratio = median of those; events/s = medians
                - CPU: seconds used by the bench JVM (the daemon or the raw loader, event generation included) and by
                  Elasticsearch during the run

                """, IngestRuns.EVENTS_PER_FILE, BulkSettings.DEFAULT.maxOperations(), BulkSettings.DEFAULT.maxConcurrentRequests(),
                rounds, rounds > 1 ? ", daemon, raw, ..." : ""));
        b.append("| events | daemon events/s | raw _bulk events/s | daemon / raw | target |\n|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | **%.2f** | >= %.2f: %s |%n", r.events(), r.daemonEps(),
                    r.rawEps(), r.ratio(), TARGET, r.ratio() >= TARGET ? "met" : "MISSED"));
        }
        b.append("\nEvery run:\n\n| events | run | seconds | events/s | CPU bench JVM (s) | CPU Elasticsearch (s) | round ratio |\n"
                + "|---:|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            for (int i = 0; i < r.raw().size(); i++) {
                row(b, r.events(), r.raw().get(i), "");
                if (i < r.daemon().size()) {
                    row(b, r.events(), r.daemon().get(i), String.format(Locale.ROOT, "%.2f", r.roundRatio(i)));
                }
            }
        }
        if (scaling && results.size() > 1) {
            double min = results.stream().mapToDouble(Result::daemonEps).min().orElse(0);
            double max = results.stream().mapToDouble(Result::daemonEps).max().orElse(0);
            b.append(String.format(Locale.ROOT, "%nDaemon rate, slowest size / fastest size: %.2f (flat is 1.00). "
                    + "A small size includes up to a second of poll alignment and one refresh interval, "
                    + "which weigh more on a short run.%n", min / max));
        }
        b.append("\nThe machine is shared with other work (see the load average above): single runs vary by a factor of "
                + "two or more, which is why runs alternate and medians are reported.\n");
        return b.toString();
    }

    private static void row(StringBuilder b, long events, IngestRuns.Run run, String ratio) {
        b.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %,.0f | %.1f | %.1f | %s |%n", events, run.kind(),
                run.seconds(), run.eventsPerSecond(), run.benchCpuSeconds(), run.esCpuSeconds(), ratio));
    }
}
