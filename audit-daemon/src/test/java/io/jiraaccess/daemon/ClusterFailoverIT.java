package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.daemon.cluster.ClusterQuartz;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.jira.AuditCursor;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.ClusterWorld;
import io.jiraaccess.daemon.testing.DaemonProcess;
import io.jiraaccess.daemon.testing.PollLog;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SharedPostgres;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.StderrCapture;
import io.jiraaccess.daemon.testing.TestDaemon;
import io.jiraaccess.sim.audit.AuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three daemons (the jar, each in its own JVM) as one cluster on a real PostgreSQL, writing to one Elasticsearch: three
 * Jenkins journals, Jira's audit log and PAT inventory (the simulator) and each daemon's own spool are fed all along,
 * and every 30 s one daemon is SIGKILLed and started again. Afterwards every event is in Elasticsearch exactly once,
 * the polled side's request logs show no two polls of one source at once, and after each kill every shared source was
 * polled again within the stated take-over bound. {@code -Dcluster.kills=N} (the proof profile: 10) kills more often.
 */
class ClusterFailoverIT {
    private static final int KILLS = Integer.getInteger("cluster.kills", 3);
    private static final Duration KILL_EVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void threeDaemonsShareTheSourcesAndTakeOverFromAKilledOneLosingAndDuplicatingNothing() throws Exception {
        URI es = SharedElasticsearch.node().url();
        SharedElasticsearch.deleteJiraAccessIndices();
        String database = SharedPostgres.newDatabase();
        List<String> instances = List.of("audit-a", "audit-b", "audit-c");
        Map<Instant, String> kills = new LinkedHashMap<>();
        try (ClusterWorld world = new ClusterWorld(dir, es, database, instances, 3, true)) {
            world.startFeeding();
            world.startDaemons();
            Await.until(Duration.ofSeconds(120), "each daemon sees all three in the cluster",
                    () -> world.daemons.values().stream().allMatch(d -> aliveInstances(d.health()).equals(new TreeSet<>(instances))));
            for (DaemonProcess d : world.daemons.values()) {
                JsonNode cluster = d.health().path("cluster");
                assertEquals(d.name(), cluster.path("instance").asText());
                assertEquals(true, cluster.path("database").path("available").asBoolean());
                assertThat(d.metrics()).contains("jira_access_cluster_instance_info{instance=\"" + d.name() + "\"} 1\n",
                        "jira_access_cluster_database_up 1\n", "jira_access_cluster_instances_alive 3\n");
            }
            Await.until(Duration.ofSeconds(90), "every source ingests", () -> world.pollLog().polls().stream()
                    .map(PollLog.Poll::source).collect(Collectors.toSet()).containsAll(world.sharedSources())
                    && SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) > 0);

            for (int round = 0; round < KILLS; round++) {
                LockSupport.parkNanos(KILL_EVERY.toNanos());
                DaemonProcess victim = world.daemons.get(instances.get(round % instances.size()));
                Instant killed = victim.kill();
                kills.put(killed, victim.name());
                victim.start();
                System.out.printf("ClusterFailoverIT: killed %s at %s and started it again%n", victim.name(), killed);
            }
            // the last one comes back and everything settles
            world.daemons.values().forEach(d -> d.awaitUp(Duration.ofSeconds(180)));
            LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            world.stopFeeding();

            Set<String> produced = world.produced();
            Instant lastAudit = world.jira.sim.auditEntries().stream().map(AuditEntry::at).max(Instant::compareTo).orElseThrow();
            Await.until(Duration.ofSeconds(180), () -> "every produced event indexed and Jira's audit log read past "
                            + lastAudit + ": " + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) + " indexed",
                    () -> new HashSet<>(SharedElasticsearch.eventIds()).containsAll(produced)
                            && auditCursor().time().isAfter(lastAudit));
            Map<String, JsonNode> finalHealth = new LinkedHashMap<>();
            world.daemons.forEach((name, d) -> finalHealth.put(name, d.health()));
            world.daemons.values().forEach(DaemonProcess::close);

            // every event exactly once
            List<String> indexed = SharedElasticsearch.eventIds();
            assertEquals(indexed.size(), new HashSet<>(indexed).size(), "no event twice");
            Set<String> ids = new HashSet<>(indexed);
            assertThat(ids).containsAll(produced);
            String site = world.jira.sim.baseUrl();
            Set<String> audit = ids.stream().filter(i -> i.matches(java.util.regex.Pattern.quote(site) + ":\\d+"))
                    .collect(Collectors.toSet());
            assertEquals(expectedAudit(world, site, auditCursor()), audit, "Jira's audit log up to the cursor, each once");
            Set<String> rest = new HashSet<>(ids);
            rest.removeAll(produced);
            rest.removeAll(audit);
            assertThat(rest).as("nothing else but the inventory's token.issued events")
                    .allMatch(i -> i.startsWith(site + ":") && i.endsWith(":active"));

            // each shared source polled by one daemon at a time, and by more than one daemon over the run
            PollLog log = world.pollLog();
            assertEquals(List.of(), log.unnamed(), "every request to a shared source names its daemon and fire");
            assertEquals(List.of(), log.overlaps(), "no two polls of one source at once");
            for (String source : world.sharedSources()) {
                Set<String> pollers = log.polls().stream().filter(p -> p.source().equals(source))
                        .map(PollLog.Poll::instance).collect(Collectors.toSet());
                assertThat(pollers).as(source + " was polled by").hasSizeGreaterThan(1);
            }
            // take-over within the bound after every kill
            Duration bound = ClusterQuartz.takeoverBound(POLL);
            List<String> late = new ArrayList<>();
            kills.forEach((at, victim) -> {
                for (String source : world.sharedSources()) {
                    Duration gap = log.firstPollAfter(source, at).orElse(Duration.ofDays(1));
                    System.out.printf("ClusterFailoverIT: %s polled %d ms after %s was killed%n", source, gap.toMillis(), victim);
                    if (gap.compareTo(bound) > 0) {
                        late.add(source + " " + gap.toMillis() + " ms after " + victim + " was killed at " + at);
                    }
                }
            });
            assertEquals(List.of(), late, "every shared source polled again within " + bound.toMillis() + " ms of a kill");

            // each host's spool is its own: read by its daemon, its cursor kept under its instance
            for (String instance : instances) {
                try (var left = Files.list(dir.resolve(instance).resolve("spool"))) {
                    assertThat(left.map(p -> p.getFileName().toString()).toList()).as(instance + "'s spool")
                            .allMatch(n -> n.equals("done") || n.equals("quarantine"));
                }
                assertThat(cursorIds()).contains("spool@" + instance);
                JsonNode cluster = finalHealth.get(instance).path("cluster");
                assertThat(cluster.path("jobs").findValues("firedHere").stream().mapToLong(JsonNode::asLong).sum())
                        .as(instance + " ran shared jobs").isPositive();
            }
            assertThat(cursorIds()).doesNotContain("spool");
            String logs = world.logs();
            for (String secret : List.of(TestDaemon.ADMIN_TOKEN, TestDaemon.JENKINS_TOKEN, SharedPostgres.PASSWORD,
                    SimJira.ADMIN_API_TOKEN, world.jira.adminPat)) {
                StderrCapture.assertNoSecret(logs, secret);
            }
        }
    }

    private static Set<String> aliveInstances(JsonNode health) {
        Set<String> out = new TreeSet<>();
        health.path("cluster").path("instances").forEach(i -> {
            if (i.path("alive").asBoolean()) {
                out.add(i.path("instance").asText());
            }
        });
        return out;
    }

    @SuppressWarnings("rawtypes")
    private static AuditCursor auditCursor() {
        try {
            var r = SharedElasticsearch.connection().client().get(g -> g.index(IndexNames.CURSORS)
                    .id(ClusterWorld.CLOUD_AUDIT), Map.class);
            if (!r.found()) {
                return new AuditCursor(Instant.EPOCH, Set.of());
            }
            return AuditCursor.decode(String.valueOf(r.source().get("position")), ClusterWorld.CLOUD_AUDIT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> cursorIds() {
        try {
            SharedElasticsearch.refresh();
            var r = SharedElasticsearch.connection().client().search(s -> s.index(IndexNames.CURSORS).size(100), Map.class);
            return r.hits().hits().stream().map(h -> h.id()).collect(Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The simulator's audit entries up to the cursor, as the Cloud source's event ids. */
    private static Set<String> expectedAudit(ClusterWorld world, String site, AuditCursor cursor) {
        Set<String> out = new HashSet<>();
        for (AuditEntry e : world.jira.sim.auditEntries()) {
            if (!cursor.before(e.at().truncatedTo(ChronoUnit.MILLIS), Long.toString(e.id()))) {
                out.add(site + ":" + e.id());
            }
        }
        return out;
    }
}
