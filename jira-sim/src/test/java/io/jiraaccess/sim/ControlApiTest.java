package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiTest {

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @AfterEach
    void clearFaults() {
        sim.clearFaults();
    }

    @Test
    void usersCreatedOverHttpCanAuthenticateBothWays() {
        SimHttp.Reply created = http.postJson("/_sim/users", null, "{\"name\":\"erin\",\"email\":\"erin@example.com\","
                + "\"password\":\"erin-pw-123\",\"apiToken\":\"erin-api-token-123\",\"apiTokenExpiresAt\":\""
                + Instant.now().plus(Duration.ofDays(3)) + "\",\"projects\":[\"NEW\"],\"admin\":false}");

        assertEquals(201, created.status());
        String accountId = created.json().get("accountId").asText();
        assertEquals(accountId, http.get("/rest/api/3/myself", SimHttp.basic("erin@example.com", "erin-api-token-123"))
                .json().get("accountId").asText());
        assertEquals("erin", http.get("/rest/api/2/myself", SimHttp.basic("erin", "erin-pw-123")).json()
                .get("name").asText());
        assertEquals(200, http.get("/rest/api/2/project/NEW", SimHttp.basic("erin", "erin-pw-123")).status());
        Secrecy.assertAbsent(created.body() + Secrecy.everythingVisible(sim), "erin-pw-123", "erin-api-token-123");
    }

    @Test
    void backdatedTokensAppearInTheInventoriesWithTheirCreationTimeAndWithoutAnAuditRecord() {
        Instant created = sim.now().minus(Duration.ofDays(200)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        int auditBefore = sim.auditEntries().size();
        long patId = sim.createPat("alice", "forgotten", created, null).token().id();
        String apiTokenId = sim.addApiToken("bob", "old-script", "bob-old-script-token-123", created,
                created.plus(Duration.ofDays(365)));
        sim.addAdminKey("backdated-admin-key-123");

        JsonNode pats = http.postJson("/rest/pat/latest/tokens/search", SimFixture.alice(), "{}").json().get("values");
        JsonNode pat = null;
        for (JsonNode t : pats) {
            if (t.get("id").asLong() == patId) {
                pat = t;
            }
        }
        assertEquals("forgotten", pat.get("name").asText());
        assertEquals(io.jiraaccess.sim.api.JiraTime.format(created), pat.get("createdAt").asText());
        JsonNode org = http.get("/admin/api-access/v1/orgs/" + sim.orgId() + "/api-tokens?limit=100",
                SimHttp.bearer("backdated-admin-key-123")).json().get("data");
        JsonNode token = null;
        for (JsonNode t : org) {
            if (t.get("id").asText().equals(apiTokenId)) {
                token = t;
            }
        }
        assertEquals(io.jiraaccess.sim.api.JiraTime.iso(created), token.get("createdAt").asText());
        assertEquals(0, sim.auditEntries().stream().skip(auditBefore).filter(e -> e.object() != null
                && List.of("forgotten", "old-script").contains(e.object().name())).count(), "no creation record");
    }

    @Test
    void duplicateUserIsA400() {
        SimHttp.Reply reply = http.postJson("/_sim/users", null, "{\"name\":\"alice\"}");

        assertEquals(400, reply.status());
        assertEquals("a user named 'alice' already exists", reply.json().get("errorMessages").get(0).asText());
    }

    @Test
    void rateLimitEveryThirdRequestAnswers429WithRetryAfter() {
        http.postJson("/_sim/faults", null, "{\"rateLimitEvery\":3,\"retryAfterSeconds\":7}");

        List<Integer> statuses = new ArrayList<>();
        SimHttp.Reply limited = null;
        for (int i = 0; i < 6; i++) {
            SimHttp.Reply reply = http.get("/rest/api/2/myself", SimFixture.carol());
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertEquals(List.of(200, 200, 429, 200, 200, 429), statuses);
        assertEquals("7", limited.header("Retry-After").orElseThrow());
        assertEquals(1, limited.json().get("errorMessages").size());
    }

    @Test
    void failRateFailsAnExactEvenlySpreadShareWithTheChosenStatus() {
        http.postJson("/_sim/faults", null, "{\"failRate\":0.25,\"failStatus\":502}");

        long failures = 0;
        for (int i = 0; i < 8; i++) {
            if (http.get("/rest/api/2/myself", SimFixture.carol()).status() == 502) {
                failures++;
            }
        }
        assertEquals(2, failures);
    }

    @Test
    void downDropsTheConnectionWithoutAnAnswerButTheControlApiStillAnswers() {
        sim.faults(io.jiraaccess.sim.http.Faults.NONE.withDown(true));

        assertThatThrownBy(() -> http.get("/rest/api/2/myself", SimFixture.carol()))
                .isInstanceOf(UncheckedIOException.class);
        assertEquals(200, http.get("/_sim/faults", null).status());
        assertTrue(http.get("/_sim/faults", null).json().get("down").asBoolean());
    }

    @Test
    void latencyDelaysEveryJiraAnswer() {
        http.postJson("/_sim/faults", null, "{\"latencyMs\":300}");

        long start = System.nanoTime();
        assertEquals(200, http.get("/rest/api/2/myself", SimFixture.carol()).status());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= 300, "answered after " + elapsedMs + " ms");
    }

    @Test
    void invalidFaultsAreRefusedNamingTheField() {
        SimHttp.Reply reply = http.postJson("/_sim/faults", null, "{\"failRate\":1.5}");

        assertEquals(400, reply.status());
        assertEquals("'failRate' must be between 0 and 1.", reply.json().at("/errors/failRate").asText());
    }

    @Test
    void clockAdvancesSimulatedTimeAndRefusesGoingBack() {
        Instant before = sim.now();

        JsonNode clock = http.postJson("/_sim/clock", null, "{\"advanceSeconds\":86400}").json();

        assertEquals(86400, clock.get("offsetSeconds").asLong());
        assertTrue(Instant.parse(clock.get("now").asText()).isAfter(before.plus(Duration.ofHours(23))));
        assertEquals(400, http.postJson("/_sim/clock", null, "{\"advanceSeconds\":-5}").status());
    }

    @Test
    void requestsListsMethodPathSchemeAndStatus() {
        http.get("/rest/api/2/issue/ABC-1?expand=names", SimFixture.alice());

        JsonNode entries = http.get("/_sim/requests", null).json();

        JsonNode first = entries.get(0);
        assertEquals("GET", first.get("method").asText());
        assertEquals("/rest/api/2/issue/ABC-1", first.get("path").asText());
        assertEquals("Basic", first.get("authScheme").asText());
        assertEquals("alice", first.get("principal").asText());
        assertEquals(200, first.get("status").asInt());
    }

    @Test
    void patCreatedThroughTheControlApiAuthenticates() {
        JsonNode pat = http.postJson("/_sim/pats", null, "{\"user\":\"carol\",\"name\":\"t\",\"expirationDuration\":5}")
                .json();

        assertEquals(200, http.get("/rest/api/2/myself", SimHttp.bearer(pat.get("rawToken").asText())).status());
        assertEquals("active", http.get("/_sim/tokens", null).json().get(0).get("status").asText());
    }

    @Test
    void resetForgetsEverything() {
        sim.advanceClock(Duration.ofDays(1));

        assertEquals(204, http.postJson("/_sim/reset", null, "{}").status());

        assertEquals(0, http.get("/_sim/users", null).json().size());
        assertEquals(0, http.get("/_sim/clock", null).json().get("offsetSeconds").asLong());
        assertEquals(401, http.get("/rest/api/2/myself", SimFixture.alice()).status());
    }
}
