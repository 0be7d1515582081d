package io.jiraaccess.daemon;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.demo.DemoWorkload;
import io.jiraaccess.daemon.demo.DemoWorld;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.TestDaemon;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.dashboards.Kql;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.model.PersonalAccessToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials index built by the daemon from the demo workload: inventories and CI events meet in one document
 * per credential, and the Credential hygiene dashboard's own KQL finds exactly the credentials expiring within 14
 * days and those not rotated for 90 days.
 */
class CredentialsIndexIT {
    private static final String EXPIRING = "jira_access.credential.status : \"active\" and "
            + "jira_access.credential.expires_at <= \"now+14d\"";
    private static final String OVERDUE = "jira_access.credential.status : \"active\" and "
            + "(jira_access.credential.last_rotated_at < \"now-90d\" or (not jira_access.credential.last_rotated_at : * "
            + "and jira_access.credential.created_at < \"now-90d\"))";

    @TempDir
    Path dir;

    @Test
    void inventoriesAndCiEventsGiveOneCurrentDocumentPerCredential() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload workload = DemoWorkload.builder(sim, dir.resolve("spool")).seed(5).rotateEvery(6)
                     .incidentAt(3).build()) {
            workload.runBuilds(12);
            Map<String, String> env = new HashMap<>(workload.world().secrets());
            env.put("IT_ADMIN_TOKEN", TestDaemon.ADMIN_TOKEN);
            DaemonConfig config = new DaemonConfigParser(SecretReferences.fromMap(env))
                    .parse("it.yaml", yaml(sim, CamelHarness.freePort()), dir);
            try (DaemonApplication daemon = DaemonApplication.start(config, new DaemonApplication.Options()
                    .runner(new SourceRunner.Settings(500, 4, Duration.ofMillis(500), Duration.ofSeconds(2)))
                    .jiraHttp(SimJira.QUICK))) {
                Await.until(Duration.ofSeconds(90), "the spool and both inventories are indexed", () ->
                        SharedElasticsearch.count(DataContract.CREDENTIALS_INDEX) > 0
                                && TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).values().stream()
                                .allMatch(s -> s.path("eventsIndexed").asLong() > 0 && s.path("status").asText().equals("idle")));
            }
            SharedElasticsearch.refresh();

            assertEquals(Set.of("ci-bot/jenkins-release-changelog", "Bob Builder/ci-pipeline", "Bob Builder/laptop",
                    "cloud-legacy-token"), ids(EXPIRING));
            assertEquals(Set.of("ci-bot/forgotten-token", "ops-bot/nightly-sync", "Bob Builder/old-script",
                    "Carol Release/release-bot"), ids(OVERDUE));

            Map<String, Object> ci = credential(one("jira_access.credential.id : \"dc-ci-pat\""));
            PersonalAccessToken current = sim.tokens().stream().filter(t -> t.name().startsWith("jira-access-dc-ci-pat-rot")
                    && t.revokedAt() == null).findFirst().orElseThrow();
            assertEquals(Long.toString(current.id()), ci.get("token_id"));
            assertEquals(current.name(), ci.get("name"));
            assertEquals(true, ci.get("managed"));
            assertEquals("active", ci.get("status"));
            assertEquals("pat", ci.get("kind"));
            assertNotNull(ci.get("last_rotated_at"));
            assertNotNull(ci.get("last_used_at"));
            Map<String, Object> legacy = credential(one("jira_access.credential.id : \"cloud-legacy-token\""));
            assertEquals(false, legacy.get("managed"));
            assertEquals(workload.world().simulator().apiTokens().stream().filter(t -> t.label().equals("ci-pipeline"))
                    .findFirst().orElseThrow().expiresAt().toString(), legacy.get("expires_at"));

            Set<String> revoked = ids("jira_access.credential.status : \"revoked\"");
            Set<String> expectedRevoked = sim.tokens().stream().filter(t -> t.revokedAt() != null)
                    .map(t -> sim.user(t.accountId()).name() + "/" + t.name()).collect(Collectors.toSet());
            assertEquals(expectedRevoked, revoked, "the leaked token and every superseded rotated one");
            assertTrue(revoked.contains("ops-bot/legacy-cleanup"));
            assertEquals(3, revoked.size(), "the leaked token and the two superseded by two rotations");
        }
    }

    private static Map<String, Object> one(String kql) throws Exception {
        List<Map<String, Object>> hits = search(kql);
        assertEquals(1, hits.size(), kql + ": " + hits);
        return hits.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credential(Map<String, Object> doc) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("jira_access")).get("credential");
    }

    private static Set<String> ids(String kql) throws Exception {
        return search(kql).stream().map(d -> String.valueOf(credential(d).get("id"))).collect(Collectors.toSet());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Map<String, Object>> search(String kql) throws Exception {
        String query = Kql.parse(kql).toQuery().toString();
        SearchResponse<Map> r = SharedElasticsearch.connection().client().search(s -> s.index(DataContract.CREDENTIALS_INDEX)
                .size(200).query(q -> q.withJson(new StringReader(query))), Map.class);
        return r.hits().hits().stream().map(h -> (Map<String, Object>) ((Hit<Map>) h).source()).toList();
    }

    private static String yaml(JiraSimulator sim, int adminPort) {
        String site = sim.baseUrl();
        return """
                elasticsearch: { url: "%s" }
                state: { dir: state }
                spool: { dir: spool, poll: "* * * * * ?" }
                admin: { listen: "127.0.0.1:%d", token: "${env:IT_ADMIN_TOKEN}" }
                policy: { schedule: "0 0 0 1 1 ? 2099" }
                jira:
                  - { name: demo-dc, flavor: datacenter, audit: false, tokensPoll: "* * * * * ?",
                      credential: { kind: pat, site: "%s", token: "${env:%s}" } }
                  - { name: demo-cloud, flavor: cloud, audit: false, tokensPoll: "* * * * * ?", orgId: "%s",
                      orgAdminKey: "${env:%s}", adminApiUrl: "%s",
                      credential: { kind: api-token, site: "%s", email: "%s", token: "${env:%s}" } }
                """.formatted(SharedElasticsearch.node().url(), adminPort, site, DemoWorld.ADMIN_PAT, sim.orgId(),
                DemoWorld.ORG_ADMIN_KEY, site, site, DemoWorld.ADMIN_EMAIL, DemoWorld.ADMIN_API_TOKEN);
    }
}
