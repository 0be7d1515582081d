package io.jiraaccess.daemon.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.enforcement.Enforcer;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.daemon.revoke.BulkRevoker;
import io.jiraaccess.daemon.spool.SpoolDrop;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.SpoolEvents;
import io.jiraaccess.sim.control.UserSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code POST /revoke} through the daemon's real routes, revoking in the simulator. */
class AdminRevokeRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final SimJira jira = SimJira.fresh();
    private CamelHarness harness;
    private long pat;

    @BeforeEach
    void start() throws Exception {
        jira.sim.addUser(UserSpec.named("ci-bot").password("ci-bot-pw-45").projects("DEMO"));
        pat = jira.sim.createPat("ci-bot", "laptop", 30).token().id();
        JiraSites sites = jira.sites(jira.config(dir, ""), Clock.systemUTC());
        List<Enforcer.Target> targets = new ArrayList<>();
        sites.sites().forEach(s -> targets.add(new Enforcer.Target(s.name(), s.inventory())));
        harness = new CamelHarness(List.of());
        harness.beans.put("adminRevoke", new AdminRevoke(new BulkRevoker(targets,
                new SpoolDrop(dir.resolve("spool"), "revocation", Clock.systemUTC()), Clock.systemUTC(), "admin-api")));
        harness.start(List.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private HttpResponse<String> post(String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(harness.admin("/revoke"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Set<Long> revoked() {
        return jira.sim.tokens().stream().filter(t -> t.revokedAt() != null).map(t -> t.id()).collect(Collectors.toSet());
    }

    @Test
    void withoutTheBearerTokenItIs401AndNothingIsRevoked() throws Exception {
        HttpResponse<String> r = post(null, "application/json", "{\"owner\":\"ci-bot\",\"dryRun\":false}");
        HttpResponse<String> wrong = post("Bearer wrong-token-wrong-token", "application/json",
                "{\"owner\":\"ci-bot\",\"dryRun\":false}");

        assertEquals(401, r.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(Set.of(), revoked());
    }

    @Test
    void dryRunMustBeSaidAndTheFiltersAreTheCommandsRules() throws Exception {
        String auth = "Bearer " + CamelHarness.ADMIN_TOKEN;
        HttpResponse<String> noDryRun = post(auth, "application/json", "{\"owner\":\"ci-bot\"}");
        HttpResponse<String> two = post(auth, "application/json", "{\"owner\":\"ci-bot\",\"site\":\"x\",\"dryRun\":true}");
        HttpResponse<String> all = post(auth, "application/json", "{\"all\":true,\"dryRun\":false}");
        HttpResponse<String> notJson = post(auth, "application/json", "owner=ci-bot");

        assertEquals(400, noDryRun.statusCode());
        assertEquals("bad request: dryRun is required: true lists what would be revoked, false revokes\n", noDryRun.body());
        assertEquals("bad request: name exactly one of owner, site, credential or all (got 2)\n", two.body());
        assertEquals("bad request: all revokes every active token of every configured Jira site; run it with dryRun "
                + "first, then add \"confirmAll\": true to do it\n", all.body());
        assertEquals("bad request: the body is not JSON; send it with Content-Type: application/json\n", notJson.body());
        assertEquals(Set.of(), revoked());
    }

    @Test
    void aDryRunListsAndARealRunRevokesAndSpoolsTheEvent() throws Exception {
        String auth = "Bearer " + CamelHarness.ADMIN_TOKEN;
        JsonNode dry = JSON.readTree(post(auth, "application/json", "{\"owner\":\"ci-bot\",\"dryRun\":true}").body());
        assertEquals(Set.of(), revoked());
        HttpResponse<String> real = post(auth, "application/json", "{\"owner\":\"ci-bot\",\"dryRun\":false}");
        JsonNode done = JSON.readTree(real.body());

        assertEquals(1, dry.get("matched").asInt());
        assertEquals(1, dry.get("wouldRevoke").asInt());
        assertEquals(Long.toString(pat), dry.get("tokens").get(0).get("tokenId").asText());
        assertEquals("would revoke", dry.get("tokens").get(0).get("outcome").asText());
        assertEquals(200, real.statusCode());
        assertEquals("application/json", real.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, done.get("revoked").asInt());
        assertEquals(0, done.get("failed").asInt());
        assertEquals(Set.of(pat), revoked());
        List<AuditEvent> events = SpoolEvents.read(dir.resolve("spool"));
        assertEquals(1, events.size());
        assertEquals("admin-api", events.get(0).getString("jira_access.enforcement.initiator"));
        String all = real.body() + dry + SpoolEvents.text(dir.resolve("spool"));
        jira.secrets().forEach(s -> assertFalse(all.contains(s)));
        assertFalse(all.contains(CamelHarness.ADMIN_TOKEN));
    }
}
