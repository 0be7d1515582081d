package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.daemon.cluster.ClusterQuartz;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.ClusterWorld;
import io.jiraaccess.daemon.testing.DaemonProcess;
import io.jiraaccess.daemon.testing.JenkinsStandIn;
import io.jiraaccess.daemon.testing.LocalPostgres;
import io.jiraaccess.daemon.testing.PollLog;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cluster's PostgreSQL stopped for 30 s under two daemons: meanwhile each reports the database in /health, no
 * shared source is polled (nothing can schedule it), and each host's spool goes on being indexed with its cursor
 * saved; once the database is back the shared sources resume, and every event is in Elasticsearch once.
 */
class PostgresOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void daemonsKeepTheirSpoolsAndCursorsWhileThePostgresqlIsAwayAndResumeSharedSourcesAfter() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        String database = SharedPostgres.newDatabase();
        LocalPostgres pg = SharedPostgres.server();
        List<String> instances = List.of("host-1", "host-2");
        try (ClusterWorld world = new ClusterWorld(dir, SharedElasticsearch.node().url(), database, instances, 1, false)) {
            world.startFeeding();
            world.startDaemons();
            JenkinsStandIn jenkins = world.jenkins.get(0);
            Await.until(Duration.ofSeconds(90), "the journal is polled", () -> jenkins.log.size() > 3);

            Instant stopped = Instant.now();
            pg.stop();
            Instant outageEnds = stopped.plus(OUTAGE);
            for (DaemonProcess d : world.daemons.values()) {
                Await.until(Duration.ofSeconds(30), () -> d.name() + " reports the database away: " + d.health().path("cluster"),
                        () -> {
                            JsonNode h = d.health();
                            return !h.path("cluster").path("database").path("available").asBoolean(true)
                                    && h.path("status").asText().equals("degraded")
                                    && !h.path("cluster").path("database").path("downSince").isNull()
                                    && h.path("cluster").path("database").path("error").asText()
                                            .contains("Connection to 127.0.0.1:" + pg.port() + " refused");
                        });
            }
            world.daemons.values().forEach(d -> assertThat(d.metrics()).contains("jira_access_cluster_database_up 0\n"));
            // each host's spool goes on: a file written now is indexed, its cursor saved after the outage began
            List<String> during = new ArrayList<>();
            world.spools.values().forEach(s -> during.addAll(s.writeFile()));
            Await.until(Duration.ofSeconds(30), "spool files written during the outage are indexed",
                    () -> new HashSet<>(SharedElasticsearch.eventIds()).containsAll(during));
            for (String instance : instances) {
                assertThat(spoolCursorUpdated(instance)).as("spool@" + instance + " saved during the outage").isAfter(stopped);
            }
            LockSupport.parkNanos(Duration.between(Instant.now(), outageEnds).toNanos());
            pg.start();
            Instant restarted = Instant.now();
            for (DaemonProcess d : world.daemons.values()) {
                Await.until(Duration.ofSeconds(60), () -> d.name() + " reports the database back: " + d.health().path("cluster"),
                        () -> d.health().path("cluster").path("database").path("available").asBoolean()
                                && d.health().path("status").asText().equals("ok"));
            }
            Await.until(Duration.ofSeconds(60), "the journal is polled again",
                    () -> jenkins.log.stream().anyMatch(r -> r.receivedAt().isAfter(restarted)));
            world.stopFeeding();
            Set<String> produced = world.produced();
            Await.until(Duration.ofSeconds(120), "every produced event indexed",
                    () -> new HashSet<>(SharedElasticsearch.eventIds()).containsAll(produced));
            world.daemons.values().forEach(DaemonProcess::close);

            List<String> indexed = SharedElasticsearch.eventIds();
            assertEquals(indexed.size(), new HashSet<>(indexed).size(), "no event twice");
            assertEquals(produced, new HashSet<>(indexed), "every event, and nothing else");
            PollLog log = world.pollLog();
            assertEquals(List.of(), log.overlaps());
            // nothing can schedule a shared source without the database: no poll began well inside the outage
            Instant quiet = stopped.plus(ClusterQuartz.CHECKIN_INTERVAL);
            assertThat(log.polls()).as("polls that began while the database was away")
                    .noneMatch(p -> p.start().isAfter(quiet) && p.start().isBefore(restarted));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Instant spoolCursorUpdated(String instance) {
        try {
            var r = SharedElasticsearch.connection().client().get(g -> g.index(IndexNames.CURSORS).id("spool@" + instance),
                    Map.class);
            return r.found() ? Instant.parse(String.valueOf(r.source().get("updated"))) : Instant.EPOCH;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
