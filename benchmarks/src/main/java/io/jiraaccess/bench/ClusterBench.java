package io.jiraaccess.bench;

import io.jiraaccess.bench.cluster.ClusterOfDaemons;
import io.jiraaccess.bench.heap.DaemonProcess;
import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.ingest.EventLines;
import io.jiraaccess.bench.ingest.Searchable;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.QuietLogs;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.LocalPostgres;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Several daemons against one Elasticsearch: the same load ingested by a cluster of 1, 2 and 3 daemon jars (Quartz's
 * clustered job store on a PostgreSQL the bench starts, cursors in Elasticsearch), each load half spool files spread
 * over the daemons' own spools and half events of three Jenkins journals that the cluster shares. Time runs from the
 * load being offered until {@code _count} sees all of it. Prints events/s per cluster size, the ratio of 3 daemons to
 * 1 (the goal: adding daemons costs nothing, ratio ≥ 0.9) and the measured CPU per event of the daemons and of
 * Elasticsearch, the inputs of the capacity model in audit-daemon/README.md.
 * <pre>
 * java -cp benchmarks.jar io.jiraaccess.bench.ClusterBench [--events 200000] [--rounds 1] [--es-url URL] [--es-heap-mb MB] [--daemon-jar FILE]
 * </pre>
 */
public final class ClusterBench {
    static final double TARGET = 0.9;
    static final int JOURNALS = 3;
    private static final String USAGE = "ClusterBench [--events N] [--rounds R] [--es-url URL] [--es-heap-mb MB] "
            + "[--daemon-jar FILE] [--verbose]";

    /** One run: {@code daemons} daemons ingesting {@code events} in {@code seconds}, and the CPU they and Elasticsearch used. */
    record Run(int daemons, long events, double seconds, double daemonCpuSeconds, double esCpuSeconds) {
        double rate() {
            return events / seconds;
        }

        String line() {
            return String.format(Locale.ROOT, "daemons=%d events=%d seconds=%.2f events_per_s=%.0f daemon_cpu_us_per_event=%.1f "
                    + "es_cpu_us_per_event=%.1f", daemons, events, seconds, rate(), daemonCpuSeconds * 1e6 / events,
                    esCpuSeconds * 1e6 / events);
        }
    }

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--events", "--rounds", "--es-url", "--es-heap-mb", "--daemon-jar"),
                Set.of("--verbose"), USAGE);
        QuietLogs.unless(a.flag("--verbose"));
        long events = a.number("--events", 200_000);
        int rounds = (int) a.number("--rounds", 1);
        MachineFacts facts = new MachineFacts();
        Path target = BenchReport.targetDir();
        Path jar = DaemonProcess.locateJar(a.string("--daemon-jar", null), target);
        List<Run> runs = new ArrayList<>();
        LocalPostgres pg = LocalPostgres.start(target.resolve("cluster-bench-postgres"));
        try (pg; BenchElasticsearch es = BenchElasticsearch.open(a.string("--es-url", null) == null ? null
                : URI.create(a.string("--es-url", null)), target.resolve("bench-elasticsearch"), (int) a.number("--es-heap-mb", 1024))) {
            for (int round = 0; round < rounds; round++) {
                // every other round largest first, so a drifting machine favours neither end
                List<Integer> sizes = round % 2 == 0 ? List.of(1, 2, 3) : List.of(3, 2, 1);
                for (int n : sizes) {
                    Run run = run(n, events, round, es, pg, jar, target);
                    runs.add(run);
                    System.out.println(run.line());
                }
            }
        }
        double r1 = median(runs, 1);
        double r3 = median(runs, 3);
        double ratio = r3 / r1;
        String verdict = String.format(Locale.ROOT, "ratio_3_to_1=%.2f (target >= %.2f: %s)", ratio, TARGET,
                ratio >= TARGET ? "met" : "MISSED");
        System.out.println(verdict);
        StringBuilder md = new StringBuilder("# ClusterBench\n\n").append(facts.markdown())
                .append("- command: ClusterBench ").append(String.join(" ", args)).append("\n\n")
                .append("| daemons | events | seconds | events/s | daemon CPU µs/event | Elasticsearch CPU µs/event |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.2f | %,.0f | %.1f | %.1f |%n", r.daemons(), r.events(),
                    r.seconds(), r.rate(), r.daemonCpuSeconds() * 1e6 / r.events(), r.esCpuSeconds() * 1e6 / r.events()));
        }
        md.append('\n').append(verdict).append('\n');
        BenchReport.write("cluster-bench", md.toString());
        if (ratio < TARGET) {
            System.exit(1);
        }
    }

    /** Starts {@code n} daemons, warms them up with a fifth of the load, then measures the load. */
    static Run run(int n, long events, int round, BenchElasticsearch es, LocalPostgres pg, Path jar, Path target)
            throws Exception {
        es.deleteJiraAccessIndices();
        String name = "bench_" + n + "_" + round + "_" + Long.toHexString(System.nanoTime() & 0xffff);
        EventLines lines = new EventLines(Instant.now().truncatedTo(ChronoUnit.DAYS));
        Path dir = target.resolve("cluster-bench").resolve(name);
        BenchElasticsearch.deleteTree(dir);
        System.out.printf(Locale.ROOT, "%d daemon(s): starting%n", n);
        try (ClusterOfDaemons cluster = ClusterOfDaemons.start(n, JOURNALS, name, dir, es.url(), pg, jar, lines)) {
            long warmUp = Math.max(events / 5, 1000);
            cluster.stage(warmUp);
            cluster.release(warmUp);
            Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, warmUp, Duration.ofSeconds(120));
            cluster.checkAlive();
            cluster.stage(events);
            double cpu0 = cluster.cpuSeconds();
            long es0 = es.http().processCpuMillis();
            long t0 = System.nanoTime();
            cluster.release(events);
            long t1 = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, warmUp + events, Duration.ofSeconds(120));
            double cpu = cluster.cpuSeconds() - cpu0;
            double esCpu = (es.http().processCpuMillis() - es0) / 1000.0;
            cluster.checkAlive();
            return new Run(n, events, (t1 - t0) / 1e9, cpu, esCpu);
        }
    }

    static double median(List<Run> runs, int daemons) {
        List<Double> rates = runs.stream().filter(r -> r.daemons() == daemons).map(Run::rate).sorted(Comparator.naturalOrder())
                .toList();
        int m = rates.size();
        return m % 2 == 1 ? rates.get(m / 2) : (rates.get(m / 2 - 1) + rates.get(m / 2)) / 2;
    }
}
