package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrgEventsApiTest {

    private static final String ADMIN_KEY = "org-events-admin-key-0123456789";

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
        sim.addAdminKey(ADMIN_KEY);
    }

    @Test
    void basicAuthWithAnApiTokenShowsAsActorAuthWithTheTokenIdAndLabel() {
        http.get("/rest/api/3/myself", SimFixture.bob());

        JsonNode data = http.get("/admin/v1/orgs/" + sim.orgId() + "/events?action=user_authenticated",
                SimHttp.bearer(ADMIN_KEY)).json().get("data");

        assertEquals(1, data.size());
        JsonNode actor = data.get(0).at("/attributes/actor");
        assertEquals(sim.user("bob").accountId(), actor.get("id").asText());
        assertEquals("bob@example.com", actor.get("email").asText());
        assertEquals("api-token", actor.at("/auth/authType").asText());
        assertEquals(sim.apiTokens().get(0).id(), actor.at("/auth/tokenId").asText());
        assertEquals("bob-ci", actor.at("/auth/tokenLabel").asText());
        Secrecy.assertAbsent(data.toString(), SimFixture.BOB_TOKEN);
    }

    @Test
    void eventsPageWithMetaNextUntilTheEnd() {
        for (int i = 0; i < 5; i++) {
            http.get("/rest/api/2/myself", SimFixture.carol());
        }
        int total = sim.auditEntries().size();

        JsonNode first = http.get("/admin/v1/orgs/" + sim.orgId() + "/events?limit=4", SimHttp.bearer(ADMIN_KEY)).json();
        int seen = first.get("data").size();
        String next = first.at("/meta/next").asText();
        JsonNode page = first;
        while (page.at("/meta/next").isTextual()) {
            page = http.get("/admin/v1/orgs/" + sim.orgId() + "/events?limit=4&cursor=" + next,
                    SimHttp.bearer(ADMIN_KEY)).json();
            seen += page.get("data").size();
            next = page.at("/meta/next").asText();
        }

        assertEquals(total, seen);
        assertFalse(page.at("/links/next").isTextual());
    }

    @Test
    void withoutAnAdminKeyItIs401() {
        assertEquals(401, http.get("/admin/v1/orgs/" + sim.orgId() + "/events", SimFixture.bob()).status());
    }
}
