package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.runner.SourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One timed load of {@code events} documents into fresh indices, through the daemon or straight to {@code _bulk}.
 * Half the events (the odd one to the spool) come through the spool directory, half through a Jenkins journal; the
 * raw load sends exactly the same documents. Time runs from the moment the events are offered (spool files renamed
 * into place and the journal's head moved, or the first bulk request) until a count query sees all of them.
 */
public final class IngestRuns {
    public static final String SPOOL_SERVICE = "bench-spool";
    public static final String JOURNAL_SERVICE = "bench-ci";
    /** Events per spool file: what core's SpoolWriter writes at most by default. */
    public static final int EVENTS_PER_FILE = 1000;
    private static final Duration STALL = Duration.ofMinutes(3);
    /** Before a run: the most the JVMs and Elasticsearch may use together, and how long to wait for that. */
    private static final double QUIET_CORES = 0.15;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);
    /** Watches the count during raw loads. */
    private static final java.util.concurrent.Executor COUNT_WATCHER = r -> {
        Thread t = new Thread(r, "raw-count-watcher");
        t.setDaemon(true);
        t.start();
    };

    private final BenchElasticsearch es;
    private final int rawPerRequest;
    private final int rawConcurrency;
    private final boolean verbose;
    private final FedDaemon daemon;

    /**
     * @param daemon  the daemon, started once and fed every daemon load
     * @param verbose print Elasticsearch's indexing work and this JVM's compile time for every run, and for daemon runs
     *                what the daemon tells ({@link FedDaemon#since})
     */
    public IngestRuns(BenchElasticsearch es, int rawPerRequest, int rawConcurrency, FedDaemon daemon,
                      boolean verbose) {
        this.verbose = verbose;
        this.daemon = daemon;
        this.es = es;
        this.rawPerRequest = rawPerRequest;
        this.rawConcurrency = rawConcurrency;
    }

    /**
     * The outcome of one run.
     *
     * @param benchCpuSeconds  CPU used by this JVM meanwhile (the raw loader, or the journal endpoint, or the daemon
     *                         when it runs in this JVM; event generation included)
     * @param esCpuSeconds     CPU used by Elasticsearch meanwhile
     * @param daemonCpuSeconds CPU used by the daemon's own JVM meanwhile (0 when it runs in this JVM)
     * @param jitSeconds       time this JVM's JIT compiler threads spent compiling meanwhile (their elapsed time, added
     *                         up over the threads, so it can exceed {@code benchCpuSeconds} when little else ran): code
     *                         compiled for the first time, or again with a new profile, during the run
     */
    public record Run(String kind, long events, double seconds, double benchCpuSeconds, double esCpuSeconds,
                      double daemonCpuSeconds, double jitSeconds) {
        public Run(String kind, long events, double seconds, double benchCpuSeconds, double esCpuSeconds) {
            this(kind, events, seconds, benchCpuSeconds, esCpuSeconds, 0, 0);
        }

        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /**
     * CPU counters at the start of a run. The daemon's own JVM (if any) is counted beside it, in every run: during
     * raw runs it idles, polling every second, on the same cores.
     */
    private final class Cpu {
        final long bench = processCpuNanos();
        final long es = IngestRuns.this.es.http().processCpuMillis();
        final double daemon = daemonCpuSeconds();
        final long jit = jitMillis();
        final Map<String, Long> work = verbose ? IngestRuns.this.es.http().indexingWork() : null;

        Run run(String kind, long events, long startNanos, long endNanos) {
            long jitMillis = jitMillis() - jit;
            if (verbose) {
                StringBuilder w = new StringBuilder();
                IngestRuns.this.es.http().indexingWork().forEach((k, v) -> w.append(w.length() == 0 ? "" : ", ")
                        .append(k).append(' ').append(v - work.getOrDefault(k, 0L)));
                System.out.printf("  (%s: Elasticsearch %s)%n", kind, w);
            }
            return new Run(kind, events, (endNanos - startNanos) / 1e9, (processCpuNanos() - bench) / 1e9,
                    (IngestRuns.this.es.http().processCpuMillis() - es) / 1e3, daemonCpuSeconds() - daemon, jitMillis / 1e3);
        }
    }

    private double daemonCpuSeconds() {
        return daemon.cpuSeconds();
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long spoolShare(long events) {
        return (events + 1) / 2;
    }

    public Run raw(long events) throws InterruptedException {
        es.deleteEventIndices();
        EventLines lines = new EventLines(Instant.now());
        RawBulkLoad load = new RawBulkLoad(es.http(), lines, rawPerRequest, rawConcurrency);
        settle();
        Cpu cpu = new Cpu();
        long start = System.nanoTime();
        // the count is watched from the start, as in a daemon run: Elasticsearch answers the same searches during both
        StringBuilder counts = verbose ? new StringBuilder() : null;
        CompletableFuture<Long> searchable = CompletableFuture.supplyAsync(
                () -> Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL, counts), COUNT_WATCHER);
        load.load(List.of(new RawBulkLoad.Stream(SPOOL_SERVICE, spoolShare(events)),
                new RawBulkLoad.Stream(JOURNAL_SERVICE, events - spoolShare(events))));
        long acknowledged = System.nanoTime();
        long end = searchable.join();
        Run run = checked(cpu.run("raw _bulk", events, start, end));
        if (verbose) {
            System.out.printf("  (raw _bulk: all %,d acknowledged after %d ms; searchable:%s)%n", events,
                    (acknowledged - start) / 1_000_000, counts);
        }
        return run;
    }

    /** A load through the running daemon: spool files staged, then offered with the journal's events, timed. */
    public Run daemon(long events) {
        es.deleteEventIndices();
        daemon.checkAlive();
        daemon.stage(spoolShare(events), EVENTS_PER_FILE);
        settle();
        Cpu cpu = new Cpu();
        Object mark = verbose ? daemon.mark() : null;
        long start = System.nanoTime();
        daemon.release(events - spoolShare(events));
        StringBuilder counts = verbose ? new StringBuilder() : null;
        long end = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL, counts);
        Run run = checked(cpu.run("daemon", events, start, end));
        if (verbose) {
            System.out.printf("  (daemon: searchable:%s %s)%n", counts, daemon.since(mark));
        }
        return run;
    }

    /**
     * Waits, up to {@link #SETTLE_MAX}, until this JVM, the daemon's JVM (if any) and Elasticsearch together use less
     * than {@link #QUIET_CORES} cores over a second: after a load, or a daemon's start in this JVM, the JIT compiler
     * and garbage collector, and Elasticsearch's merges, go on for a while, and the next run (of either kind) would
     * share the cores with them.
     */
    private void settle() {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        double busy = busySeconds();
        long at = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            double busyNow = busySeconds();
            long now = System.nanoTime();
            if ((busyNow - busy) / ((now - at) / 1e9) < QUIET_CORES) {
                return;
            }
            busy = busyNow;
            at = now;
        }
    }

    /** CPU seconds used so far by this JVM, the daemon's JVM and Elasticsearch. */
    private double busySeconds() {
        return processCpuNanos() / 1e9 + daemonCpuSeconds() + es.http().processCpuMillis() / 1e3;
    }

    private Run checked(Run run) {
        es.http().refresh(IndexNames.EVENTS_ALIAS + "," + IndexNames.DEAD_LETTER);
        long dead = es.http().count(IndexNames.DEAD_LETTER);
        long indexed = es.http().count(IndexNames.EVENTS_ALIAS);
        if (dead != 0 || indexed != run.events()) {
            throw new IllegalStateException(run.kind() + ": " + indexed + " documents indexed and " + dead
                    + " dead-lettered for " + run.events() + " events produced");
        }
        return run;
    }

    static void awaitPolled(DaemonApplication daemon) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!daemon.runners().stream().map(SourceRunner::status).map(SourceStatus::snapshot)
                .allMatch(s -> s.state() == SourceStatus.State.IDLE)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon's sources did not poll within 2 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
