package io.jiraaccess.daemon.cluster;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.cli.DaemonCli;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Joining the cluster's database against a real PostgreSQL: Quartz's tables made once (also when daemons start
 * together), every wrong or unreachable database one line naming the fix without the password, and an instance that
 * another running daemon checks in as refused.
 */
class ClusterDatabaseIT {
    @TempDir
    Path dir;

    private static List<String> tables(String database) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = SharedPostgres.server().superConnection(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'qrtz%' ORDER BY 1")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    @Test
    void threeDaemonsJoiningAnEmptyDatabaseTogetherCreateQuartzsTablesOnce() throws Exception {
        String db = SharedPostgres.newDatabase();
        List<CompletableFuture<Cluster>> joins = new ArrayList<>();
        for (String instance : List.of("a", "b", "c")) {
            joins.add(CompletableFuture.supplyAsync(() -> Cluster.join(SharedPostgres.cluster(instance, db), Clock.systemUTC())));
        }
        for (CompletableFuture<Cluster> j : joins) {
            j.join().close();
        }
        assertEquals(QuartzTables.tableNames(QuartzTables.createStatements()).stream().sorted().toList(), tables(db));
        // a fourth start finds them and changes nothing
        Cluster.join(SharedPostgres.cluster("d", db), Clock.systemUTC()).close();
        assertEquals(11, tables(db).size());
    }

    @Test
    void aWrongOrUnreachableDatabaseIsOneLineNamingWhatToFix() {
        String db = SharedPostgres.newDatabase();
        String url = SharedPostgres.server().jdbcUrl(db);
        String wrongPassword = "wrong-Password-91c";
        assertThat(refusal(new DaemonConfig.Cluster("a", url, db, SecretValue.of(wrongPassword))))
                .isEqualTo("PostgreSQL at " + url + " refused user '" + db + "' (FATAL: password authentication failed "
                        + "for user \"" + db + "\"); check cluster.user and cluster.password")
                .doesNotContain(wrongPassword);
        assertThat(refusal(new DaemonConfig.Cluster("a", SharedPostgres.server().jdbcUrl("no_such_db"), db,
                SecretValue.of(SharedPostgres.PASSWORD))))
                .startsWith("PostgreSQL at " + SharedPostgres.server().jdbcUrl("no_such_db") + " has no such database")
                .endsWith("create it (createdb) or fix the database name in cluster.jdbcUrl");
        String closed = "jdbc:postgresql://127.0.0.1:" + CamelHarness.freePort() + "/" + db;
        assertThat(refusal(new DaemonConfig.Cluster("a", closed, db, SecretValue.of(SharedPostgres.PASSWORD))))
                .startsWith("cannot connect to PostgreSQL at " + closed + " (Connection to 127.0.0.1:")
                .endsWith("check that it runs and cluster.jdbcUrl names its host, port and TLS settings");
    }

    @Test
    void halfOfQuartzsTablesIsRefusedAndNothingIsAdded() throws Exception {
        String db = SharedPostgres.newDatabase();
        try (Connection c = SharedPostgres.server().superConnection(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE qrtz_locks (sched_name VARCHAR(120) NOT NULL, lock_name VARCHAR(40) NOT NULL)");
        }
        assertThat(refusal(SharedPostgres.cluster("a", db))).startsWith("cluster.jdbcUrl: the database at "
                + SharedPostgres.server().jdbcUrl(db) + " has some of Quartz's tables but not [qrtz_job_details,");
        assertEquals(List.of("qrtz_locks"), tables(db));
    }

    @Test
    void anInstanceAnotherRunningDaemonChecksInAsIsRefused() throws Exception {
        String db = SharedPostgres.newDatabase();
        Cluster.join(SharedPostgres.cluster("a", db), Clock.systemUTC()).close();
        AtomicBoolean running = new AtomicBoolean(true);
        // another daemon "a", checking in every second as Quartz does every check-in interval
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (Connection c = SharedPostgres.server().superConnection(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO qrtz_scheduler_state VALUES ('" + ClusterQuartz.SCHEDULER_NAME + "', 'a', "
                        + System.currentTimeMillis() + ", 5000)");
                while (running.get()) {
                    Thread.sleep(1000);
                    s.execute("UPDATE qrtz_scheduler_state SET last_checkin_time = " + System.currentTimeMillis()
                            + " WHERE instance_name = 'a'");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertEquals("cluster.instance 'a' is used by another running daemon",
                    refusal(SharedPostgres.cluster("a", db)).replaceAll(" \\(it checked in at .*", ""));
        } finally {
            running.set(false);
            other.join();
        }
        // once it has long been silent, the instance is free again: its holder is gone
        try (Connection c = SharedPostgres.server().superConnection(db); Statement s = c.createStatement()) {
            s.execute("UPDATE qrtz_scheduler_state SET last_checkin_time = " + (System.currentTimeMillis() - 60_000));
        }
        Cluster.join(SharedPostgres.cluster("a", db), Clock.systemUTC()).close();
    }

    @Test
    void theRunCommandExitsTwoWithOneLineWhenTheDatabaseIsUnreachable() throws Exception {
        int closedPort = CamelHarness.freePort();
        Files.writeString(dir.resolve("pg-password"), SharedPostgres.PASSWORD + "\n");
        Files.writeString(dir.resolve("admin-token"), "route-test-admin-token-5f1e2d3c\n");
        Path config = Files.writeString(dir.resolve("daemon.yaml"), """
                elasticsearch: { url: "http://127.0.0.1:%d" }
                state: { dir: state }
                spool: { dir: spool }
                admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                cluster: { instance: a, jdbcUrl: "jdbc:postgresql://127.0.0.1:%d/jira_access", user: jira_access, password: "${file:%s}" }
                """.formatted(CamelHarness.freePort(), CamelHarness.freePort(), dir.resolve("admin-token"), closedPort,
                dir.resolve("pg-password")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DaemonCli.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", config.toString());
        assertEquals(2, code);
        assertThat(err.toString()).startsWith("audit-daemon: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:"
                + closedPort + "/jira_access (Connection to 127.0.0.1:" + closedPort + " refused.")
                .doesNotContain("\tat ").doesNotContain(SharedPostgres.PASSWORD);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private static String refusal(DaemonConfig.Cluster cluster) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Cluster.join(cluster, Clock.systemUTC()));
        assertThat(e.getMessage()).doesNotContain(SharedPostgres.PASSWORD).doesNotContain("\n");
        return e.getMessage();
    }
}
