package io.jiraaccess.bench;

import io.jiraaccess.bench.heap.DaemonProcess;
import io.jiraaccess.bench.heap.GcLog;
import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.ingest.DaemonSetup;
import io.jiraaccess.bench.ingest.EventLines;
import io.jiraaccess.bench.ingest.IngestRuns;
import io.jiraaccess.bench.ingest.JournalEndpoint;
import io.jiraaccess.bench.ingest.SpoolFeed;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.Percentiles;
import io.jiraaccess.bench.report.QuietLogs;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.index.IndexNames;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon's heap in steady state against the target, "steady state under 256 MB heap": the real daemon
 * ({@code java -Xmx256m -jar audit-daemon.jar run --config ...}, a child JVM logging its collections with
 * {@code -Xlog:gc*}) ingests a steady stream of events, half dropped as spool files, half served by a Jenkins journal
 * stand-in, both sources on the daemon's default poll schedules, into Elasticsearch (a local node, or
 * {@code --es-url}). After a warm-up, the heap left after each collection is the measurement: its maximum and 95th
 * percentile are compared with the 256 MB ceiling. At the end every event must be searchable (none lost, none
 * dead-lettered) and the daemon must still be running, without an OutOfMemoryError. A class histogram of the live
 * heap is taken once the load is over (it forces a full collection, so only after the measured window).
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.HeapBench [--rate 2000] [--minutes 3]
 *     [--warm-up-seconds 60] [--es-url URL] [--daemon-jar FILE] [--xmx-mb 256] [--poll-seconds S]
 * </pre>
 * The last line printed is {@code events=… minutes=… heap_after_gc_max_mb=… heap_after_gc_p95_mb=… ceiling_mb=256
 * ratio=…} (ratio = max / ceiling). Exit status 1 when the daemon died or ran out of memory, an event was lost, or
 * the ratio is above 1 (possible only with {@code --xmx-mb} above the ceiling).
 */
public final class HeapBench {
    static final int CEILING_MB = 256;
    private static final String USAGE = "HeapBench [--rate EVENTS_PER_S] [--minutes M] [--warm-up-seconds S] [--es-url URL] "
            + "[--es-heap-mb MB] [--daemon-jar FILE] [--xmx-mb MB] [--poll-seconds S] [--verbose]";
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration STALL = Duration.ofMinutes(3);
    /** At most this many events per spool file: what core's SpoolWriter writes at most by default. */
    private static final int MAX_EVENTS_PER_FILE = IngestRuns.EVENTS_PER_FILE;

    private HeapBench() {
    }

    /** Every 5 s: seconds since the feed started, events produced and searchable, the daemon's resident set. */
    record Sample(double seconds, long produced, long searchable, double rssMb) {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--rate", "--minutes", "--warm-up-seconds", "--es-url", "--es-heap-mb",
                "--daemon-jar", "--xmx-mb", "--poll-seconds"), Set.of("--verbose"), USAGE);
        QuietLogs.unless(a.flag("--verbose"));
        long rate = a.number("--rate", 2000);
        long minutes = a.number("--minutes", 3);
        long warmUp = a.number("--warm-up-seconds", 60);
        int xmx = (int) a.number("--xmx-mb", CEILING_MB);
        long pollSeconds = a.number("--poll-seconds", 0);
        if (rate < 1 || minutes < 1 || warmUp < 0 || warmUp >= minutes * 60 || xmx < 16) {
            throw new IllegalArgumentException("need --rate >= 1, --minutes >= 1, 0 <= --warm-up-seconds < the run, "
                    + "--xmx-mb >= 16\nusage: " + USAGE);
        }
        String spoolCron = pollSeconds > 0 ? DaemonSetup.everySeconds((int) pollSeconds) : DaemonConfigParser.DEFAULT_SPOOL_POLL;
        String journalCron = pollSeconds > 0 ? DaemonSetup.everySeconds((int) pollSeconds)
                : DaemonConfigParser.DEFAULT_JENKINS_POLL;
        String esUrl = a.string("--es-url", null);
        int esHeap = (int) a.number("--es-heap-mb", 1024);

        Path target = BenchReport.targetDir();
        Path jar = DaemonProcess.locateJar(a.string("--daemon-jar", null), target);
        Path work = target.resolve("heap-work");
        Path gcLog = target.resolve("heap-gc.log");
        Path daemonLog = target.resolve("heap-daemon.log");
        Path oomDump = target.resolve("heap-oom.hprof");
        Path histogramFile = target.resolve("heap-histogram.txt");
        BenchElasticsearch.deleteTree(work);
        for (Path p : List.of(gcLog, daemonLog, oomDump, histogramFile)) {
            Files.deleteIfExists(p);
        }
        MachineFacts facts = new MachineFacts();
        Run run = new Run(rate, minutes * 60 * rate, warmUp);
        run.spoolCron = spoolCron;
        run.journalCron = journalCron;
        List<String> jvm = List.of("-Xmx" + xmx + "m", "-Xlog:gc*:file=" + gcLog,
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + oomDump);
        String esDescription;
        try (BenchElasticsearch es = BenchElasticsearch.open(esUrl == null ? null : URI.create(esUrl),
                target.resolve("bench-elasticsearch"), esHeap)) {
            esDescription = es.describe() + (esUrl == null ? " (heap " + esHeap + " MB, same machine)" : "");
            es.deleteJiraAccessIndices();
            EventLines lines = new EventLines(Instant.now());
            String jenkinsToken = DaemonSetup.newJenkinsToken();
            try (JournalEndpoint journal = new JournalEndpoint(lines, IngestRuns.JOURNAL_SERVICE, DaemonSetup.JENKINS_USER,
                    jenkinsToken)) {
                DaemonSetup setup = DaemonSetup.write(work, es.url(), journal.url(), jenkinsToken, spoolCron, journalCron);
                SpoolFeed spool = new SpoolFeed(setup.spoolDir(), lines, IngestRuns.SPOOL_SERVICE);
                System.out.println("starting the daemon: " + String.join(" ", jvm) + " -jar " + jar + " run --config "
                        + setup.config());
                try (DaemonProcess daemon = DaemonProcess.start(DaemonProcess.currentJava(), jvm, jar, setup.config(),
                        work, daemonLog)) {
                    run.daemon = daemon;
                    daemon.awaitHealthy(URI.create("http://127.0.0.1:" + setup.adminPort()),
                            Files.readString(work.resolve("admin-token")).trim(), Duration.ofMinutes(3));
                    run.healthyAt = System.nanoTime();
                    System.out.printf(Locale.ROOT, "daemon pid %d healthy after %.1f s; feeding %,d events/s for %d min "
                                    + "(first %d s are warm-up)%n", daemon.pid(), daemon.uptimeSecondsAt(run.healthyAt), rate,
                            minutes, warmUp);
                    run.feed(es, spool, journal);
                    if (run.failures.isEmpty()) {
                        run.drain(es);
                    }
                    if (run.failures.isEmpty()) {
                        run.check(es);
                    }
                    if (daemon.alive()) {
                        run.histogram = daemon.jcmd("GC.class_histogram");
                        if (run.histogram != null) {
                            Files.writeString(histogramFile, run.histogram);
                        }
                    }
                    if (!daemon.alive() && !run.daemonDied) {
                        run.daemonDied = true;
                        run.failures.add("the daemon ended during the run, exit code " + daemon.exitCode() + " (see "
                                + daemonLog + ")");
                    }
                }
                run.stopExitCode = run.daemon.exitCode();
            }
            es.deleteJiraAccessIndices();
        } finally {
            BenchElasticsearch.deleteTree(work);
        }
        String log = Files.readString(daemonLog);
        if (log.contains("OutOfMemoryError")) {
            run.daemonDied = true;
            run.failures.add("the daemon's output reports an OutOfMemoryError (see " + daemonLog + ")");
        }
        if (Files.exists(oomDump)) {
            run.daemonDied = true;
            run.failures.add("the daemon wrote a heap dump on OutOfMemoryError: " + oomDump);
        }
        Result result = run.result(GcLog.read(gcLog), xmx);
        BenchReport.write("heap-bench", result.markdown(facts, esDescription, args, jar, jvm));
        for (String f : run.failures) {
            System.out.println("FAILED: " + f);
        }
        result.warnings().forEach(w -> System.out.println("note: " + w));
        System.out.println(result.line());
        if (!run.failures.isEmpty() || result.ratio() > 1.0) {
            System.exit(1);
        }
    }

    /** One run: the feed, the drain, the checks, and what went wrong. */
    static final class Run {
        final long rate;
        final long total;
        final long warmUpSeconds;
        final List<Sample> samples = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        String spoolCron;
        String journalCron;
        DaemonProcess daemon;
        long healthyAt;
        long feedStart;
        long feedEnd;
        long drainEnd;
        long produced;
        long indexed = -1;
        long deadLettered = -1;
        long spoolFiles;
        String histogram;
        Integer stopExitCode;
        /** The daemon ended before it was stopped, or ran out of memory. */
        boolean daemonDied;
        private long nextSample;
        private long nextProgress;

        Run(long rate, long total, long warmUpSeconds) {
            this.rate = rate;
            this.total = total;
            this.warmUpSeconds = warmUpSeconds;
        }

        /** Offers events at {@code rate}, every {@link #TICK}: spool files (odd share) and the journal's head. */
        void feed(BenchElasticsearch es, SpoolFeed spool, JournalEndpoint journal) {
            feedStart = System.nanoTime();
            nextSample = feedStart;
            nextProgress = feedStart + Duration.ofSeconds(30).toNanos();
            long spooled = 0;
            long journaled = 0;
            while (produced < total) {
                long now = System.nanoTime();
                long due = Math.min(total, (long) ((now - feedStart) / 1e9 * rate));
                long spoolDue = (due + 1) / 2;
                while (spooled < spoolDue) {
                    int n = (int) Math.min(MAX_EVENTS_PER_FILE, spoolDue - spooled);
                    spool.write(n);
                    spooled += n;
                    spoolFiles++;
                }
                if (due / 2 > journaled) {
                    journaled = due / 2;
                    journal.offerUpTo(journaled);
                }
                produced = spooled + journaled;
                if (!daemon.alive()) {
                    daemonDied = true;
                    failures.add(String.format(Locale.ROOT, "the daemon ended %.0f s into the feed, exit code %s",
                            (now - feedStart) / 1e9, daemon.exitCode()));
                    break;
                }
                sample(es, now);
                LockSupport.parkNanos(Math.max(0, now + TICK.toNanos() - System.nanoTime()));
            }
            feedEnd = System.nanoTime();
            System.out.printf(Locale.ROOT, "fed %,d events in %.1f s (%,d spool files, %,d journal events)%n", produced,
                    (feedEnd - feedStart) / 1e9, spoolFiles, journaled);
        }

        /** Waits until every event produced is searchable, the daemon ends, or the count stalls. */
        void drain(BenchElasticsearch es) {
            long last = -1;
            long lastChange = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                long n = es.http().count(IndexNames.EVENTS_ALIAS);
                if (n == produced) {
                    drainEnd = now;
                    sample(es, now);
                    System.out.printf(Locale.ROOT, "all %,d events searchable %.1f s after the feed ended%n", produced,
                            (drainEnd - feedEnd) / 1e9);
                    return;
                }
                if (n > produced) {
                    failures.add(n + " documents searchable, more than the " + produced + " events produced");
                    break;
                }
                if (!daemon.alive()) {
                    daemonDied = true;
                    failures.add("the daemon ended while draining, exit code " + daemon.exitCode() + "; " + n + " of "
                            + produced + " events searchable");
                    break;
                }
                if (n != last) {
                    last = n;
                    lastChange = now;
                } else if (now - lastChange > STALL.toNanos()) {
                    failures.add("events lost or stuck: " + n + " of " + produced + " searchable, no progress for "
                            + STALL.toSeconds() + " s");
                    break;
                }
                sample(es, now);
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            drainEnd = System.nanoTime();
        }

        /** Exact counts after a refresh: every event indexed once, nothing dead-lettered. */
        void check(BenchElasticsearch es) {
            es.http().refresh(IndexNames.EVENTS_ALIAS + "," + IndexNames.DEAD_LETTER);
            indexed = es.http().count(IndexNames.EVENTS_ALIAS);
            deadLettered = es.http().count(IndexNames.DEAD_LETTER);
            if (indexed != produced || deadLettered != 0) {
                failures.add(indexed + " events indexed and " + deadLettered + " dead-lettered for " + produced
                        + " produced");
            }
        }

        private void sample(BenchElasticsearch es, long now) {
            if (now < nextSample) {
                return;
            }
            nextSample = now + SAMPLE_EVERY.toNanos();
            long searchable = es.http().count(IndexNames.EVENTS_ALIAS);
            Sample s = new Sample((now - feedStart) / 1e9, produced, searchable, daemon.rssMb());
            samples.add(s);
            if (now >= nextProgress) {
                nextProgress = now + Duration.ofSeconds(30).toNanos();
                System.out.printf(Locale.ROOT, "  %4.0f s: %,9d produced, %,9d searchable, daemon RSS %.0f MB%n",
                        s.seconds(), s.produced(), s.searchable(), s.rssMb());
            }
        }

        Result result(GcLog gc, int xmx) {
            long windowStart = feedStart + Duration.ofSeconds(warmUpSeconds).toNanos();
            long windowEnd = drainEnd > 0 ? drainEnd : (feedEnd > 0 ? feedEnd : System.nanoTime());
            double from = daemon == null ? 0 : daemon.uptimeSecondsAt(windowStart);
            double to = daemon == null ? 0 : daemon.uptimeSecondsAt(windowEnd);
            return new Result(this, gc, gc.between(from, to), from, to, xmx);
        }
    }

    /** The numbers of a run. */
    record Result(Run run, GcLog gc, List<GcLog.Collection> steady, double fromUptime, double toUptime, int xmx) {
        double[] afterMb() {
            return steady.stream().mapToDouble(GcLog.Collection::afterMb).toArray();
        }

        double max() {
            return steady.isEmpty() ? Double.NaN : new Percentiles(afterMb()).max();
        }

        double p95() {
            return steady.isEmpty() ? Double.NaN : new Percentiles(afterMb()).at(95);
        }

        double ratio() {
            return steady.isEmpty() ? Double.NaN : max() / CEILING_MB;
        }

        long fullCollections() {
            return steady.stream().filter(GcLog.Collection::full).count();
        }

        double maxRss() {
            return run.samples.stream().mapToDouble(Sample::rssMb).max().orElse(-1);
        }

        List<String> warnings() {
            List<String> w = new ArrayList<>();
            if (steady.isEmpty()) {
                w.add("no collection in the measured window: nothing to report (a longer run or a higher rate)");
            }
            if (fullCollections() > 0) {
                w.add(fullCollections() + " full collection(s) in the measured window: the heap was under pressure");
            }
            if (!gc.alarms().isEmpty()) {
                w.add("the GC log reports " + gc.alarms().size() + " evacuation failure / out-of-memory line(s), e.g. "
                        + gc.alarms().get(0));
            }
            return w;
        }

        String line() {
            return String.format(Locale.ROOT, "events=%d minutes=%d heap_after_gc_max_mb=%.0f heap_after_gc_p95_mb=%.0f "
                            + "ceiling_mb=%d ratio=%.2f", run.produced, run.total / run.rate / 60, max(), p95(), CEILING_MB,
                    ratio());
        }

        String markdown(MachineFacts facts, String es, String[] args, Path jar, List<String> jvm) {
            StringBuilder b = new StringBuilder("## Heap: the daemon in steady state vs 256 MB\n\n");
            b.append("Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.HeapBench")
                    .append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n\n");
            b.append(facts.markdown());
            b.append("- Elasticsearch: ").append(es).append('\n');
            b.append("- daemon: `java ").append(String.join(" ", jvm)).append(" -jar ")
                    .append(jar.getFileName()).append(" run --config daemon.yaml`, collector ").append(gc.collector())
                    .append("; spool polled `").append(run.spoolCron).append("`, Jenkins journal polled `")
                    .append(run.journalCron).append("`, everything else at `run`'s defaults\n");
            b.append(String.format(Locale.ROOT, """
                    - load: %,d events/s for %d min (%,d events), half as spool files written every %d ms (at most %d \
                    events each), half served by a Jenkins journal stand-in whose head moves every %d ms
                    - measured window: from %d s after the feed started (warm-up) until every event was searchable \
                    (daemon uptime %.0f s to %.0f s); heap after GC = the `->after` size of each collection's summary \
                    line in the daemon's GC log

                    """, run.rate, run.total / run.rate / 60, run.total, TICK.toMillis(), MAX_EVENTS_PER_FILE,
                    TICK.toMillis(), run.warmUpSeconds, fromUptime, toUptime));
            boolean ok = run.failures.isEmpty() && !steady.isEmpty() && ratio() <= 1.0;
            b.append("| heap after GC, max | p95 | median | collections measured | full collections | ceiling | max / ceiling |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|\n");
            if (steady.isEmpty()) {
                b.append("| n/a | n/a | n/a | 0 | 0 | ").append(CEILING_MB).append(" MB | n/a |\n");
            } else {
                Percentiles p = new Percentiles(afterMb());
                b.append(String.format(Locale.ROOT, "| %.0f MB | %.0f MB | %.0f MB | %d | %d | %d MB | **%.2f** |%n",
                        p.max(), p.at(95), p.at(50), p.count(), fullCollections(), CEILING_MB, ratio()));
            }
            b.append("\nResult: ").append(ok ? "**met**" : "**NOT met**").append(run.failures.isEmpty() ? ""
                    : " (" + String.join("; ", run.failures) + ")").append("\n\n");
            b.append(String.format(Locale.ROOT, """
                    - events: %,d produced, %s indexed, %s dead-lettered; all searchable %s
                    - the daemon: %s; stopped with SIGTERM, exit code %s (143 = 128 + SIGTERM: how a JVM ends after its shutdown hooks ran)
                    - daemon resident set (RSS, heap + metaspace + threads + code): at most %.0f MB
                    - GC pauses in the window: %.0f ms in all over %.0f s (%.1f%%)%s
                    """, run.produced, run.indexed < 0 ? "?" : String.format(Locale.ROOT, "%,d", run.indexed),
                    run.deadLettered < 0 ? "?" : String.valueOf(run.deadLettered),
                    run.drainEnd > 0 && run.failures.isEmpty() ? String.format(Locale.ROOT, "%.1f s after the feed ended",
                            (run.drainEnd - run.feedEnd) / 1e9) : "(not reached)",
                    run.daemonDied
                            ? "ended or ran out of memory" : "alive throughout, no OutOfMemoryError",
                    run.stopExitCode, maxRss(), pauseMillis(), toUptime - fromUptime,
                    100 * pauseMillis() / 1000 / Math.max(1e-9, toUptime - fromUptime), afterOld()));
            double live = histogramTotalMb(run.histogram);
            if (!Double.isNaN(live)) {
                b.append(String.format(Locale.ROOT, "- live heap once the load was over: %.0f MB (class histogram total, "
                        + "after the full collection it forces)%n", live));
            }
            for (String w : warnings()) {
                b.append("- note: ").append(w).append('\n');
            }
            b.append("\nBy period (seconds since the feed started; negative: the daemon starting):\n\n"
                    + "| period | collections | heap after GC, min | max | of which after mixed/full, max | pauses (ms) | "
                    + "searchable at end of period |\n|---|---:|---:|---:|---:|---:|---:|\n");
            periods(b);
            if (run.histogram != null) {
                b.append("\nLive heap once the load was over (`jcmd <pid> GC.class_histogram`, after a full collection), "
                        + "largest classes:\n\n```\n");
                histogramHead(b, run.histogram, 15);
                b.append("```\n");
            }
            b.append("""

                    At `-Xmx256m` the heap after a collection cannot exceed 256 MB: had the live data outgrown it, the \
                    daemon would have run out of memory, fallen behind or collected in full again and again. So the \
                    ratio is the headroom, and the verdict rests as much on the daemon staying up, keeping up and \
                    losing nothing. With G1, the heap after a young collection still holds old-generation garbage \
                    until a mixed collection: the figures after mixed/full collections and the histogram are closer \
                    to the live set.
                    """);
            return b.toString();
        }

        private double pauseMillis() {
            return steady.stream().mapToDouble(GcLog.Collection::pauseMillis).sum();
        }

        private String afterOld() {
            double m = steady.stream().filter(GcLog.Collection::reclaimsOld).mapToDouble(GcLog.Collection::afterMb)
                    .max().orElse(Double.NaN);
            long n = steady.stream().filter(GcLog.Collection::reclaimsOld).count();
            return Double.isNaN(m) ? "; no mixed or full collection in the window"
                    : String.format(Locale.ROOT, "; after the %d mixed/full collection(s): at most %.0f MB", n, m);
        }

        private void periods(StringBuilder b) {
            if (run.daemon == null) {
                return;
            }
            double feedUptime = run.daemon.uptimeSecondsAt(run.feedStart);
            // up to the end of the window: the class histogram's full collection afterwards is not load
            List<GcLog.Collection> all = gc.collections().stream().filter(c -> c.uptimeSeconds() <= toUptime).toList();
            if (all.isEmpty()) {
                return;
            }
            int period = 30;
            double lastSeconds = all.get(all.size() - 1).uptimeSeconds() - feedUptime;
            for (int start = (int) Math.floor(Math.min(0, all.get(0).uptimeSeconds() - feedUptime) / period) * period;
                 start <= lastSeconds; start += period) {
                double s = start;
                List<GcLog.Collection> in = all.stream().filter(c -> c.uptimeSeconds() - feedUptime >= s
                        && c.uptimeSeconds() - feedUptime < s + period).toList();
                long searchable = run.samples.stream().filter(x -> x.seconds() < s + period)
                        .mapToLong(Sample::searchable).max().orElse(0);
                if (in.isEmpty()) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "| %d to %d s%s | %d | %.0f MB | %.0f MB | %s | %.0f | %,d |%n", start,
                        start + period, start < run.warmUpSeconds ? (start < 0 ? " (start)" : " (warm-up)") : "",
                        in.size(), in.stream().mapToDouble(GcLog.Collection::afterMb).min().orElse(0),
                        in.stream().mapToDouble(GcLog.Collection::afterMb).max().orElse(0),
                        in.stream().filter(GcLog.Collection::reclaimsOld).mapToDouble(GcLog.Collection::afterMb).max()
                                .stream().mapToObj(v -> String.format(Locale.ROOT, "%.0f MB", v)).findFirst().orElse(""),
                        in.stream().mapToDouble(GcLog.Collection::pauseMillis).sum(), searchable));
            }
        }

        /** The {@code Total} bytes of a {@code GC.class_histogram}, in MB; NaN when there is none. */
        static double histogramTotalMb(String histogram) {
            if (histogram == null) {
                return Double.NaN;
            }
            for (String line : histogram.lines().toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].equals("Total")) {
                    return Long.parseLong(f[2]) / (1024.0 * 1024.0);
                }
            }
            return Double.NaN;
        }

        private static void histogramHead(StringBuilder b, String histogram, int rows) {
            int shown = 0;
            for (String line : histogram.lines().toList()) {
                String t = line.trim();
                if (t.startsWith("num") || t.startsWith("---") || t.startsWith("Total")) {
                    b.append(line).append('\n');
                } else if (t.matches("\\d+:\\s+\\d+.*") && shown < rows) {
                    b.append(line).append('\n');
                    shown++;
                } else if (t.matches("\\d+:\\s+\\d+.*") && shown == rows) {
                    b.append("   ...\n");
                    shown++;
                }
            }
        }
    }
}
