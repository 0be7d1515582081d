package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenAdminApiTest {

    private static final String ADMIN_KEY = "org-admin-key-0123456789abcdef";

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
        sim.addAdminKey(ADMIN_KEY);
        for (int i = 0; i < 4; i++) {
            sim.addApiToken("bob", "extra-" + i, "ATATT-extra-token-" + i + "-0123456789", sim.now().plus(Duration.ofDays(i + 1)));
        }
    }

    @Test
    void orgInventoryPagesWithLinksNextUntilEveryTokenIsSeen() {
        List<String> labels = new ArrayList<>();
        String next = "/admin/api-access/v1/orgs/" + sim.orgId() + "/api-tokens?limit=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = http.get(next, SimHttp.bearer(ADMIN_KEY)).json();
            page.get("data").forEach(row -> labels.add(row.get("label").asText()));
            pages++;
            next = page.at("/links/next").isMissingNode() ? null : page.at("/links/next").asText()
                    .substring(sim.baseUrl().length());
        }
        assertEquals(3, pages);
        assertEquals(List.of("bob-ci", "extra-0", "extra-1", "extra-2", "extra-3"), labels);
    }

    @Test
    void inventoryRowsCarryStatusExpiryAndTheUser() {
        sim.advanceClock(Duration.ofDays(1).plusMinutes(1));

        JsonNode data = http.get("/admin/api-access/v1/orgs/" + sim.orgId() + "/api-tokens?status=expired",
                SimHttp.bearer(ADMIN_KEY)).json().get("data");

        assertEquals(1, data.size());
        assertEquals("extra-0", data.get(0).get("label").asText());
        assertEquals("expired", data.get(0).get("status").asText());
        assertEquals("bob@example.com", data.get(0).at("/user/email").asText());
        assertEquals(sim.orgId(), data.get(0).at("/user/orgId").asText());
    }

    @Test
    void revokingAUsersTokenStopsItsBasicAuthAndIsAudited() {
        String accountId = sim.user("bob").accountId();
        JsonNode tokens = http.get("/users/" + accountId + "/manage/api-tokens", SimHttp.bearer(ADMIN_KEY)).json();
        String id = tokens.get(0).get("id").asText();

        SimHttp.Reply deleted = http.delete("/users/" + accountId + "/manage/api-tokens/" + id, SimHttp.bearer(ADMIN_KEY));

        assertEquals(204, deleted.status());
        assertEquals(401, http.get("/rest/api/3/myself", SimFixture.bob()).status());
        assertEquals(4, http.get("/users/" + accountId + "/manage/api-tokens", SimHttp.bearer(ADMIN_KEY)).json().size());
        assertEquals(404, http.delete("/users/" + accountId + "/manage/api-tokens/" + id, SimHttp.bearer(ADMIN_KEY)).status());
        assertTrue(sim.auditEntries().stream().anyMatch(e -> e.kind() == io.jiraaccess.sim.audit.AuditKind.API_TOKEN_REVOKED));
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), ADMIN_KEY, SimFixture.BOB_TOKEN);
    }

    @Test
    void userTokenListHasLabelExpiryAndLastAccess() {
        http.get("/rest/api/3/myself", SimFixture.bob());

        JsonNode first = http.get("/users/" + sim.user("bob").accountId() + "/manage/api-tokens",
                SimHttp.bearer(ADMIN_KEY)).json().get(0);

        assertEquals("bob-ci", first.get("label").asText());
        assertFalse(first.get("lastAccess").isNull());
        assertFalse(first.get("expiry").isNull());
    }

    @Test
    void unknownKeyIs401AndAnotherOrgIs403() {
        assertEquals(401, http.get("/admin/api-access/v1/orgs/" + sim.orgId() + "/api-tokens",
                SimHttp.bearer("not-a-key")).status());
        assertEquals(401, http.get("/admin/api-access/v1/orgs/" + sim.orgId() + "/api-tokens", null).status());
        assertEquals(403, http.get("/admin/api-access/v1/orgs/other-org/api-tokens", SimHttp.bearer(ADMIN_KEY)).status());
        assertEquals(2, sim.auditEntries().stream()
                .filter(e -> e.kind() == io.jiraaccess.sim.audit.AuditKind.LOGIN_FAILED).count());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), "not-a-key", ADMIN_KEY);
    }
}
