package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.source.SourceRunner;
import io.jiraaccess.daemon.source.SourceStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    /** Before a run: the most the daemon's JVM and Elasticsearch may use together, and how long to wait for that. */
    private static final double QUIET_CORES = 0.15;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    private final BenchElasticsearch es;
    private final Path workDir;
    private final int rawPerRequest;
    private final int rawConcurrency;
    private final boolean verbose;
    private final DaemonJvm daemonJvm;

    /**
     * @param daemonJvm the daemon in its own JVM, fed every daemon load; null: a daemon started in this JVM per load
     * @param verbose   print the daemon's bulk requests and CPU per thread group after each in-process daemon run
     */
    public IngestRuns(BenchElasticsearch es, Path workDir, int rawPerRequest, int rawConcurrency, DaemonJvm daemonJvm,
                      boolean verbose) {
        this.verbose = verbose;
        this.daemonJvm = daemonJvm;
        this.es = es;
        this.workDir = workDir;
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
     */
    public record Run(String kind, long events, double seconds, double benchCpuSeconds, double esCpuSeconds,
                      double daemonCpuSeconds) {
        public Run(String kind, long events, double seconds, double benchCpuSeconds, double esCpuSeconds) {
            this(kind, events, seconds, benchCpuSeconds, esCpuSeconds, 0);
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

        Run run(String kind, long events, long startNanos, long endNanos) {
            if (verbose) {
                // the bench JVM's compiler threads share the cores with the run; see IngestBench.DEFAULT_WARM_UP
                System.out.printf("  (%s: this JVM's JIT compiler ran %d ms during the run)%n", kind, jitMillis() - jit);
            }
            return new Run(kind, events, (endNanos - startNanos) / 1e9, (processCpuNanos() - bench) / 1e9,
                    (IngestRuns.this.es.http().processCpuMillis() - es) / 1e3, daemonCpuSeconds() - daemon);
        }
    }

    private double daemonCpuSeconds() {
        return daemonJvm == null ? 0 : daemonJvm.cpuSeconds();
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
        es.deleteJiraAccessIndices();
        EventLines lines = new EventLines(Instant.now());
        RawBulkLoad load = new RawBulkLoad(es.http(), lines, rawPerRequest, rawConcurrency);
        settle();
        Cpu cpu = new Cpu();
        long start = System.nanoTime();
        load.load(List.of(new RawBulkLoad.Stream(SPOOL_SERVICE, spoolShare(events)),
                new RawBulkLoad.Stream(JOURNAL_SERVICE, events - spoolShare(events))));
        long end = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL);
        return checked(cpu.run("raw _bulk", events, start, end));
    }

    public Run daemon(long events) throws Exception {
        if (daemonJvm != null) {
            return daemonInItsJvm(events);
        }
        es.deleteJiraAccessIndices();
        Path dir = workDir.resolve("daemon-" + events);
        BenchElasticsearch.deleteTree(dir);
        EventLines lines = new EventLines(Instant.now());
        String token = DaemonSetup.newJenkinsToken();
        try (JournalEndpoint journal = new JournalEndpoint(lines, JOURNAL_SERVICE, DaemonSetup.JENKINS_USER, token)) {
            DaemonSetup setup = DaemonSetup.write(dir, es.url(), journal.url(), token, DaemonSetup.everySeconds(1),
                    DaemonSetup.everySeconds(1));
            SpoolFeed spool = new SpoolFeed(setup.spoolDir(), lines, SPOOL_SERVICE);
            spool.stage(spoolShare(events), EVENTS_PER_FILE);
            try (DaemonApplication daemon = setup.startInProcess()) {
                awaitPolled(daemon);
                settle();
                Cpu cpu = new Cpu();
                long start = System.nanoTime();
                spool.release();
                journal.offerUpTo(events - spoolShare(events));
                long bulkBefore = daemon.status().bulkRequests();
                ThreadCpu threads = new ThreadCpu();
                long end = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL);
                Run run = checked(cpu.run("daemon", events, start, end));
                if (verbose) {
                    System.out.printf("  (daemon: %d bulk requests; CPU by thread:%s)%n",
                            daemon.status().bulkRequests() - bulkBefore, threads.since());
                }
                return run;
            }
        } finally {
            BenchElasticsearch.deleteTree(dir);
        }
    }

    /**
     * Waits, up to {@link #SETTLE_MAX}, until the daemon's JVM and Elasticsearch together use less than
     * {@link #QUIET_CORES} cores over a second: after a load the daemon's JIT compiler and garbage collector, and
     * Elasticsearch's merges, go on for a while, and the next run (of either kind) would share the cores with them.
     */
    private void settle() {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        double daemon = daemonCpuSeconds();
        long esMillis = es.http().processCpuMillis();
        long at = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            double daemonNow = daemonCpuSeconds();
            long esNow = es.http().processCpuMillis();
            long now = System.nanoTime();
            double cores = (daemonNow - daemon + (esNow - esMillis) / 1e3) / ((now - at) / 1e9);
            if (cores < QUIET_CORES) {
                return;
            }
            daemon = daemonNow;
            esMillis = esNow;
            at = now;
        }
    }

    /** A load through the running daemon: the same timing, its JVM's CPU measured beside this one's. */
    private Run daemonInItsJvm(long events) {
        es.deleteJiraAccessIndices();
        daemonJvm.checkAlive();
        daemonJvm.stage(spoolShare(events), EVENTS_PER_FILE);
        settle();
        Cpu cpu = new Cpu();
        long start = System.nanoTime();
        daemonJvm.release(events - spoolShare(events));
        long end = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL);
        return checked(cpu.run("daemon", events, start, end));
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
