package io.jiraaccess.sim.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.atlassian.oai.validator.report.ValidationReport;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.Secrecy;
import io.jiraaccess.sim.SimFixture;
import io.jiraaccess.sim.contract.Contracts;
import io.jiraaccess.sim.control.ConnectAppSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Core's {@link JiraClient} talks to the simulator through a recording proxy; every request it sends to a path
 * Atlassian's contracts describe, and every answer it gets, validates against them.
 */
class CoreClientContractTest {

    private static final String CONNECT_SECRET = "client-contract-connect-secret-0123456789";
    private static final String CREATE_V3 = "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"From core\","
            + "\"issuetype\":{\"name\":\"Task\"},\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[]}}}";
    private static final String CREATE_V2 = "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"From core\","
            + "\"issuetype\":{\"name\":\"Bug\"},\"description\":\"text\"}}";

    private JiraSimulator sim;
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        sim.addConnectApp(new ConnectAppSpec("core-client-app", CONNECT_SECRET, null, List.of("ABC")));
    }

    @Test
    void everyRequestCoresClientSendsAndEveryAnswerItGetsValidate() throws Exception {
        String pat = sim.createPat("carol", "core-client", 30).rawToken();
        int described;
        try (RecordingProxy proxy = new RecordingProxy(sim.baseUrl())) {
            JiraClient cloud = client(new ApiTokenSpec(common("cloud", proxy), "bob@example.com",
                    SecretValue.of(SimFixture.BOB_TOKEN), null));
            JiraClient dc = client(new PatSpec(common("dc", proxy), SecretValue.of(pat), null));
            JiraClient app = client(new ConnectJwtSpec(common("app", proxy), "core-client-app",
                    SecretValue.of(CONNECT_SECRET), null));
            for (JiraClient c : List.of(cloud, app)) {
                c.send(JiraRequest.get("/rest/api/3/myself"));
                c.send(JiraRequest.get("/rest/api/3/issue/ABC-1?fields=summary,status"));
                c.send(JiraRequest.post("/rest/api/3/issue", CREATE_V3));
                c.send(JiraRequest.get("/rest/api/3/search?jql=project%20%3D%20ABC&maxResults=10"));
                c.send(JiraRequest.post("/rest/api/3/search/jql", "{\"jql\":\"project = ABC\",\"fields\":[\"summary\"]}"));
                c.send(JiraRequest.get("/rest/api/3/project/ABC"));
            }
            dc.send(JiraRequest.get("/rest/api/2/myself"));
            dc.send(JiraRequest.get("/rest/api/2/issue/OPS-1"));
            dc.send(JiraRequest.post("/rest/api/2/issue", CREATE_V2));
            dc.send(JiraRequest.get("/rest/api/2/search?jql=project%3DOPS"));
            dc.send(JiraRequest.post("/rest/api/2/search", "{\"jql\":\"project = OPS\",\"maxResults\":5}"));
            dc.send(JiraRequest.get("/rest/api/2/project/OPS"));

            described = validate(proxy.exchanges());
        }
        assertEquals(List.of(), failures);
        assertEquals(18, described);
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim) + events.stream().map(AuditEvent::toJson).toList(),
                pat, SimFixture.BOB_TOKEN, CONNECT_SECRET);
    }

    private int validate(List<RecordingProxy.Exchange> exchanges) {
        int described = 0;
        for (RecordingProxy.Exchange e : exchanges) {
            String path = e.pathAndQuery().contains("?") ? e.pathAndQuery().substring(0, e.pathAndQuery().indexOf('?'))
                    : e.pathAndQuery();
            var flavour = Contracts.describing(path);
            if (flavour.isEmpty()) {
                continue;
            }
            described++;
            if (e.status() >= 300) {
                failures.add(e.method() + " " + e.pathAndQuery() + " was answered " + e.status() + ": " + e.responseBody());
            }
            ValidationReport report = Contracts.validate(flavour.get(), e.method(), e.pathAndQuery(), e.authorization(),
                    e.contentType(), e.body(), e.status(), e.responseContentType(), e.responseBody());
            if (report.hasErrors()) {
                failures.add(e.method() + " " + e.pathAndQuery() + ": " + report.getMessages());
            }
        }
        return described;
    }

    private JiraClient client(CredentialSpec spec) {
        AuthContext ctx = new AuthContext(new InMemoryCredentialStore(), new TokenBroker(), events::add,
                new Fingerprinter(new byte[32]), sim.clock(), "contract");
        return JiraClient.builder(Authenticators.create(spec, ctx)).events(events::add)
                .fingerprinter(new Fingerprinter(new byte[32])).serviceName("contract").clock(sim.clock()).build();
    }

    private static CredentialSpec.Common common(String id, RecordingProxy proxy) {
        return new CredentialSpec.Common(id, URI.create(proxy.baseUrl()), null, null, null, null);
    }
}
