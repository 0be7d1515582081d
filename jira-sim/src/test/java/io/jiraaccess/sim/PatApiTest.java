package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.sim.audit.AuditKind;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PatApiTest {

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @Test
    void createAnswersTheRawTokenOnceAndTheListNeverShowsIt() {
        java.time.Instant before = sim.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        SimHttp.Reply created = http.postJson("/rest/pat/latest/tokens", SimFixture.carol(),
                "{\"name\":\"jenkins\",\"expirationDuration\":90}");

        assertEquals(201, created.status());
        JsonNode token = created.json();
        String raw = token.get("rawToken").asText();
        assertEquals("jenkins", token.get("name").asText());
        java.time.Instant expiring = java.time.OffsetDateTime.parse(token.get("expiringAt").asText(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
        org.assertj.core.api.Assertions.assertThat(expiring)
                .isBetween(before.plus(Duration.ofDays(90)), sim.now().plus(Duration.ofDays(90)));
        SimHttp.Reply list = http.get("/rest/pat/latest/tokens", SimHttp.bearer(raw));
        assertEquals(200, list.status());
        assertEquals(1, list.json().size());
        assertEquals(token.get("id").asLong(), list.json().get(0).get("id").asLong());
        assertFalse(list.json().get(0).has("rawToken"));
        assertTrue(list.json().get(0).has("lastAccessedAt"));
        Secrecy.assertAbsent(list.body() + Secrecy.everythingVisible(sim), raw, SimFixture.CAROL_PASSWORD);
    }

    @Test
    void aPatMayCreateAnotherPatLikeJiraDataCenter() {
        String first = sim.createPat("carol", "bootstrap", 30).rawToken();

        SimHttp.Reply created = http.postJson("/rest/pat/latest/tokens", SimHttp.bearer(first), "{\"name\":\"next\"}");

        assertEquals(201, created.status());
        assertFalse(created.json().has("expiringAt"));
        assertEquals(2, sim.tokens().size());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), first, created.json().get("rawToken").asText());
    }

    @Test
    void revokedPatIsGoneFromTheListStopsAuthenticatingAndStaysInTheSimulatorInventory() {
        var minted = sim.createPat("carol", "old", 30);

        SimHttp.Reply deleted = http.delete("/rest/pat/latest/tokens/" + minted.token().id(), SimFixture.carol());

        assertEquals(204, deleted.status());
        assertEquals(401, http.get("/rest/api/2/myself", SimHttp.bearer(minted.rawToken())).status());
        assertEquals(0, http.get("/rest/pat/latest/tokens", SimFixture.carol()).json().size());
        JsonNode inventory = http.get("/_sim/tokens", null).json();
        assertEquals(1, inventory.size());
        assertEquals("revoked", inventory.get(0).get("status").asText());
        assertEquals(1, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.PAT_REVOKED).count());
    }

    @Test
    void revokingSomeoneElsesPatIs404ForAUserButAllowedForAnAdmin() {
        var carols = sim.createPat("carol", "mine", 30);
        sim.addUser(io.jiraaccess.sim.control.UserSpec.named("dave").password("dave-pw-1").projects("OPS"));

        assertEquals(404, http.delete("/rest/pat/latest/tokens/" + carols.token().id(),
                SimHttp.basic("dave", "dave-pw-1")).status());
        assertEquals(204, http.delete("/rest/pat/latest/tokens/" + carols.token().id(), SimFixture.alice()).status());
        assertEquals(404, http.delete("/rest/pat/latest/tokens/not-a-number", SimFixture.alice()).status());
    }

    @Test
    void cloudAndOAuthCredentialsCannotManagePats() {
        SimHttp.Reply reply = http.postJson("/rest/pat/latest/tokens", SimFixture.bob(), "{\"name\":\"x\"}");

        assertEquals(403, reply.status());
        assertEquals(0, sim.tokens().size());
    }

    @Test
    void invalidExpirationDurationIsA400NamingTheField() {
        SimHttp.Reply reply = http.postJson("/rest/pat/latest/tokens", SimFixture.carol(),
                "{\"name\":\"x\",\"expirationDuration\":0}");
        SimHttp.Reply wrongType = http.postJson("/rest/pat/latest/tokens", SimFixture.carol(),
                "{\"name\":\"x\",\"expirationDuration\":\"ninety\"}");

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("errors").has("expirationDuration"));
        assertEquals(400, wrongType.status());
        assertEquals(0, sim.tokens().size());
    }

    @Test
    void adminSearchListsEveryUsersLiveTokensWithNeverAs9999() {
        sim.createPat("carol", "forever", null);
        sim.createPat("alice", "monthly", 30);
        var revoked = sim.createPat("carol", "revoked", 30);
        revoked.token().revoke(sim.now());

        SimHttp.Reply reply = http.postJson("/rest/pat/latest/tokens/search", SimFixture.alice(), "{}");
        SimHttp.Reply denied = http.postJson("/rest/pat/latest/tokens/search", SimFixture.carol(), "{}");

        assertEquals(200, reply.status());
        JsonNode values = reply.json().get("values");
        assertEquals(2, values.size());
        assertEquals("carol", values.get(0).at("/userProfileResource/name").asText());
        assertTrue(values.get(0).get("expiringAt").asText().startsWith("9999"));
        assertEquals(403, denied.status());
    }
}
