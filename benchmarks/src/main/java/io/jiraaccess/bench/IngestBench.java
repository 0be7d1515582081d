package io.jiraaccess.bench;

import io.jiraaccess.bench.heap.DaemonProcess;
import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.ingest.DaemonJvm;
import io.jiraaccess.bench.ingest.FedDaemon;
import io.jiraaccess.bench.ingest.InProcessDaemon;
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
 * java -cp benchmarks.jar io.jiraaccess.bench.IngestBench --events 10000,100000,1000000 [--rounds R]
 * java -cp benchmarks.jar io.jiraaccess.bench.IngestBench --scaling [--sizes 10000,100000,1000000]
 * </pre>
 * A list of sizes (or {@code --scaling}) is the growth series. Rounds per size: {@code --rounds}, else 3 below a
 * million events and 1 from a million (a round of a million takes minutes, and its runs are long enough to average
 * out much of the machine's changing load).
 * The last line printed is {@code events=… daemon_eps=… raw_bulk_eps=… ratio=…} (in scaling mode, that of the largest
 * size, after one line per size). Exit status 1 when the daemon is below {@link #TARGET} of raw bulk (the largest size
 * in a growth series), or when a growth series is not flat ({@link #growthFailures}).
 */
public final class IngestBench {
    static final double TARGET = 0.8;
    static final List<Long> GROWTH_SIZES = List.of(10_000L, 100_000L, 1_000_000L);
    /** Growth: a size's daemon rate may be this much below that of the size before (runs minutes apart see other loads). */
    static final double GROWTH_RATE_TOLERANCE = 0.8;
    /** Growth: a size's daemon / raw ratio may be this much below that of the size before. */
    static final double GROWTH_RATIO_TOLERANCE = 0.85;
    /**
     * Below this many events a load takes about as long as the poll alignment and the refresh interval, on both sides,
     * so its ratio measures those fixed delays rather than throughput; the growth of the ratio is checked from here.
     */
    static final long THROUGHPUT_SIZE = 100_000;
    /**
     * Events of each kind per warm-up round. The daemon's per-request paths (HTTP clients, bulk ingester, response
     * parsing) run a few hundred times per 100,000 events, so the JIT compiler keeps compiling them for a long time:
     * after a warm-up of 100,000 it still ran 1.0 to 2.0 s during each 300,000-event daemon run (on two cores, beside
     * the load); after one round of 500,000, 4 to 7.5 s during the next 1,000,000-event daemon run. A daemon in
     * production compiles them once.
     */
    static final long DEFAULT_WARM_UP = 500_000;
    /** Warm-up rounds at most; fewer when the JIT has settled ({@link #JIT_SETTLED}). */
    static final int MAX_WARM_UP_ROUNDS = 4;
    /** The JIT has settled when it ran for less than this share of a warm-up daemon run's time. */
    static final double JIT_SETTLED = 0.05;
    private static final String USAGE = "IngestBench --events N[,N...] [--rounds R] [--es-url URL] [--es-heap-mb MB] [--warm-up N] "
            + "[--daemon-jvm [--daemon-jar FILE]] [--verbose] [--daemon-only] | --scaling [--sizes A,B,C] [--rounds R]";

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--events", "--es-url", "--es-heap-mb", "--sizes", "--warm-up", "--rounds",
                "--daemon-jar"), Set.of("--scaling", "--verbose", "--daemon-only", "--daemon-jvm"), USAGE);
        QuietLogs.unless(a.flag("--verbose"));
        List<Long> events = a.numbers("--events", List.of(100_000L));
        // a list of sizes is the growth series, as --scaling --sizes is
        boolean scaling = a.flag("--scaling") || events.size() > 1;
        List<Long> sizes = a.flag("--scaling") ? a.numbers("--sizes", GROWTH_SIZES) : events;
        Settings settings = new Settings(sizes, (int) a.number("--rounds", Settings.AUTO_ROUNDS), scaling,
                a.string("--es-url", null), (int) a.number("--es-heap-mb", 1024), a.number("--warm-up", DEFAULT_WARM_UP),
                a.flag("--verbose"), a.flag("--daemon-only"), !a.flag("--daemon-jvm") && a.string("--daemon-jar", null) == null,
                a.string("--daemon-jar", null), args);
        List<Result> results = run(settings);
        if (settings.daemonOnly()) {
            return;
        }
        Result last = results.get(results.size() - 1);
        System.out.println(last.line());
        if (last.ratio() < TARGET || (settings.scaling() && !growthFailures(results).isEmpty())) {
            System.exit(1);
        }
    }

    /**
     * What to run.
     *
     * @param sizes      events per load, in order
     * @param rounds     daemon runs per size (each between two raw runs); {@link #AUTO_ROUNDS}: 3 below a million
     *                   events, 1 from a million
     * @param scaling    report as a growth series
     * @param esUrl      Elasticsearch to use; null starts a local node
     * @param warmUp     events of each kind per warm-up round, not measured (0: no warm-up)
     * @param daemonOnly no raw runs and no summary (for profiling the daemon)
     * @param inProcess  start a daemon in this JVM for every load (the default) instead of feeding every load to one
     *                   daemon in its own JVM ({@link DaemonJvm}, {@code --daemon-jvm})
     * @param daemonJar  the daemon jar for its own JVM; null: this checkout's {@code audit-daemon/target/audit-daemon.jar}
     * @param args       the command line, for the summary
     */
    record Settings(List<Long> sizes, int rounds, boolean scaling, String esUrl, int esHeapMb, long warmUp,
                    boolean verbose, boolean daemonOnly, boolean inProcess, String daemonJar, String[] args) {
        static final int AUTO_ROUNDS = 0;

        int roundsFor(long events) {
            return rounds != AUTO_ROUNDS ? rounds : events < 1_000_000 ? 3 : 1;
        }
    }

    /**
     * Runs the loads, prints one line per run (and per size when there are several rounds or sizes), writes the
     * Markdown summary and returns one result per size (none with {@code daemonOnly}).
     */
    static List<Result> run(Settings s) throws Exception {
        MachineFacts facts = new MachineFacts();
        Path target = BenchReport.targetDir();
        List<Result> results = new ArrayList<>();
        Path jar = s.inProcess() ? null : DaemonProcess.locateJar(s.daemonJar(), target);
        try (BenchElasticsearch es = BenchElasticsearch.open(s.esUrl() == null ? null : URI.create(s.esUrl()),
                target.resolve("bench-elasticsearch"), s.esHeapMb());
             FedDaemon fed = startDaemon(es, jar, target)) {
            IngestRuns runs = new IngestRuns(es, BulkSettings.DEFAULT.maxOperations(),
                    BulkSettings.DEFAULT.maxConcurrentRequests(), fed, s.verbose());
            // warm-up, not reported: Elasticsearch and this JVM compile their hot paths during the first loads
            int warmUpRounds = 0;
            for (boolean settled = s.warmUp() <= 0; !settled; ) {
                warmUpRounds++;
                System.out.printf(Locale.ROOT, "warm-up round %d with %,d events of each kind (not measured)%n", warmUpRounds,
                        s.warmUp());
                if (!s.daemonOnly()) {
                    report(runs.raw(s.warmUp()));
                }
                IngestRuns.Run d = report(runs.daemon(s.warmUp()));
                settled = d.jitSeconds() < JIT_SETTLED * d.seconds() || warmUpRounds == MAX_WARM_UP_ROUNDS;
            }
            if (s.daemonOnly()) {
                for (long n : s.sizes()) {
                    IngestRuns.Run d = report(runs.daemon(n));
                    System.out.printf(Locale.ROOT, "events=%d daemon_eps=%.0f%n", n, d.eventsPerSecond());
                }
                return results;
            }
            for (long n : s.sizes()) {
                List<IngestRuns.Run> raw = new ArrayList<>();
                List<IngestRuns.Run> daemon = new ArrayList<>();
                raw.add(report(runs.raw(n)));
                for (int r = 0; r < s.roundsFor(n); r++) {
                    daemon.add(report(runs.daemon(n)));
                    raw.add(report(runs.raw(n)));
                }
                Result result = new Result(n, daemon, raw);
                results.add(result);
                if (s.scaling() || s.roundsFor(n) > 1) {
                    System.out.println("  " + result.line());
                }
            }
            es.deleteJiraAccessIndices();
            BenchReport.write(s.scaling() ? "ingest-scaling" : "ingest-bench",
                    markdown(s.scaling(), results, facts, es.describe(), s.esHeapMb(), s.esUrl() == null,
                            s.inProcess(), s.warmUp(), warmUpRounds, s.args()));
        }
        return results;
    }

    /** The daemon every load goes through, started on an Elasticsearch without {@code jira-access-*} indices. */
    private static FedDaemon startDaemon(BenchElasticsearch es, Path jar, Path target) {
        es.deleteJiraAccessIndices();
        return jar == null ? InProcessDaemon.start(es, target.resolve("ingest-work"))
                : DaemonJvm.start(es, target.resolve("ingest-daemon"), jar);
    }

    private static IngestRuns.Run report(IngestRuns.Run run) {
        System.out.printf(Locale.ROOT, "  %-9s %,10d events in %7.2f s = %,9.0f events/s (CPU: %sbench JVM %.1f s "
                        + "(JIT %.1f s), Elasticsearch %.1f s)%n", run.kind(), run.events(), run.seconds(), run.eventsPerSecond(),
                run.daemonCpuSeconds() > 0 ? String.format(Locale.ROOT, "daemon JVM %.1f s, ", run.daemonCpuSeconds()) : "",
                run.benchCpuSeconds(), run.jitSeconds(), run.esCpuSeconds());
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

    /**
     * The growth claims a series breaks, as sentences; none when the rate stays flat: no size's daemon rate below
     * {@link #GROWTH_RATE_TOLERANCE} of the size before, and from {@link #THROUGHPUT_SIZE} events on no size's
     * daemon / raw ratio below {@link #GROWTH_RATIO_TOLERANCE} of the size before.
     */
    static List<String> growthFailures(List<Result> results) {
        List<String> failures = new ArrayList<>();
        for (int i = 1; i < results.size(); i++) {
            Result r = results.get(i);
            Result before = results.get(i - 1);
            if (r.daemonEps() < GROWTH_RATE_TOLERANCE * before.daemonEps()) {
                failures.add(String.format(Locale.ROOT, "daemon events/s fell from %.0f at %,d events to %.0f at %,d",
                        before.daemonEps(), before.events(), r.daemonEps(), r.events()));
            }
            if (before.events() >= THROUGHPUT_SIZE && r.ratio() < GROWTH_RATIO_TOLERANCE * before.ratio()) {
                failures.add(String.format(Locale.ROOT, "daemon / raw fell from %.2f at %,d events to %.2f at %,d",
                        before.ratio(), before.events(), r.ratio(), r.events()));
            }
        }
        return failures;
    }

    static double median(double[] values) {
        Percentiles p = new Percentiles(values);
        return values.length % 2 == 1 ? p.at(50) : (p.at(50) + p.at(50.0 + 100.0 / values.length)) / 2;
    }

    private static String markdown(boolean scaling, List<Result> results, MachineFacts facts, String es,
                                   int heap, boolean local, boolean inProcess, long warmUp, int warmUpRounds,
                                   String[] args) {
        StringBuilder b = new StringBuilder();
        b.append(scaling ? "## Ingest growth: " + String.join(", ", results.stream()
                .map(r -> String.format(Locale.ROOT, "%,d", r.events())).toList()) + " events\n\n"
                : "## Ingest: daemon end to end vs raw `_bulk`\n\n");
        b.append("Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.IngestBench")
                .append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n\n");
        b.append(facts.markdown());
        b.append("- Elasticsearch: ").append(es).append(local ? " (heap " + heap + " MB, same machine)" : "").append('\n');
        b.append(String.format(Locale.ROOT, """
                - daemon: %s, configured as `run` is except both polls every second; spool files of %d events,
                  half the events through the spool, half through a Jenkins journal endpoint in the bench's JVM (events
                  generated on the fly)
                - raw: documents of the same shape, daily index and `_id` form (events of the time of the run) to
                  `_bulk`, %d per request, %d in flight (the daemon's bulk settings)
                - time: from the events being offered (spool files renamed into place, journal head moved; or the first bulk
                  request) until a `_count` on `jira-access-events` (searched every 100 ms from the start, on both sides)
                  sees all of them; fresh event indices for every run
                  (the credentials index stays, as for a running daemon); each
                  run starts when this JVM, the daemon and Elasticsearch use less than 0.15 cores together
                - warm-up, not reported: %d round(s) of %,d events of each kind, until the bench JVM's JIT compiler ran
                  for less than %.0f %% of a warm-up daemon run's time (at most %d rounds), as in a daemon that has been
                  running for a while
                - rounds per size as in the table, each size run as raw, daemon, raw (, daemon, raw, ...); each daemon
                  run is compared with the mean of the raw runs on either side of it; ratio = median of those; events/s =
                  medians
                - CPU: seconds used during the run by %s and by Elasticsearch

                """, inProcess ? "started in the bench's JVM once and fed every load"
                        : "the real jar in its own JVM (`java -jar audit-daemon.jar run --config ...`, default JVM options), "
                        + "started once and fed every load (`--daemon-jvm`)", IngestRuns.EVENTS_PER_FILE,
                BulkSettings.DEFAULT.maxOperations(), BulkSettings.DEFAULT.maxConcurrentRequests(), warmUpRounds, warmUp,
                JIT_SETTLED * 100, MAX_WARM_UP_ROUNDS,
                inProcess ? "the bench JVM (the raw loader, or the daemon and the journal endpoint; event generation included)"
                        : "the daemon's JVM (idle during raw runs), by the bench JVM (the raw loader, or the journal "
                        + "endpoint; event generation included)"));
        b.append("| events | rounds | daemon events/s | raw _bulk events/s | daemon / raw | target |\n"
                + "|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "| %,d | %d | %,.0f | %,.0f | **%.2f** | >= %.2f: %s |%n", r.events(),
                    r.daemon().size(), r.daemonEps(),
                    r.rawEps(), r.ratio(), TARGET, r.ratio() >= TARGET ? "met" : "MISSED"));
        }
        b.append("\nEvery run:\n\n| events | run | seconds | events/s | CPU daemon JVM (s) | CPU bench JVM (s) "
                + "| JIT compiling (s) | CPU Elasticsearch (s) | round ratio |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            for (int i = 0; i < r.raw().size(); i++) {
                row(b, r.events(), r.raw().get(i), "");
                if (i < r.daemon().size()) {
                    row(b, r.events(), r.daemon().get(i), String.format(Locale.ROOT, "%.2f", r.roundRatio(i)));
                }
            }
        }
        if (scaling && results.size() > 1) {
            b.append("\nGrowth, each size against the one before (1.00 is flat, above 1 faster with more events):\n\n"
                    + "| events | daemon events/s | raw _bulk events/s | daemon / raw |\n|---:|---:|---:|---:|\n");
            for (int i = 1; i < results.size(); i++) {
                Result r = results.get(i);
                Result p = results.get(i - 1);
                b.append(String.format(Locale.ROOT, "| %,d / %,d | %.2f | %.2f | %.2f |%n", r.events(), p.events(),
                        r.daemonEps() / p.daemonEps(), r.rawEps() / p.rawEps(), r.ratio() / p.ratio()));
            }
            List<String> failures = growthFailures(results);
            b.append(String.format(Locale.ROOT, "%nRate flat (no size's daemon events/s below %.2f of the size before; from "
                    + "%,d events on, no daemon / raw ratio below %.2f of the size before): %s%n", GROWTH_RATE_TOLERANCE,
                    THROUGHPUT_SIZE, GROWTH_RATIO_TOLERANCE, failures.isEmpty() ? "met" : "MISSED: " + String.join("; ", failures)));
            b.append("\nA small size includes up to a second of poll alignment and one refresh interval, on both sides, "
                    + "which weigh more on a short run. Events/s depend on how busy the machine was during each run; the "
                    + "daemon / raw ratio of each size much less so.\n");
        }
        b.append("\nThe machine is shared with other work (see the load average above): single runs vary by a factor of "
                + "two or more, which is why runs alternate and medians are reported.\n");
        return b.toString();
    }

    private static void row(StringBuilder b, long events, IngestRuns.Run run, String ratio) {
        b.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %,.0f | %s | %.1f | %.1f | %.1f | %s |%n", events,
                run.kind(), run.seconds(), run.eventsPerSecond(), run.daemonCpuSeconds() > 0
                        ? String.format(Locale.ROOT, "%.1f", run.daemonCpuSeconds()) : "", run.benchCpuSeconds(),
                run.jitSeconds(), run.esCpuSeconds(), ratio));
    }
}
