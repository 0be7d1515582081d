package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.http.RequestLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    @Test
    void cloudBasicAuthWithApiTokenAuthenticatesAndIsAuditedAsApiTokenUse() {
        SimHttp.Reply reply = http.get("/rest/api/3/myself", SimFixture.bob());

        assertEquals(200, reply.status());
        assertEquals("bob@example.com", reply.json().get("emailAddress").asText());
        List<AuditEntry> logins = logins(AuditKind.LOGIN);
        assertEquals(1, logins.size());
        assertEquals("api-token", logins.get(0).auth().authType());
        assertEquals("bob-ci", logins.get(0).auth().tokenLabel());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SimFixture.BOB_TOKEN);
    }

    @Test
    void expiredApiTokenIsRejectedWith401AndAFailedLoginRecord() {
        sim.advanceClock(Duration.ofDays(31));

        SimHttp.Reply reply = http.get("/rest/api/3/myself", SimFixture.bob());

        assertEquals(401, reply.status());
        assertEquals(List.of("Client must be authenticated to access this resource."),
                List.of(reply.json().get("errorMessages").get(0).asText()));
        assertEquals(1, logins(AuditKind.LOGIN_FAILED).size());
        assertThat(logins(AuditKind.LOGIN_FAILED).get(0).description()).contains("expired API token");
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SimFixture.BOB_TOKEN);
    }

    @Test
    void dataCenterBasicAuthWithPasswordAnswersTheDataCenterUserShape() {
        SimHttp.Reply reply = http.get("/rest/api/2/myself", SimFixture.alice());

        assertEquals(200, reply.status());
        assertEquals("alice", reply.json().get("name").asText());
        assertEquals("JIRAUSER10100", reply.json().get("key").asText());
        assertEquals("password", logins(AuditKind.LOGIN).get(0).auth().authType());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SimFixture.ALICE_PASSWORD);
    }

    @Test
    void basicAuthWithEmailAndPasswordGetsCloudsDeprecationMessage() {
        SimHttp.Reply reply = http.get("/rest/api/3/myself", SimHttp.basic("alice@example.com", SimFixture.ALICE_PASSWORD));

        assertEquals(401, reply.status());
        assertThat(reply.json().get("errorMessages").get(0).asText())
                .startsWith("Basic authentication with passwords is deprecated.");
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SimFixture.ALICE_PASSWORD);
    }

    @Test
    void wrongPasswordUnknownBearerAndUnknownSchemeAreAll401WithJiraErrorShape() {
        for (String authorization : List.of(SimHttp.basic("alice", "wrong-password"), SimHttp.bearer("no-such-token"),
                "Negotiate abc", "Basic %%%notbase64", SimHttp.basic("nobody", "x"))) {
            SimHttp.Reply reply = http.get("/rest/api/2/myself", authorization);
            assertEquals(401, reply.status(), authorization);
            assertEquals(0, reply.json().get("errors").size());
            assertEquals(1, reply.json().get("errorMessages").size());
        }
        assertEquals(5, logins(AuditKind.LOGIN_FAILED).size());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), "wrong-password", "no-such-token");
    }

    @Test
    void anonymousRequestToARestResourceIs401() {
        SimHttp.Reply reply = http.get("/rest/api/2/myself", null);

        assertEquals(401, reply.status());
        assertEquals("Client must be authenticated to access this resource.",
                reply.json().get("errorMessages").get(0).asText());
    }

    @Test
    void patAuthenticatesAsBearerAndRecordsLastAccess() {
        var minted = sim.createPat("carol", "ci", 10);
        sim.advanceClock(Duration.ofHours(1));
        java.time.Instant before = sim.now();

        SimHttp.Reply reply = http.get("/rest/api/2/myself", SimHttp.bearer(minted.rawToken()));

        java.time.Instant after = sim.now();
        assertEquals(200, reply.status());
        assertEquals("carol", reply.json().get("name").asText());
        assertThat(minted.token().lastAccessedAt()).isBetween(before, after);
        assertEquals("personal-access-token", logins(AuditKind.LOGIN).get(0).auth().authType());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), minted.rawToken());
    }

    @Test
    void patStopsWorkingAtItsExpiryOnTheSimulatedClock() {
        var minted = sim.createPat("carol", "short", 1);
        assertEquals(200, http.get("/rest/api/2/myself", SimHttp.bearer(minted.rawToken())).status());

        sim.advanceClock(Duration.ofDays(1));

        assertEquals(401, http.get("/rest/api/2/myself", SimHttp.bearer(minted.rawToken())).status());
    }

    @Test
    void requestLogNamesTheSchemeButNeverTheCredential() {
        http.get("/rest/api/3/myself", SimFixture.bob());
        http.get("/rest/api/2/myself", SimHttp.basic("alice", "bad"));

        List<RequestLog.Entry> entries = sim.requests();
        assertEquals(2, entries.size());
        assertEquals(new RequestLog.Entry(entries.get(0).seq(), entries.get(0).at(), "GET", "/rest/api/3/myself",
                "Basic", "bob", 200, java.util.Set.of(), io.jiraaccess.sim.http.Router.Effect.READ,
                entries.get(0).receivedAt(), entries.get(0).userAgent()), entries.get(0));
        assertThat(entries.get(0).receivedAt()).isBeforeOrEqualTo(entries.get(0).at());
        // SimHttp sets no User-Agent: the JDK client names itself
        assertThat(entries.get(0).userAgent()).startsWith("Java-http-client/");
        assertEquals(401, entries.get(1).status());
        assertEquals("Basic", entries.get(1).authScheme());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), SimFixture.BOB_TOKEN, "bad-never-used", SimFixture.ALICE_PASSWORD);
    }

    private List<AuditEntry> logins(AuditKind kind) {
        return sim.auditEntries().stream().filter(e -> e.kind() == kind).toList();
    }
}
