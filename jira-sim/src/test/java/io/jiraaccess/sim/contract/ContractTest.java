package io.jiraaccess.sim.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.report.ValidationReport;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.SimFixture;
import io.jiraaccess.sim.SimHttp;
import io.jiraaccess.sim.control.OAuthClientSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer the simulator gives on a path that Atlassian's contracts describe, success and error alike,
 * validates against the contract (Cloud file for /rest/api/3, Data Center file for /rest/api/2), and so do
 * the requests that produced them.
 */
class ContractTest {

    private static final String ISSUE = "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"Contract\","
            + "\"issuetype\":{\"name\":\"Task\"},\"description\":\"plain text\"}}";
    private static final String ISSUE_V3 = "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"Contract\","
            + "\"issuetype\":{\"name\":\"Task\"},\"description\":{\"type\":\"doc\",\"version\":1,\"content\":["
            + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}]}}}";

    private static final String CONNECT_SECRET = "contract-connect-secret-0123456789abcdef";

    private JiraSimulator sim;
    private SimHttp http;
    private final List<String> failures = new ArrayList<>();
    private int checked;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @Test
    void cloudAnswersValidateAgainstTheCloudPlatformContract() {
        sim.addOAuthClient(OAuthClientSpec.of("svc", "svc-secret-123", "bob")
                .scopes("read:jira-work", "write:jira-work", "read:jira-user"));
        String oauth = "Bearer " + http.postForm("/oauth/token", null,
                "grant_type=client_credentials&client_id=svc&client_secret=svc-secret-123").json()
                .get("access_token").asText();
        String bob = SimFixture.bob();
        String admin = SimFixture.alice();
        for (String auth : List.of(bob, oauth)) {
            exchange("GET", "/rest/api/3/myself", auth, null);
            exchange("GET", "/rest/api/3/issue/ABC-1", auth, null);
            exchange("GET", "/rest/api/3/issue/ABC-1?fields=summary,status", auth, null);
            exchange("GET", "/rest/api/3/issue/ABC-404", auth, null);
            exchange("POST", "/rest/api/3/issue", auth, ISSUE_V3);
            exchange("GET", "/rest/api/3/search?jql=project%20%3D%20ABC&maxResults=1", auth, null);
            exchange("POST", "/rest/api/3/search", auth, "{\"jql\":\"project in (ABC)\",\"startAt\":0,\"maxResults\":5}");
            exchange("GET", "/rest/api/3/search/jql?jql=project%3DABC&fields=summary", auth, null);
            exchange("GET", "/rest/api/3/search/jql?jql=project%3DABC", auth, null);
            exchange("POST", "/rest/api/3/search/jql", auth, "{\"jql\":\"project = ABC\",\"maxResults\":1}");
            exchange("GET", "/rest/api/3/project/ABC", auth, null);
            exchange("GET", "/rest/api/3/project/NOPE", auth, null);
        }
        sim.addConnectApp(new io.jiraaccess.sim.control.ConnectAppSpec("contract-app", CONNECT_SECRET, null,
                List.of("ABC")));
        for (String target : List.of("/rest/api/3/myself", "/rest/api/3/issue/ABC-1", "/rest/api/3/project/ABC",
                "/rest/api/3/search?jql=project%3DABC")) {
            exchange("GET", target, connect("GET", target), null);
        }
        exchange("POST", "/rest/api/3/search/jql", connect("POST", "/rest/api/3/search/jql"),
                "{\"jql\":\"project = ABC\",\"fields\":[\"summary\"]}");
        exchange("POST", "/rest/api/3/issue", bob, "{\"fields\":{\"project\":{\"key\":\"ABC\"}}}");
        exchange("POST", "/rest/api/3/issue", bob, "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"s\","
                + "\"issuetype\":{\"name\":\"Task\"}}}");
        exchange("POST", "/rest/api/3/issue", SimHttp.basic("bob@example.com", "wrong"), ISSUE_V3);
        exchange("GET", "/rest/api/3/myself", null, null);
        exchange("GET", "/rest/api/3/search?jql=project%3DOPS", bob, null);
        exchange("GET", "/rest/api/3/auditing/record?limit=20", admin, null);
        exchange("GET", "/rest/api/3/auditing/record?offset=2&limit=3&filter=api-token", admin, null);
        exchange("GET", "/rest/api/3/auditing/record", bob, null);

        assertEquals(List.of(), failures);
        assertEquals(37, checked);
    }

    @Test
    void dataCenterAnswersValidateAgainstTheDataCenterContract() {
        String carol = SimFixture.carol();
        String pat = "Bearer " + sim.createPat("alice", "contract", 5).rawToken();
        for (String auth : List.of(carol, pat)) {
            exchange("GET", "/rest/api/2/myself", auth, null);
            exchange("GET", "/rest/api/2/issue/OPS-1", auth, null);
            exchange("GET", "/rest/api/2/issue/OPS-1?fields=summary", auth, null);
            exchange("GET", "/rest/api/2/search?jql=project%20%3D%20OPS", auth, null);
            exchange("POST", "/rest/api/2/search", auth, "{\"jql\":\"project = OPS\",\"maxResults\":10,\"fields\":[\"summary\"]}");
            exchange("GET", "/rest/api/2/project/OPS", auth, null);
            exchange("GET", "/rest/api/2/issue/OPS-99", auth, null);
            exchange("GET", "/rest/api/2/project/NOPE", auth, null);
        }
        exchange("POST", "/rest/api/2/issue", SimFixture.alice(), ISSUE);
        exchange("POST", "/rest/api/2/issue", SimFixture.alice(), "{\"fields\":{}}");
        exchange("GET", "/rest/api/2/myself", SimHttp.basic("carol", "wrong"), null);
        exchange("GET", "/rest/api/2/search?jql=bogus", carol, null);

        assertEquals(List.of(), failures);
        assertEquals(20, checked);
    }

    @Test
    void theValidatorRejectsABodyThatBreaksTheContract() {
        String myself = http.get("/rest/api/3/myself", SimFixture.bob()).body();
        String broken = myself.replaceFirst("\\{", "{\"password\":\"x\",");

        ValidationReport accepted = Contracts.validateResponse(Contracts.Flavour.CLOUD, "/rest/api/3/myself",
                com.atlassian.oai.validator.model.Request.Method.GET, 200, myself);
        ValidationReport rejected = Contracts.validateResponse(Contracts.Flavour.CLOUD, "/rest/api/3/myself",
                com.atlassian.oai.validator.model.Request.Method.GET, 200, broken);

        assertTrue(!accepted.hasErrors(), accepted.getMessages().toString());
        assertTrue(rejected.hasErrors());
        assertTrue(rejected.getMessages().toString().contains("password"));
    }

    private String connect(String method, String pathAndQuery) {
        return "JWT " + new io.jiraaccess.core.connect.ConnectJwtMinter("contract-app",
                io.jiraaccess.core.secret.SecretValue.of(CONNECT_SECRET)).mint(method, pathAndQuery, sim.now());
    }

    private void exchange(String method, String pathAndQuery, String authorization, String body) {
        String contentType = body == null ? null : "application/json";
        SimHttp.Reply reply = http.send(method, pathAndQuery, authorization, body, contentType);
        assertTrue(reply.status() < 500, pathAndQuery + " -> " + reply.status());
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Contracts.Flavour flavour = Contracts.describing(path).orElseThrow();
        ValidationReport report = Contracts.validate(flavour, method, pathAndQuery, authorization, contentType, body,
                reply.status(), reply.header("Content-Type").orElse(null), reply.body());
        checked++;
        if (report.hasErrors()) {
            failures.add(method + " " + pathAndQuery + " -> " + reply.status() + ": " + report.getMessages());
        }
        if (reply.status() >= 400) {
            // every error body is Jira's ErrorCollection, the schema Cloud's POST /issue 400 names
            ValidationReport error = Contracts.validateResponse(Contracts.Flavour.CLOUD, "/rest/api/3/issue",
                    com.atlassian.oai.validator.model.Request.Method.POST, 400, reply.body());
            if (error.hasErrors()) {
                failures.add(method + " " + pathAndQuery + " -> " + reply.status() + " error body: " + error.getMessages());
            }
        }
    }
}
