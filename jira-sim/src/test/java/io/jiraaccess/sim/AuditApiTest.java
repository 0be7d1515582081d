package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditApiTest {

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @Test
    void cloudRecordOfABasicApiTokenRequestShowsApiTokenAuthAndWhichToken() {
        http.get("/rest/api/3/myself", SimFixture.bob());
        String tokenId = sim.apiTokens().get(0).id();

        JsonNode page = http.get("/rest/api/3/auditing/record?filter=api-token&limit=10", SimFixture.alice()).json();

        JsonNode login = first(page.get("records"), "User authenticated");
        assertEquals("api-token", login.get("eventSource").asText());
        assertEquals(sim.user("bob").accountId(), login.get("authorAccountId").asText());
        assertEquals("Basic authentication with an API token", login.get("description").asText());
        assertEquals("API_TOKEN", login.at("/associatedItems/0/typeName").asText());
        assertEquals(tokenId, login.at("/associatedItems/0/id").asText());
        assertEquals("bob-ci", login.at("/associatedItems/0/name").asText());
        Secrecy.assertAbsent(page.toString(), SimFixture.BOB_TOKEN);
    }

    @Test
    void cloudRecordsPageByOffsetNewestFirst() {
        for (int i = 0; i < 4; i++) {
            http.get("/rest/api/2/myself", SimFixture.carol());
        }
        JsonNode all = http.get("/rest/api/3/auditing/record", SimFixture.alice()).json();
        JsonNode page = http.get("/rest/api/3/auditing/record?offset=1&limit=2", SimFixture.alice()).json();

        int total = all.get("total").asInt();
        assertEquals(total + 1, page.get("total").asInt());
        assertEquals(2, page.get("records").size());
        assertTrue(page.at("/records/0/id").asLong() > page.at("/records/1/id").asLong());
        assertEquals(1, page.get("offset").asInt());
    }

    @Test
    void cloudRecordsFilterByTimeWindowOnTheSimulatedClock() {
        http.get("/rest/api/2/myself", SimFixture.carol());
        sim.advanceClock(Duration.ofDays(2));
        String from = URLEncoder.encode(sim.now().minus(Duration.ofHours(1)).toString(), StandardCharsets.UTF_8);
        http.get("/rest/api/2/myself", SimFixture.carol());

        JsonNode page = http.get("/rest/api/3/auditing/record?from=" + from, SimFixture.alice()).json();

        // carol's second login and alice's own login for this query
        assertEquals(2, page.get("total").asInt());
    }

    @Test
    void nonAdminsCannotReadTheAuditLog() {
        assertEquals(403, http.get("/rest/api/3/auditing/record", SimFixture.bob()).status());
        assertEquals(403, http.get("/rest/auditing/1.0/events", SimFixture.carol()).status());
    }

    @Test
    void dataCenterEventsPageWithTimestampIdCursorsWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            http.get("/rest/api/2/myself", SimFixture.carol());
        }
        sim.createPat("carol", "rotation", 30);
        // the first page request is itself a login and is on page one; later ones are newer than the cursor
        int expected = sim.auditEntries().size() + 1;

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        while (true) {
            String path = "/rest/auditing/1.0/events?limit=6" + (cursor == null ? ""
                    : "&pageCursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = http.get(path, SimFixture.alice()).json();
            pages++;
            page.get("entities").forEach(e -> seen.add(e.get("timestamp").asText() + e.at("/type/action").asText()
                    + e.get("extraAttributes").toString()));
            JsonNode paging = page.get("pagingInfo");
            if (paging.get("lastPage").asBoolean()) {
                break;
            }
            cursor = paging.get("nextPageCursor").asText();
            assertTrue(cursor.matches("\\d+,\\d+"), cursor);
        }
        assertEquals(11, expected); // 3 users, 1 API token, 5 logins, 1 PAT, 1 login of the first page
        assertEquals(2, pages);
        assertEquals(expected, seen.size());
        List<String> timestamps = seen.stream().map(text -> text.substring(0, 24)).toList();
        List<String> newestFirst = new ArrayList<>(timestamps);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertEquals(newestFirst, timestamps);
    }

    @Test
    void patCreationShowsInDataCenterEventsWithAPersonalAccessTokensKey() {
        http.postJson("/rest/pat/latest/tokens", SimFixture.carol(), "{\"name\":\"ci\",\"expirationDuration\":7}");

        JsonNode events = http.get("/rest/auditing/1.0/events?limit=50", SimFixture.alice()).json().get("entities");

        JsonNode created = null;
        for (JsonNode event : events) {
            if (event.at("/type/actionI18nKey").asText().contains("personal.access.tokens.created")) {
                created = event;
            }
        }
        assertEquals("carol", created.at("/author/name").asText());
        assertEquals("ci", created.at("/affectedObjects/0/name").asText());
        assertEquals("PERSONAL_ACCESS_TOKEN", created.at("/affectedObjects/0/type").asText());
        assertFalse(created.toString().contains("rawToken"));
    }

    @Test
    void badTimeParameterIsA400() {
        SimHttp.Reply reply = http.get("/rest/api/3/auditing/record?from=yesterday", SimFixture.alice());

        assertEquals(400, reply.status());
        assertEquals(1, reply.json().get("errorMessages").size());
    }

    private static JsonNode first(JsonNode records, String summary) {
        for (JsonNode record : records) {
            if (summary.equals(record.get("summary").asText())) {
                return record;
            }
        }
        throw new AssertionError("no record '" + summary + "' in " + records);
    }
}
