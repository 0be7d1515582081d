package io.jiraaccess.bench.cluster;

import io.jiraaccess.bench.heap.DaemonProcess;
import io.jiraaccess.bench.ingest.EventLines;
import io.jiraaccess.bench.ingest.JournalEndpoint;
import io.jiraaccess.bench.ingest.SpoolFeed;
import io.jiraaccess.daemon.testing.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} daemon jars as one cluster for a {@code ClusterBench} run: a fresh database of the bench's PostgreSQL
 * (Quartz's clustered job store), the Elasticsearch the bench writes to, Jenkins journal endpoints every daemon polls
 * (shared sources: each poll runs on one daemon), and each daemon's own spool. Loads are split evenly: half the
 * events over the daemons' spools, half over the journals.
 */
public final class ClusterOfDaemons implements AutoCloseable {
    private static final String JENKINS_USER = "bench-reader";
    private static final String PASSWORD = "bench-cluster-db-7e21";

    private final List<DaemonProcess> daemons = new ArrayList<>();
    private final List<SpoolFeed> spools = new ArrayList<>();
    private final List<JournalEndpoint> journals = new ArrayList<>();

    private ClusterOfDaemons() {
    }

    /**
     * Starts the cluster and waits until every daemon is healthy.
     *
     * @param name a name unique to this run (database, event ids)
     */
    public static ClusterOfDaemons start(int n, int journalCount, String name, Path dir, URI elasticsearch,
                                         LocalPostgres pg, Path jar, EventLines lines) throws IOException {
        ClusterOfDaemons c = new ClusterOfDaemons();
        try {
            pg.createDatabase(name, name, PASSWORD);
            Files.createDirectories(dir);
            Path token = Files.writeString(dir.resolve("jenkins-token"), "bench-jenkins-token-" + name + "\n");
            Path adminToken = Files.writeString(dir.resolve("admin-token"), "bench-admin-token-" + name + "\n");
            Path pgPassword = Files.writeString(dir.resolve("pg-password"), PASSWORD + "\n");
            StringBuilder jenkins = new StringBuilder("jenkins:\n");
            for (int j = 1; j <= journalCount; j++) {
                JournalEndpoint e = new JournalEndpoint(lines, name + "-ci-" + j, JENKINS_USER, "bench-jenkins-token-" + name);
                c.journals.add(e);
                jenkins.append("  - { name: ci-%d, url: \"%s\", user: %s, apiToken: \"${file:%s}\", poll: \"* * * * * ?\" }\n"
                        .formatted(j, e.url(), JENKINS_USER, token));
            }
            List<Integer> ports = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Path home = dir.resolve("daemon-" + i);
                int adminPort = freePort();
                ports.add(adminPort);
                String yaml = """
                        elasticsearch: { url: "%s" }
                        state: { dir: state }
                        spool: { dir: spool, poll: "* * * * * ?" }
                        admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                        policy: { schedule: "0 0 0 1 1 ? 2099" }
                        cluster: { instance: bench-%d, jdbcUrl: "%s", user: %s, password: "${file:%s}" }
                        """.formatted(elasticsearch, adminPort, adminToken, i, pg.jdbcUrl(name), name, pgPassword) + jenkins;
                Files.createDirectories(home);
                Path config = Files.writeString(home.resolve("daemon.yaml"), yaml);
                c.spools.add(new SpoolFeed(home.resolve("spool"), lines, name + "-spool-" + i));
                c.daemons.add(DaemonProcess.start(DaemonProcess.currentJava(), List.of(), jar, config, home,
                        home.resolve("daemon.log")));
            }
            for (int i = 0; i < n; i++) {
                c.daemons.get(i).awaitHealthy(URI.create("http://127.0.0.1:" + ports.get(i)),
                        "bench-admin-token-" + name, Duration.ofMinutes(3));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Stages {@code events}: half as hidden spool files spread over the daemons, half kept for the journals. */
    public void stage(long events) {
        long spool = events / 2;
        for (int i = 0; i < spools.size(); i++) {
            spools.get(i).stage(share(spool, spools.size(), i), 1000);
        }
    }

    /** Offers what was staged at once: the spool files appear, and the journals' heads move by the other half. */
    public void release(long events) {
        long journal = events - events / 2;
        spools.forEach(SpoolFeed::release);
        for (int j = 0; j < journals.size(); j++) {
            journals.get(j).offer(share(journal, journals.size(), j));
        }
    }

    /** CPU seconds the daemons' JVMs have used so far. */
    public double cpuSeconds() {
        double s = 0;
        for (DaemonProcess d : daemons) {
            s += ProcessHandle.of(d.pid()).flatMap(h -> h.info().totalCpuDuration()).map(x -> x.toNanos() / 1e9).orElse(0.0);
        }
        return s;
    }

    /** Throws when a daemon ended. */
    public void checkAlive() {
        for (DaemonProcess d : daemons) {
            if (!d.alive()) {
                throw new IllegalStateException("a daemon ended with exit code " + d.exitCode() + "; see " + d.log());
            }
        }
    }

    private static long share(long total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    @Override
    public void close() {
        daemons.forEach(DaemonProcess::close);
        journals.forEach(JournalEndpoint::close);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
