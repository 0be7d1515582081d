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

    private final BenchElasticsearch es;
    private final Path workDir;
    private final int rawPerRequest;
    private final int rawConcurrency;
    private final boolean verbose;

    /** @param verbose print the daemon's bulk requests and CPU per thread group after each daemon run */
    public IngestRuns(BenchElasticsearch es, Path workDir, int rawPerRequest, int rawConcurrency, boolean verbose) {
        this.verbose = verbose;
        this.es = es;
        this.workDir = workDir;
        this.rawPerRequest = rawPerRequest;
        this.rawConcurrency = rawConcurrency;
    }

    /**
     * The outcome of one run.
     *
     * @param benchCpuSeconds CPU used by this JVM meanwhile (the daemon, or the raw loader; event generation included)
     * @param esCpuSeconds    CPU used by Elasticsearch meanwhile
     */
    public record Run(String kind, long events, double seconds, double benchCpuSeconds, double esCpuSeconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** CPU counters at the start of a run. */
    private final class Cpu {
        final long bench = processCpuNanos();
        final long es = IngestRuns.this.es.http().processCpuMillis();

        Run run(String kind, long events, long startNanos, long endNanos) {
            return new Run(kind, events, (endNanos - startNanos) / 1e9, (processCpuNanos() - bench) / 1e9,
                    (IngestRuns.this.es.http().processCpuMillis() - es) / 1e3);
        }
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
        Cpu cpu = new Cpu();
        long start = System.nanoTime();
        load.load(List.of(new RawBulkLoad.Stream(SPOOL_SERVICE, spoolShare(events)),
                new RawBulkLoad.Stream(JOURNAL_SERVICE, events - spoolShare(events))));
        long end = Searchable.awaitCount(es.http(), IndexNames.EVENTS_ALIAS, events, STALL);
        return checked(cpu.run("raw _bulk", events, start, end));
    }

    public Run daemon(long events) throws Exception {
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
