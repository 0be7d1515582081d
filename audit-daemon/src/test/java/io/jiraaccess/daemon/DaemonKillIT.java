package io.jiraaccess.daemon;

import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.JenkinsStandIn;
import io.jiraaccess.daemon.testing.JournalProducer;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SpoolProducer;
import io.jiraaccess.daemon.testing.StderrCapture;
import io.jiraaccess.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The daemon jar in a real child JVM, killed with SIGKILL at random moments ten times during steady spool and journal
 * ingest: after a last clean run, the index holds exactly the produced events, each once.
 */
class DaemonKillIT {
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void tenSigkillsDuringIngestLoseAndDuplicateNothing() throws Exception {
        URI es = SharedElasticsearch.node().url();
        SharedElasticsearch.deleteJiraAccessIndices();
        long seed = Long.getLong("kill.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("DaemonKillIT seed " + seed + " (rerun with -Dkill.seed=" + seed + ")");
        EventJournal journal = EventJournal.open(dir.resolve("jenkins-home/jira-access-journal"), "ci-main");
        int adminPort = CamelHarness.freePort();
        URI admin = URI.create("http://127.0.0.1:" + adminPort);
        Path log = dir.resolve("daemon.log");
        try (journal; JenkinsStandIn jenkins = new JenkinsStandIn(journal, TestDaemon.JENKINS_USER, TestDaemon.JENKINS_TOKEN)) {
            Path config = TestDaemon.writeConfig(dir, es, jenkins.url(), adminPort);
            SpoolProducer ci = new SpoolProducer(dir.resolve("spool"), "other-ci", 20).every(250);
            JournalProducer builds = new JournalProducer(journal, 10).every(100);
            try (ci; builds) {
                for (int round = 1; round <= ROUNDS; round++) {
                    long began = System.nanoTime();
                    Process daemon = startDaemon(config, log);
                    try {
                        Await.until(Duration.ofSeconds(120), "the daemon answers /health", () -> answers(admin));
                        long before = SharedElasticsearch.count(IndexNames.EVENTS_ALIAS);
                        Await.until(Duration.ofSeconds(60), "the daemon ingests",
                                () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) > before);
                        // a random moment within the next three seconds of steady ingest
                        LockSupport.parkNanos(Duration.ofMillis(random.nextInt(3000)).toNanos());
                    } finally {
                        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no cursor save
                        daemon.waitFor(30, TimeUnit.SECONDS);
                    }
                    System.out.printf("DaemonKillIT round %d: killed after %d ms%n", round, (System.nanoTime() - began) / 1_000_000);
                    assertFalse(daemon.isAlive());
                    assertEquals(137, daemon.exitValue(), "killed by SIGKILL in round " + round);
                }
            }
            Set<String> expected = new HashSet<>(ci.produced());
            expected.addAll(builds.produced());

            Process last = startDaemon(config, log);
            try {
                Await.until(Duration.ofSeconds(180), () -> "every event indexed after the kills: "
                        + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) + " of " + expected.size(),
                        () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= expected.size());
            } finally {
                last.destroy(); // SIGTERM: a clean stop this time
                last.waitFor(60, TimeUnit.SECONDS);
                last.destroyForcibly();
            }
            List<String> indexed = SharedElasticsearch.eventIds();
            assertEquals(expected.size(), indexed.size(), "no event twice");
            assertEquals(expected, new HashSet<>(indexed), "no event lost");
            try (var left = Files.list(dir.resolve("spool"))) {
                assertEquals(List.of("done", "quarantine"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                        "every spool file was moved aside");
            }
            String output = Files.readString(log);
            StderrCapture.assertNoSecret(output, TestDaemon.JENKINS_TOKEN);
            StderrCapture.assertNoSecret(output, TestDaemon.ADMIN_TOKEN);
        }
    }

    private static boolean answers(URI admin) {
        try {
            TestDaemon.health(admin);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Process startDaemon(Path config, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("jira-access.daemon.jar", "target/audit-daemon.jar");
        // C1 only and the serial collector: a quicker start on a busy machine, nothing the test depends on
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", new File(jar).getAbsolutePath(), "run", "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
