package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.DaemonApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The daemon started in the bench's JVM (as {@code run} starts it, except both polls every second), once, and fed
 * every load; its CPU is part of the bench JVM's. The bench's default.
 */
public final class InProcessDaemon implements FedDaemon {
    private final Path dir;
    private final JournalEndpoint journal;
    private final SpoolFeed spool;
    private final DaemonApplication daemon;

    private InProcessDaemon(Path dir, JournalEndpoint journal, SpoolFeed spool, DaemonApplication daemon) {
        this.dir = dir;
        this.journal = journal;
        this.spool = spool;
        this.daemon = daemon;
    }

    /** Starts the daemon against {@code es} with its spool and state in {@code dir} (emptied first), after its first polls. */
    public static InProcessDaemon start(BenchElasticsearch es, Path dir) {
        BenchElasticsearch.deleteTree(dir);
        // event seq n is at midnight (UTC) + n ms: the loads of a long bench stay in today's daily index, as the raw
        // loads' events (at the time of their run) do, however long the daemon lives
        EventLines lines = new EventLines(Instant.now().truncatedTo(ChronoUnit.DAYS));
        String token = DaemonSetup.newJenkinsToken();
        JournalEndpoint journal;
        try {
            journal = new JournalEndpoint(lines, IngestRuns.JOURNAL_SERVICE, DaemonSetup.JENKINS_USER, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal endpoint", e);
        }
        DaemonApplication daemon = null;
        try {
            DaemonSetup setup = DaemonSetup.write(dir, es.url(), journal.url(), token, DaemonSetup.everySeconds(1),
                    DaemonSetup.everySeconds(1));
            SpoolFeed spool = new SpoolFeed(setup.spoolDir(), lines, IngestRuns.SPOOL_SERVICE);
            daemon = setup.startInProcess();
            IngestRuns.awaitPolled(daemon);
            return new InProcessDaemon(dir, journal, spool, daemon);
        } catch (Exception e) {
            if (daemon != null) {
                daemon.close();
            }
            journal.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start the daemon: " + e, e);
        }
    }

    @Override
    public void stage(long spoolEvents, int perFile) {
        spool.stage(spoolEvents, perFile);
    }

    @Override
    public void release(long journalEvents) {
        spool.release();
        journal.offer(journalEvents);
    }

    @Override
    public double cpuSeconds() {
        return 0;
    }

    @Override
    public void checkAlive() {
        // it lives and dies with this JVM; a failing source shows as a stalled count
    }

    private record Mark(long bulkRequests, ThreadCpu threads) {
    }

    @Override
    public Object mark() {
        return new Mark(daemon.status().bulkRequests(), new ThreadCpu());
    }

    @Override
    public String since(Object mark) {
        Mark m = (Mark) mark;
        return String.format("%d bulk requests; CPU by thread:%s", daemon.status().bulkRequests() - m.bulkRequests(),
                m.threads().since());
    }

    @Override
    public void close() {
        try {
            daemon.close();
        } finally {
            journal.close();
            BenchElasticsearch.deleteTree(dir);
        }
    }
}
