package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.DaemonApplication;

import java.nio.file.Path;

/**
 * The daemon started in the bench's JVM (as {@code run} starts it, except both polls every second), once, and fed
 * every load; its CPU is part of the bench JVM's. The bench's default.
 */
public final class InProcessDaemon extends FedDaemon {
    private final Path dir;
    private final DaemonApplication daemon;

    private InProcessDaemon(Path dir, LoadFeed feed, DaemonApplication daemon) {
        super(feed);
        this.dir = dir;
        this.daemon = daemon;
    }

    /** Starts the daemon against {@code es} with its spool and state in {@code dir} (emptied first), after its first polls. */
    public static InProcessDaemon start(BenchElasticsearch es, Path dir) {
        LoadFeed feed = LoadFeed.open(es, dir);
        DaemonApplication daemon = null;
        try {
            daemon = feed.setup().startInProcess();
            IngestRuns.awaitPolled(daemon);
            return new InProcessDaemon(dir, feed, daemon);
        } catch (Exception e) {
            if (daemon != null) {
                daemon.close();
            }
            feed.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start the daemon: " + e, e);
        }
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
    void stopDaemon() {
        try {
            daemon.close();
        } finally {
            BenchElasticsearch.deleteTree(dir);
        }
    }
}
