package io.jiraaccess.bench.ingest;

import io.jiraaccess.bench.heap.DaemonProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The daemon as operators run it: the real jar ({@code java -jar audit-daemon.jar run --config ...}) in its own JVM,
 * started once and then fed load after load, as a long-running daemon sees them. Its spool directory and Jenkins
 * journal endpoint live as long as it does: every load adds new spool files and new journal events (the events of a
 * load have new ids and seqs, the same shape and size). {@code IngestBench --daemon-jvm}; see benchmarks/README.md for
 * why it is not the default.
 */
public final class DaemonJvm implements AutoCloseable {
    private final DaemonProcess process;
    private final JournalEndpoint journal;
    private final SpoolFeed spool;

    private DaemonJvm(DaemonProcess process, JournalEndpoint journal, SpoolFeed spool) {
        this.process = process;
        this.journal = journal;
        this.spool = spool;
    }

    /** Starts the daemon jar against {@code es} in {@code dir} (emptied first) and waits until it is healthy. */
    public static DaemonJvm start(BenchElasticsearch es, Path dir, Path jar) {
        BenchElasticsearch.deleteTree(dir);
        EventLines lines = new EventLines(Instant.now());
        String token = DaemonSetup.newJenkinsToken();
        JournalEndpoint journal;
        try {
            journal = new JournalEndpoint(lines, IngestRuns.JOURNAL_SERVICE, DaemonSetup.JENKINS_USER, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal endpoint", e);
        }
        DaemonProcess process = null;
        try {
            DaemonSetup setup = DaemonSetup.write(dir, es.url(), journal.url(), token, DaemonSetup.everySeconds(1),
                    DaemonSetup.everySeconds(1));
            SpoolFeed spool = new SpoolFeed(setup.spoolDir(), lines, IngestRuns.SPOOL_SERVICE);
            process = DaemonProcess.start(DaemonProcess.currentJava(), List.of(), jar, setup.config(), dir,
                    dir.resolve("daemon.log"));
            process.awaitHealthy(URI.create("http://127.0.0.1:" + setup.adminPort()),
                    Files.readString(dir.resolve("admin-token")).trim(), Duration.ofMinutes(3));
            return new DaemonJvm(process, journal, spool);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.close();
            }
            journal.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Writes the spool half of a load as hidden files (not timed). */
    void stage(long spoolEvents, int perFile) {
        spool.stage(spoolEvents, perFile);
    }

    /** Offers a staged load: the spool files appear, the journal's head moves on by {@code journalEvents}. */
    void release(long journalEvents) {
        spool.release();
        journal.offer(journalEvents);
    }

    /** CPU the daemon's JVM has used so far, in seconds. */
    double cpuSeconds() {
        return ProcessHandle.of(process.pid()).flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    void checkAlive() {
        if (!process.alive()) {
            throw new IllegalStateException("the daemon ended with exit code " + process.exitCode() + "; see " + process.log());
        }
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            journal.close();
        }
    }
}
