package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.JenkinsStandIn;
import io.jiraaccess.daemon.testing.JournalProducer;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SpoolProducer;
import io.jiraaccess.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elasticsearch stopped for a minute in the middle of steady spool and journal ingest, then restarted on the same data
 * and port: the sources pause (keeping their data and cursors) and resume; afterwards the index holds exactly the
 * events the producers made, each once.
 */
class ElasticsearchOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aMinuteWithoutElasticsearchLosesAndDuplicatesNothing() throws Exception {
        LocalElasticsearch es = SharedElasticsearch.node();
        SharedElasticsearch.deleteJiraAccessIndices();
        EventJournal journal = EventJournal.open(dir.resolve("jenkins-home/jira-access-journal"), "ci-main");
        try (journal; JenkinsStandIn jenkins = new JenkinsStandIn(journal, TestDaemon.JENKINS_USER, TestDaemon.JENKINS_TOKEN)) {
            Path config = TestDaemon.writeConfig(dir, es.url(), jenkins.url(), CamelHarness.freePort());
            try (DaemonApplication daemon = TestDaemon.start(config);
                 SpoolProducer ci = new SpoolProducer(dir.resolve("spool"), "other-ci", 20).every(250);
                 JournalProducer builds = new JournalProducer(journal, 10).every(100)) {
                Await.until(Duration.ofSeconds(60), "ingest under way",
                        () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= 500);

                es.stop();
                Instant back = Instant.now().plus(OUTAGE);
                Await.until(Duration.ofSeconds(30), "both sources report the pause", () -> {
                    Map<String, JsonNode> s = TestDaemon.sources(TestDaemon.health(daemon.adminUrl()));
                    return s.get("spool").path("status").asText().equals("paused")
                            && s.get("jenkins-ci-main").path("status").asText().equals("paused")
                            && s.get("spool").path("lastError").asText().startsWith("Elasticsearch unavailable");
                });
                JsonNode during = TestDaemon.health(daemon.adminUrl());
                assertEquals(false, during.path("elasticsearch").path("available").asBoolean());
                assertEquals("degraded", during.path("status").asText());
                // the outage lasts a minute while the producers keep producing; the sources stay paused throughout
                Await.until(OUTAGE.plusSeconds(10), "the outage lasts its minute", () -> {
                    Map<String, JsonNode> s = TestDaemon.sources(TestDaemon.health(daemon.adminUrl()));
                    assertEquals("paused", s.get("spool").path("status").asText());
                    return !Instant.now().isBefore(back);
                });
                long producedDuringOutage = ci.produced().size() + builds.produced().size();
                es.start();

                Await.until(Duration.ofSeconds(120), "ingest resumes beyond what was there before the outage",
                        () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= producedDuringOutage);
                ci.close();
                builds.close();
                Set<String> expected = new HashSet<>(ci.produced());
                expected.addAll(builds.produced());
                Await.until(Duration.ofSeconds(180), () -> "every event indexed: "
                        + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) + " of " + expected.size(),
                        () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= expected.size());
                List<String> indexed = SharedElasticsearch.eventIds();
                assertEquals(expected.size(), indexed.size(), "no event twice");
                assertEquals(expected, new HashSet<>(indexed), "no event lost");
                assertTrue(expected.size() > 5_000, "a minute of steady ingest: " + expected.size());
                Map<String, JsonNode> after = TestDaemon.sources(TestDaemon.health(daemon.adminUrl()));
                assertEquals(String.valueOf(journal.stats().durableSeq()), after.get("jenkins-ci-main").path("cursor").asText());
            }
        }
    }
}
