package io.jiraaccess.bench.ingest;

import io.jiraaccess.bench.heap.DaemonProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon as operators run it: the real jar ({@code java -jar audit-daemon.jar run --config ...}) in its own JVM,
 * started once and then fed load after load, as a long-running daemon sees them. Its spool directory and Jenkins
 * journal endpoint live as long as it does: every load adds new spool files and new journal events (the events of a
 * load have new ids and seqs, the same shape and size). {@code IngestBench --daemon-jvm}; see benchmarks/README.md for
 * why it is not the default ({@link InProcessDaemon} is).
 */
public final class DaemonJvm extends FedDaemon {
    private final DaemonProcess process;

    private DaemonJvm(DaemonProcess process, LoadFeed feed) {
        super(feed);
        this.process = process;
    }

    /** Starts the daemon jar against {@code es} in {@code dir} (emptied first) and waits until it is healthy. */
    public static DaemonJvm start(BenchElasticsearch es, Path dir, Path jar) {
        LoadFeed feed = LoadFeed.open(es, dir);
        DaemonProcess process = null;
        try {
            DaemonSetup setup = feed.setup();
            process = DaemonProcess.start(DaemonProcess.currentJava(), List.of(), jar, setup.config(), dir,
                    dir.resolve("daemon.log"));
            process.awaitHealthy(URI.create("http://127.0.0.1:" + setup.adminPort()),
                    Files.readString(dir.resolve("admin-token")).trim(), Duration.ofMinutes(3));
            return new DaemonJvm(process, feed);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.close();
            }
            feed.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public double cpuSeconds() {
        return ProcessHandle.of(process.pid()).flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    @Override
    public void checkAlive() {
        if (!process.alive()) {
            throw new IllegalStateException("the daemon ended with exit code " + process.exitCode() + "; see " + process.log());
        }
    }

    @Override
    void stopDaemon() {
        process.close();
    }
}
