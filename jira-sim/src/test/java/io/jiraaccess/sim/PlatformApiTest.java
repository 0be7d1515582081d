package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformApiTest {

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @Test
    void issueInsideTheUsersProjectsIsReturnedWithItsFields() {
        SimHttp.Reply reply = http.get("/rest/api/2/issue/ABC-1", SimFixture.alice());

        assertEquals(200, reply.status());
        assertEquals("ABC-1", reply.json().get("key").asText());
        assertEquals("First issue", reply.json().at("/fields/summary").asText());
        assertEquals("ABC", reply.json().at("/fields/project/key").asText());
        assertEquals("alice", reply.json().at("/fields/reporter/name").asText());
    }

    @Test
    void issueOutsideTheUsersProjectsIs403AndAnUnknownIssue404() {
        SimHttp.Reply outside = http.get("/rest/api/3/issue/OPS-1", SimFixture.bob());
        SimHttp.Reply unknown = http.get("/rest/api/3/issue/ABC-99", SimFixture.bob());

        assertEquals(403, outside.status());
        assertEquals(1, outside.json().get("errorMessages").size());
        assertEquals(404, unknown.status());
    }

    @Test
    void createdIssueGetsTheNextKeyAndCanBeReadBackInBothVersions() {
        SimHttp.Reply created = http.postJson("/rest/api/3/issue", SimFixture.bob(),
                "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"From CI\",\"issuetype\":{\"name\":\"Bug\"},"
                        + "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Build 42 failed\"}]}]}}}");

        assertEquals(201, created.status());
        assertEquals("ABC-2", created.json().get("key").asText());
        JsonNode v2 = http.get("/rest/api/2/issue/ABC-2", SimFixture.alice()).json();
        assertEquals("Build 42 failed", v2.at("/fields/description").asText());
        JsonNode v3 = http.get("/rest/api/3/issue/ABC-2", SimFixture.bob()).json();
        assertEquals("doc", v3.at("/fields/description/type").asText());
        assertEquals("Bug", v3.at("/fields/issuetype/name").asText());
    }

    @Test
    void creatingAnIssueOutsideTheUsersProjectsIs403() {
        SimHttp.Reply reply = http.postJson("/rest/api/2/issue", SimFixture.bob(),
                "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"x\",\"issuetype\":{\"name\":\"Task\"}}}");

        assertEquals(403, reply.status());
        assertEquals(1, sim.directory().issuesIn(List.of("OPS")).size());
    }

    @Test
    void createIssueValidationNamesTheMissingField() {
        SimHttp.Reply noSummary = http.postJson("/rest/api/2/issue", SimFixture.alice(),
                "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"issuetype\":{\"name\":\"Task\"}}}");
        SimHttp.Reply badType = http.postJson("/rest/api/2/issue", SimFixture.alice(),
                "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"s\",\"issuetype\":{\"name\":\"Saga\"}}}");

        assertEquals(400, noSummary.status());
        assertEquals("You must specify a summary of the issue.", noSummary.json().at("/errors/summary").asText());
        assertEquals(400, badType.status());
        assertEquals("Specify a valid issue type", badType.json().at("/errors/issuetype").asText());
    }

    @Test
    void searchByProjectEqualsAndInListsOnlyMatchingIssues() {
        sim.directory().addIssue("ABC", "Second", null, "Task", sim.user("alice").accountId(), sim.now());

        JsonNode byEquals = http.get("/rest/api/2/search?jql=project%20%3D%20ABC", SimFixture.alice()).json();
        JsonNode byIn = http.postJson("/rest/api/2/search", SimFixture.alice(),
                "{\"jql\":\"project in (ABC, \\\"OPS\\\") ORDER BY created DESC\",\"maxResults\":2,\"startAt\":1}").json();

        assertEquals(2, byEquals.get("total").asInt());
        assertEquals(List.of("ABC-1", "ABC-2"), keys(byEquals));
        assertEquals(3, byIn.get("total").asInt());
        assertEquals(List.of("OPS-1", "ABC-2"), keys(byIn));
    }

    @Test
    void searchNamingAProjectTheUserCannotSeeIsJirasUnknownProject400() {
        SimHttp.Reply reply = http.get("/rest/api/3/search?jql=project%3DOPS", SimFixture.bob());

        assertEquals(400, reply.status());
        assertEquals("The value 'OPS' does not exist for the field 'project'.",
                reply.json().get("errorMessages").get(0).asText());
    }

    @Test
    void unsupportedJqlIsA400() {
        SimHttp.Reply reply = http.get("/rest/api/2/search?jql=assignee%3Dcurrentuser()", SimFixture.alice());

        assertEquals(400, reply.status());
        assertThat(reply.json().get("errorMessages").get(0).asText()).startsWith("Error in the JQL Query");
    }

    @Test
    void enhancedSearchPagesWithTokensAndReturnsOnlyIdsUnlessFieldsAreAsked() {
        for (int i = 0; i < 3; i++) {
            sim.directory().addIssue("ABC", "More " + i, null, "Task", sim.user("bob").accountId(), sim.now());
        }
        JsonNode first = http.get("/rest/api/3/search/jql?jql=project%3DABC&maxResults=3", SimFixture.bob()).json();
        JsonNode second = http.postJson("/rest/api/3/search/jql", SimFixture.bob(),
                "{\"jql\":\"project = ABC\",\"maxResults\":3,\"fields\":[\"summary\"],\"nextPageToken\":\""
                        + first.get("nextPageToken").asText() + "\"}").json();

        assertEquals(3, first.get("issues").size());
        assertFalse(first.get("isLast").asBoolean());
        assertEquals(List.of("id"), fieldNames(first.get("issues").get(0)));
        assertTrue(second.get("isLast").asBoolean());
        assertEquals("More 2", second.at("/issues/0/fields/summary").asText());
        assertFalse(second.has("nextPageToken"));
    }

    @Test
    void enhancedSearchRefusesUnboundedQueries() {
        assertEquals(400, http.get("/rest/api/3/search/jql?jql=ORDER%20BY%20created", SimFixture.bob()).status());
    }

    @Test
    void projectIsVisibleOnlyToItsMembers() {
        SimHttp.Reply cloud = http.get("/rest/api/3/project/ABC", SimFixture.bob());
        SimHttp.Reply dc = http.get("/rest/api/2/project/OPS", SimFixture.carol());
        SimHttp.Reply denied = http.get("/rest/api/2/project/ABC", SimFixture.carol());
        SimHttp.Reply missing = http.get("/rest/api/2/project/NOPE", SimFixture.carol());

        assertEquals("ABC", cloud.json().get("key").asText());
        assertEquals("software", cloud.json().get("projectTypeKey").asText());
        assertEquals("OPS", dc.json().get("key").asText());
        assertEquals(403, denied.status());
        assertEquals(404, missing.status());
    }

    @Test
    void unknownPathIs404AndWrongMethod405InJiraShape() {
        SimHttp.Reply unknown = http.get("/rest/api/2/nothing-here", SimFixture.alice());
        SimHttp.Reply method = http.delete("/rest/api/2/myself", SimFixture.alice());

        assertEquals(404, unknown.status());
        assertTrue(unknown.json().has("errorMessages"));
        assertEquals(405, method.status());
        assertTrue(method.json().has("errors"));
    }

    @Test
    void cloudGatewayPrefixServesTheSameApi() {
        SimHttp.Reply reply = http.get("/ex/jira/" + sim.cloudId() + "/rest/api/3/myself", SimFixture.bob());
        SimHttp.Reply wrongSite = http.get("/ex/jira/not-this-site/rest/api/3/myself", SimFixture.bob());

        assertEquals(200, reply.status());
        assertEquals(404, wrongSite.status());
    }

    private static List<String> keys(JsonNode result) {
        List<String> keys = new ArrayList<>();
        result.get("issues").forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
