package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.demo.DemoWorkload;
import io.jiraaccess.daemon.demo.DemoWorld;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.runner.SourceStatus;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.sim.JiraSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo workload's data in the shared Elasticsearch, as a real daemon indexes it: the CI events from the spool the
 * workload wrote, and, from the simulator it ran against (a Data Center site polled with the administrator's PAT),
 * Jira's audit log and the personal access token inventory. Generated once per test JVM (the simulator keeps running
 * and the spool is kept), indexed again whenever another test emptied the indices.
 * <p>What the run leaves, all under {@code target/it-demo} for the leak scan ({@code SecretLeakScanIT}) to read:
 * {@code spool-kept} (the workload's spool), {@code run-N} (the daemon's configuration, its copy of the spool, its
 * state: cursors, installation key), {@code console.log} (this JVM's console from the first call on: the workload's,
 * the daemon's and Camel's logs). The workload keeps its credential store in memory: it writes no store file.
 */
public final class DemoData {
    /** Builds of the workload: enough for every rotation, the incident, policy violations and Basic-auth callers. */
    public static final int BUILDS = 60;
    public static final long SEED = 42;
    /** The daemon's {@code jira:} entry for the simulator. */
    public static final String SITE_NAME = "demo-dc";

    private static DemoData instance;

    private final Path dir;
    private final JiraSimulator sim;
    private final Path keptSpool;
    private final DemoWorkload.Summary summary;
    private final Map<String, String> secrets;
    private final List<String> everySecret;
    private final Map<String, String> basicPairs;
    private final ConsoleLog console;
    private int indexings;

    private DemoData(Path dir, JiraSimulator sim, Path keptSpool, DemoWorkload.Summary summary, DemoWorkload w,
                     ConsoleLog console) {
        this.dir = dir;
        this.sim = sim;
        this.keptSpool = keptSpool;
        this.summary = summary;
        this.secrets = w.world().secrets();
        List<String> all = new ArrayList<>(w.world().everySecret());
        all.addAll(w.issuedSecrets());
        all.add(TestDaemon.ADMIN_TOKEN);
        this.everySecret = List.copyOf(all);
        this.basicPairs = w.world().basicPairs();
        this.console = console;
    }

    /** The demo data, indexed in the shared Elasticsearch now. */
    public static synchronized DemoData indexed() throws Exception {
        if (instance == null) {
            Path dir = Path.of("target/it-demo").toAbsolutePath();
            SharedElasticsearch.deleteTree(dir);
            ConsoleLog console = ConsoleLog.install(dir.resolve("console.log"));
            Path kept = dir.resolve("spool-kept");
            JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "demo-jira-sim-stop"));
            try (DemoWorkload w = DemoWorkload.builder(sim, kept).seed(SEED).recordIssuedSecrets().build()) {
                DemoWorkload.Summary s = w.runBuilds(BUILDS);
                instance = new DemoData(dir, sim, kept, s, w, console);
            }
        }
        if (!instance.isIndexed()) {
            instance.index();
        }
        return instance;
    }

    private boolean isIndexed() {
        return ciEvents() == summary.total() && SharedElasticsearch.count(DataContract.CREDENTIALS_INDEX) > 0;
    }

    /** Events the workload wrote to the spool (CI and enforcement), as indexed. */
    private static long ciEvents() {
        return SharedElasticsearch.countWhere(IndexNames.EVENTS_ALIAS, "event.dataset", List.of("jira_access.ci",
                "jira_access.enforcement"));
    }

    /** Indexes a copy of the kept spool and the simulator's Jira with a daemon, and waits until every source caught up. */
    private void index() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        Path run = dir.resolve("run-" + (++indexings));
        Path spool = run.resolve("spool");
        Files.createDirectories(spool);
        for (Path f : SpoolFiles.list(keptSpool)) {
            Files.copy(f, spool.resolve(f.getFileName()));
        }
        Path patFile = run.resolve("admin-pat");
        Files.writeString(patFile, secrets.get(DemoWorld.ADMIN_PAT) + "\n");
        Path config = TestDaemon.writeConfig(run, SharedElasticsearch.node().url(), null, freePort());
        Files.writeString(config, Files.readString(config) + """
                jira:
                  - { name: %s, flavor: datacenter, auditPoll: "* * * * * ?", tokensPoll: "* * * * * ?",
                      credential: { kind: pat, site: "%s", token: "${file:%s}" } }
                """.formatted(SITE_NAME, sim.baseUrl(), patFile));
        Instant began = Instant.now();
        try (DaemonApplication daemon = TestDaemon.start(config)) {
            Await.until(Duration.ofSeconds(120), () -> "the daemon indexed " + ciEvents() + " of " + summary.total()
                    + " demo events; sources " + describe(daemon), () -> ciEvents() == summary.total()
                    && daemon.runners().stream().allMatch(r -> caughtUpSince(r, began)));
        }
        SharedElasticsearch.refresh();
    }

    /** A source that finished a full read after {@code since}: everything it had then is indexed. */
    private static boolean caughtUpSince(SourceRunner r, Instant since) {
        SourceStatus.Snapshot s = r.status().snapshot();
        return s.state() == SourceStatus.State.IDLE && s.lastSuccessAt() != null && s.lastSuccessAt().isAfter(since);
    }

    private static String describe(DaemonApplication daemon) {
        List<String> out = new ArrayList<>();
        daemon.runners().forEach(r -> {
            SourceStatus.Snapshot s = r.status().snapshot();
            out.add(s.id() + "=" + s.state().id() + (s.lastError() == null ? "" : " (" + s.lastError() + ")"));
        });
        return out.toString();
    }

    /** What the workload wrote to the spool, by action. */
    public DemoWorkload.Summary summary() {
        return summary;
    }

    /** The simulator the workload ran against (its audit log, its tokens). */
    public JiraSimulator simulator() {
        return sim;
    }

    /** Every secret of the demo world (tokens, passwords, client secrets), for leak scans. */
    public List<String> secrets() {
        return new ArrayList<>(secrets.values());
    }

    /**
     * Every secret the demo created, for the leak scan: the world's (also those nothing references), the ones the
     * workload obtained while running (rotated PATs, OAuth refresh and access tokens), and the daemon's admin API
     * token. Not the daemons' installation keys: each run's is in {@code run-N/state/installation.key}.
     */
    public List<String> everySecret() {
        return everySecret;
    }

    /** User and secret of every pair of the demo world that may travel as HTTP Basic. */
    public Map<String, String> basicPairs() {
        return basicPairs;
    }

    /** The working directory: {@code spool-kept}, {@code run-N}, {@code console.log}. */
    public Path dir() {
        return dir;
    }

    /** The console log of this JVM since the demo data was first asked for. */
    public ConsoleLog console() {
        return console;
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
