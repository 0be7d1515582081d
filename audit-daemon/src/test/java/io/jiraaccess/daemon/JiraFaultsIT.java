package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.demo.DemoWorkload;
import io.jiraaccess.daemon.demo.DemoWorld;
import io.jiraaccess.daemon.jira.AuditCursor;
import io.jiraaccess.daemon.jira.AuditMapping;
import io.jiraaccess.daemon.jira.DcAuditMapper;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.GarbageProxy;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.SpoolEvents;
import io.jiraaccess.daemon.testing.SpoolProducer;
import io.jiraaccess.daemon.testing.StderrCapture;
import io.jiraaccess.daemon.testing.TestDaemon;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.http.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jira answering 503 to everything, 429 with Retry-After, too slowly, or garbage: each Jira source backs off and says
 * so in /health while the spool keeps ingesting; once Jira is well again the Cloud and Data Center audit logs are
 * indexed exactly once (the set of ids compared with the simulator's audit log up to each cursor), and so is the spool.
 */
class JiraFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JIRA_SOURCES = List.of("jira-demo-dc-audit", "jira-demo-dc-tokens",
            "jira-demo-cloud-audit", "jira-demo-cloud-tokens");

    @TempDir
    Path dir;

    @Test
    void failingJiraSourcesBackOffAndReportWhileTheSpoolIngestsThenEveryRecordArrivesOnce() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        try (StderrCapture err = new StderrCapture();
             JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload workload = DemoWorkload.builder(sim, dir.resolve("spool")).seed(3).incidentAt(-1)
                     .rotateEvery(1000).build();
             GarbageProxy proxy = new GarbageProxy(sim.baseUrl())) {
            workload.runBuilds(10);
            SpoolProducer other = new SpoolProducer(dir.resolve("spool"), "other-ci", 5);
            Map<String, String> env = new HashMap<>(workload.world().secrets());
            env.put("IT_ADMIN_TOKEN", TestDaemon.ADMIN_TOKEN);
            DaemonConfig config = new DaemonConfigParser(SecretReferences.fromMap(env))
                    .parse("it.yaml", yaml(proxy.url(), sim.orgId(), CamelHarness.freePort()), dir);
            DaemonApplication daemon = DaemonApplication.start(config, new DaemonApplication.Options()
                    .runner(new SourceRunner.Settings(500, 4, Duration.ofMillis(500), Duration.ofSeconds(2)))
                    .jiraHttp(SimJira.QUICK));
            Map<String, String> cursors;
            try {
                Await.until(Duration.ofSeconds(60), () -> "every source caught up once: " + statuses(daemon),
                        () -> JIRA_SOURCES.stream().allMatch(s -> source(daemon, s).path("eventsIndexed").asLong() > 0)
                                && "idle".equals(source(daemon, "spool").path("status").asText()));

                record Case(String name, Consumer<Boolean> fault, String error) {
                }
                for (Case c : List.of(
                        new Case("503 storm", on -> sim.faults(on ? new Faults(0, 1.0, 503, false, 0, 1) : Faults.NONE),
                                "503"),
                        new Case("429", on -> sim.faults(on ? new Faults(0, 0, 503, false, 1, 3) : Faults.NONE),
                                "429"),
                        new Case("timeouts", on -> sim.faults(on ? new Faults(2500, 0, 503, false, 0, 1) : Faults.NONE),
                                "no response within 2000 ms"),
                        new Case("garbage", proxy::garbage, "is not"))) {
                    c.fault().accept(true);
                    for (String id : JIRA_SOURCES) {
                        Await.until(Duration.ofSeconds(60), () -> c.name() + " reported for " + id + ": " + source(daemon, id),
                                () -> {
                                    JsonNode s = source(daemon, id);
                                    return s.path("status").asText().equals("backing-off")
                                            && s.path("lastError").asText().contains(c.error())
                                            && !s.path("nextAttemptAt").isNull();
                                });
                    }
                    if (c.name().equals("429")) {
                        JsonNode s = source(daemon, "jira-demo-cloud-audit");
                        assertThat(Duration.between(Instant.parse(s.path("lastErrorAt").asText()),
                                Instant.parse(s.path("nextAttemptAt").asText()))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                    }
                    List<String> fresh = other.writeFile();
                    Await.until(Duration.ofSeconds(60), "the spool keeps ingesting during " + c.name(),
                            () -> new HashSet<>(SharedElasticsearch.eventIds()).containsAll(fresh));
                    assertEquals("degraded", TestDaemon.health(daemon.adminUrl()).path("status").asText());
                    c.fault().accept(false);
                }
                workload.runBuilds(5);
                Await.until(Duration.ofSeconds(90), () -> "all sources recovered: " + statuses(daemon),
                        () -> JIRA_SOURCES.stream().allMatch(s -> "idle".equals(source(daemon, s).path("status").asText()))
                                && "idle".equals(source(daemon, "spool").path("status").asText()));
            } finally {
                daemon.close();
            }
            cursors = new HashMap<>();
            daemon.runners().forEach(r -> cursors.put(r.source().id(), r.status().snapshot().cursor()));

            List<String> indexed = SharedElasticsearch.eventIds();
            assertEquals(indexed.size(), new HashSet<>(indexed).size(), "no event twice");
            String site = proxy.url();
            Set<String> cloud = indexed.stream().filter(i -> i.startsWith(site + ":") && i.substring(site.length() + 1)
                    .matches("\\d+")).collect(Collectors.toSet());
            Set<String> dc = indexed.stream().filter(i -> i.startsWith(site + ":dc:")).collect(Collectors.toSet());
            assertEquals(expectedCloud(sim, site, AuditCursor.decode(cursors.get("jira-demo-cloud-audit"), "cloud")), cloud);
            assertEquals(expectedDc(proxy, workload.world(), site, AuditCursor.decode(cursors.get("jira-demo-dc-audit"), "dc")), dc);
            Set<String> spooled = new HashSet<>();
            SpoolEvents.read(dir.resolve("spool").resolve("done")).forEach(e -> spooled.add(e.id()));
            assertEquals(spooled, indexed.stream().filter(i -> !i.startsWith(site + ":")).collect(Collectors.toSet()),
                    "every spooled event, and nothing else but Jira's");
            assertTrue(spooled.containsAll(other.produced()));
            for (String secret : workload.world().secrets().values()) {
                StderrCapture.assertNoSecret(err.text(), secret);
            }
        }
    }

    /** The simulator's audit entries up to the cursor, as Cloud event ids. */
    private static Set<String> expectedCloud(JiraSimulator sim, String site, AuditCursor cursor) {
        Set<String> out = new HashSet<>();
        for (AuditEntry e : sim.auditEntries()) {
            Instant at = e.at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            String key = Long.toString(e.id());
            if (!cursor.before(at, key)) {
                out.add(site + ":" + e.id());
            }
        }
        return out;
    }

    /** The Data Center audit events up to the cursor, fetched directly and numbered as the reader numbers twins. */
    private static Set<String> expectedDc(GarbageProxy proxy, DemoWorld world, String site, AuditCursor cursor)
            throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String pageCursor = null;
        HttpClient http = HttpClient.newHttpClient();
        do {
            String url = proxy.url() + "/rest/auditing/1.0/events?limit=1000"
                    + (pageCursor == null ? "" : "&pageCursor=" + java.net.URLEncoder.encode(pageCursor, "UTF-8"));
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + world.secret(DemoWorld.ADMIN_PAT).reveal()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            page.path("entities").forEach(all::add);
            pageCursor = page.path("pagingInfo").path("lastPage").asBoolean(true) ? null
                    : page.path("pagingInfo").path("nextPageCursor").asText();
        } while (pageCursor != null);
        Map<String, Integer> twins = new HashMap<>();
        Set<String> out = new HashSet<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            AuditMapping.Mapped m = (AuditMapping.Mapped) DcAuditMapper.map(all.get(i), site);
            String hash = m.event().getString("jira_access.jira_audit.id");
            int n = twins.merge(m.at().toEpochMilli() + "|" + hash, 1, Integer::sum) - 1;
            String key = n == 0 ? hash : hash + "#" + n;
            if (!cursor.before(m.at(), key)) {
                out.add(m.event().id() + (n == 0 ? "" : "#" + n));
            }
        }
        return out;
    }

    private static String yaml(String site, String orgId, int adminPort) {
        return """
                elasticsearch: { url: "%s" }
                state: { dir: state }
                spool: { dir: spool, poll: "* * * * * ?", batchSize: 500 }
                admin: { listen: "127.0.0.1:%d", token: "${env:IT_ADMIN_TOKEN}" }
                policy: { schedule: "0 0 0 1 1 ? 2099" }
                jira:
                  - name: demo-dc
                    flavor: datacenter
                    credential: { kind: pat, site: "%s", token: "${env:%s}" }
                    auditPoll: "* * * * * ?"
                    tokensPoll: "* * * * * ?"
                    timeoutSeconds: 2
                  - name: demo-cloud
                    flavor: cloud
                    credential: { kind: api-token, site: "%s", email: "%s", token: "${env:%s}" }
                    orgId: "%s"
                    orgAdminKey: "${env:%s}"
                    adminApiUrl: "%s"
                    auditPoll: "* * * * * ?"
                    tokensPoll: "* * * * * ?"
                    timeoutSeconds: 2
                """.formatted(SharedElasticsearch.node().url(), adminPort, site, DemoWorld.ADMIN_PAT,
                site, DemoWorld.ADMIN_EMAIL, DemoWorld.ADMIN_API_TOKEN, orgId, DemoWorld.ORG_ADMIN_KEY, site);
    }

    private static JsonNode source(DaemonApplication daemon, String id) {
        return TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get(id);
    }

    private static String statuses(DaemonApplication daemon) {
        return TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().path("status").asText() + "/" + e.getValue().path("lastError").asText())
                .collect(Collectors.joining(", "));
    }
}
