package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.daemon.testing.DemoData;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.dashboards.LensQueries;
import io.jiraaccess.dashboards.LensSearch;
import io.jiraaccess.dashboards.SavedObjects;
import io.jiraaccess.dashboards.TimeRange;
import io.jiraaccess.sim.audit.AuditKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Lens panel of the shipped dashboards, translated into the search Kibana runs, against a real Elasticsearch 8.19
 * holding the demo workload's events as the daemon indexed them: each returns results, and the ones the workload
 * determines return exactly what it wrote.
 */
class DashboardPanelsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoData demo;
    private static TimeRange range;
    private static final Map<String, JsonNode> responses = new LinkedHashMap<>();
    private static final Map<String, LensSearch> searches = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryPanel() throws Exception {
        demo = DemoData.indexed();
        range = eventRange();
        for (LensSearch s : LensQueries.fromContract().all(range)) {
            String key = s.visualizationId() + "/" + s.layerId();
            searches.put(key, s);
            responses.put(key, post(s.path(), s.bodyJson()));
        }
    }

    /** From an hour before the first event to an hour after the last: a dashboard's time picker around the demo. */
    private static TimeRange eventRange() throws Exception {
        JsonNode r = post("/jira-access-events/_search", "{\"size\":0,\"aggs\":{\"first\":{\"min\":{\"field\":\"@timestamp\"}},"
                + "\"last\":{\"max\":{\"field\":\"@timestamp\"}}}}");
        Instant first = Instant.ofEpochMilli(r.path("aggregations").path("first").path("value").asLong());
        Instant last = Instant.ofEpochMilli(r.path("aggregations").path("last").path("value").asLong());
        return new TimeRange(first.minus(Duration.ofHours(1)), last.plus(Duration.ofHours(1)));
    }

    @Test
    void everyPanelReturnsResultsAndNoError() {
        List<String> problems = new ArrayList<>();
        searches.forEach((key, s) -> {
            try {
                if (s.resultCount(responses.get(key)) == 0) {
                    problems.add(s.describe() + " would show nothing");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        assertEquals(List.of(), problems, "panels that fail or would show nothing");
        long layers = SavedObjects.fromContract().ofType("lens").stream()
                .mapToLong(l -> l.attributes().path("state").path("datasourceStates").path("formBased").path("layers").size())
                .sum();
        assertEquals(layers, searches.size(), "every layer of every Lens object was run");
    }

    @Test
    void usagePanelsCountExactlyTheTokenUsesTheWorkloadWrote() {
        JsonNode summary = responses.get(key("jira-access-usage-summary"));
        assertEquals(demo.summary().count("token.used"), summary.path("hits").path("total").path("value").asLong());
    }

    @Test
    void basicAuthPanelsListTheTwoCloudApiTokenUsersSeenByCiAndByJirasAuditLog() {
        JsonNode byUser = responses.get(key("jira-access-basic-auth-by-user"));
        List<String> users = new ArrayList<>();
        byUser.path("aggregations").fields().next().getValue().path("buckets").forEach(b -> users.add(b.path("key").asText()));
        users.sort(null);
        assertEquals(List.of("bob", "carol"), users);
        JsonNode overTime = responses.get(key("jira-access-basic-auth-over-time"));
        // each Basic call is reported twice: by the CI side (jira_access.ci) and by Jira's audit log (jira_audit)
        long jiraLogins = demo.simulator().auditEntries().stream().filter(a -> a.kind() == AuditKind.LOGIN
                && a.auth() != null && "api-token".equals(a.auth().authType())).count();
        assertEquals(demo.summary().count("basic_auth.used") + jiraLogins,
                overTime.path("hits").path("total").path("value").asLong());
    }

    @Test
    void securityPanelsCountTheViolationsAndTheOneEnforcementRevocation() {
        JsonNode violations = responses.get(key("jira-access-policy-violations"));
        assertEquals(demo.summary().count("policy.violation"), violations.path("hits").path("total").path("value").asLong());
        JsonNode enforcement = responses.get(key("jira-access-enforcement-revocations"));
        assertEquals(1, enforcement.path("hits").path("total").path("value").asLong());
    }

    /** The single layer of a Lens object. */
    private static String key(String lensId) {
        List<String> keys = searches.keySet().stream().filter(k -> k.startsWith(lensId + "/")).toList();
        assertEquals(1, keys.size(), lensId + " layers: " + keys);
        return keys.get(0);
    }

    static JsonNode post(String path, String body) throws Exception {
        URI es = SharedElasticsearch.node().url();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es + path.replace("*", "%2A")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
