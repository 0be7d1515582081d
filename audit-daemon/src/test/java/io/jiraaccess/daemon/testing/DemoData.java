package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.demo.DemoWorkload;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.sim.JiraSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo workload's events in the shared Elasticsearch, indexed by a real daemon from the spool the workload wrote:
 * generated once per test JVM (the spool is kept), indexed again whenever another test emptied the indices.
 */
public final class DemoData {
    /** Builds of the workload: enough for every rotation, the incident, policy violations and Basic-auth callers. */
    public static final int BUILDS = 60;
    public static final long SEED = 42;

    private static DemoData instance;

    private final Path dir;
    private final Path keptSpool;
    private final DemoWorkload.Summary summary;
    private final Map<String, String> secrets;
    private final String site;
    private int indexings;

    private DemoData(Path dir, Path keptSpool, DemoWorkload.Summary summary, Map<String, String> secrets, String site) {
        this.dir = dir;
        this.keptSpool = keptSpool;
        this.summary = summary;
        this.secrets = secrets;
        this.site = site;
    }

    /** The demo data, indexed in the shared Elasticsearch now. */
    public static synchronized DemoData indexed() throws Exception {
        if (instance == null) {
            Path dir = Path.of("target/it-demo").toAbsolutePath();
            SharedElasticsearch.deleteTree(dir);
            Path kept = dir.resolve("spool-kept");
            try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
                 DemoWorkload w = DemoWorkload.builder(sim, kept).seed(SEED).build()) {
                DemoWorkload.Summary s = w.runBuilds(BUILDS);
                instance = new DemoData(dir, kept, s, w.world().secrets(), w.world().site());
            }
        }
        if (SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) != instance.summary.total()) {
            instance.index();
        }
        return instance;
    }

    /** Indexes a copy of the kept spool with a daemon on the shared Elasticsearch, and waits for every event. */
    private void index() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        Path run = dir.resolve("run-" + (++indexings));
        Path spool = run.resolve("spool");
        Files.createDirectories(spool);
        for (Path f : SpoolFiles.list(keptSpool)) {
            Files.copy(f, spool.resolve(f.getFileName()));
        }
        Path config = TestDaemon.writeConfig(run, SharedElasticsearch.node().url(), null, freePort());
        try (DaemonApplication daemon = TestDaemon.start(config)) {
            Await.until(Duration.ofSeconds(90), () -> "the daemon indexed " + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS)
                    + " of " + summary.total() + " demo events",
                    () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) == summary.total());
        }
        SharedElasticsearch.refresh();
    }

    /** What the workload wrote, by action. */
    public DemoWorkload.Summary summary() {
        return summary;
    }

    /** Every secret of the demo world (tokens, passwords, client secrets), for leak scans. */
    public List<String> secrets() {
        return new ArrayList<>(secrets.values());
    }

    public String site() {
        return site;
    }

    /** The spool files as the workload wrote them. */
    public Path spool() {
        return keptSpool;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
