package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Jenkins controller that answers 5xx, 429 with Retry-After, nothing at all, or garbage: its source backs off and
 * says so in /health while the spool source keeps ingesting; once Jenkins is well again, every journal event arrives
 * exactly once, and the journal is acknowledged (POST) up to the committed cursor.
 */
class JenkinsFaultsIT {
    @TempDir
    Path dir;

    @Test
    void aFailingJenkinsBacksOffAndReportsWhileTheSpoolKeepsIngesting() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        EventJournal journal = EventJournal.open(dir.resolve("jenkins-home/jira-access-journal"), "ci-main");
        try (StderrCapture err = new StderrCapture(); journal;
             JenkinsStandIn jenkins = new JenkinsStandIn(journal, TestDaemon.JENKINS_USER, TestDaemon.JENKINS_TOKEN);
             JournalProducer builds = new JournalProducer(journal, 5).every(200)) {
            Path config = TestDaemon.writeConfig(dir, SharedElasticsearch.node().url(), jenkins.url(), CamelHarness.freePort());
            SpoolProducer ci = new SpoolProducer(dir.resolve("spool"), "other-ci", 10);
            try (DaemonApplication daemon = TestDaemon.start(config)) {
                Await.until(Duration.ofSeconds(60), "journal events arrive", () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) > 0);

                record Case(JenkinsStandIn.Fault fault, String error) {
                }
                for (Case c : List.of(
                        new Case(JenkinsStandIn.Fault.SERVER_ERROR, "Jenkins ci-main answered HTTP 503"),
                        new Case(JenkinsStandIn.Fault.TOO_MANY_REQUESTS, "Jenkins ci-main asked to slow down (HTTP 429, Retry-After 3 s)"),
                        new Case(JenkinsStandIn.Fault.HANG, "Jenkins ci-main did not answer within 2 s"),
                        new Case(JenkinsStandIn.Fault.GARBAGE, "Jenkins ci-main sent a malformed journal answer"))) {
                    jenkins.retryAfterSeconds(3);
                    jenkins.fault(c.fault());
                    Await.until(Duration.ofSeconds(60), () -> c.fault() + " reported in /health: "
                            + TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("jenkins-ci-main"), () -> {
                        JsonNode s = TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("jenkins-ci-main");
                        return s.path("status").asText().equals("backing-off")
                                && s.path("lastError").asText().startsWith(c.error())
                                && !s.path("nextAttemptAt").isNull();
                    });
                    // meanwhile the other source is unaffected: a new spool file is indexed
                    List<String> fresh = ci.writeFile();
                    Await.until(Duration.ofSeconds(60), "spool keeps ingesting during " + c.fault(),
                            () -> new HashSet<>(SharedElasticsearch.eventIds()).containsAll(fresh));
                    JsonNode health = TestDaemon.health(daemon.adminUrl());
                    assertEquals("degraded", health.path("status").asText());
                    assertThat(TestDaemon.sources(health).get("spool").path("status").asText()).isIn("idle", "ingesting");
                }
                jenkins.fault(JenkinsStandIn.Fault.NONE);
                builds.close();

                Set<String> expected = new HashSet<>(builds.produced());
                expected.addAll(ci.produced());
                Await.until(Duration.ofSeconds(90), () -> "every event indexed: " + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS)
                        + " of " + expected.size(), () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= expected.size()
                        && "idle".equals(TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("jenkins-ci-main").path("status").asText()));
                List<String> indexed = SharedElasticsearch.eventIds();
                assertEquals(expected.size(), indexed.size(), "no event twice");
                assertEquals(expected, new HashSet<>(indexed), "no event lost");
                JsonNode s = TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("jenkins-ci-main");
                assertEquals(String.valueOf(journal.stats().durableSeq()), s.path("cursor").asText());
                assertEquals(0, s.path("lag").path("events").asLong());
                assertThat(s.path("failures").asLong()).isGreaterThanOrEqualTo(4);
                // reads changed nothing; the committed cursor was acknowledged by POST, in order
                Await.until(Duration.ofSeconds(30), () -> "journal acknowledged up to the cursor: " + journal.acknowledged(),
                        () -> journal.acknowledged() == journal.stats().durableSeq());
                assertThat(jenkins.acknowledgeRequests).isSorted().last().isEqualTo(journal.stats().durableSeq());
                assertTrue(TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("jenkins-ci-main").path("warning")
                        .isNull());
            }
            StderrCapture.assertNoSecret(err.text(), TestDaemon.JENKINS_TOKEN);
            StderrCapture.assertNoSecret(err.text(), TestDaemon.ADMIN_TOKEN);
        }
    }
}
