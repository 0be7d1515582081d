package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jiraaccess.core.connect.ConnectJwtMinter;
import io.jiraaccess.core.connect.Qsh;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.control.ConnectAppSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connect apps authenticate with JWTs minted by core and checked by core's verifier inside the simulator. */
class ConnectJwtTest {

    private static final String SECRET = "connect-shared-secret-0123456789abcdef";
    private static final String APP = "io.jiraaccess.test-app";

    private JiraSimulator sim;
    private SimHttp http;
    private ConnectJwtMinter minter;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
        http.postJson("/_sim/connect/apps", null, "{\"key\":\"" + APP + "\",\"sharedSecret\":\"" + SECRET
                + "\",\"name\":\"Test app\",\"projects\":[\"ABC\"]}");
        minter = new ConnectJwtMinter(APP, SecretValue.of(SECRET));
    }

    @Test
    void jwtInTheAuthorizationHeaderActsAsTheAppUser() {
        String token = minter.mint("GET", "/rest/api/3/myself", sim.now());

        SimHttp.Reply reply = http.get("/rest/api/3/myself", "JWT " + token);

        assertEquals(200, reply.status());
        assertEquals("app", reply.json().get("accountType").asText());
        AuditEntry login = logins(AuditKind.LOGIN).get(0);
        assertEquals("connect-jwt", login.auth().authType());
        assertEquals(APP, login.auth().tokenId());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SECRET, token);
    }

    @Test
    void jwtInTheQueryStringIsLeftOutOfTheQshAndOutOfTheRequestLog() {
        String token = minter.mint("GET", "/rest/api/2/search?jql=project%3DABC", sim.now());

        SimHttp.Reply reply = http.get("/rest/api/2/search?jql=project%3DABC&jwt=" + token, null);

        assertEquals(200, reply.status());
        assertEquals(1, reply.json().get("total").asInt());
        assertEquals(List.of("JWT"), sim.requests().stream().filter(r -> r.path().equals("/rest/api/2/search"))
                .map(r -> r.authScheme()).toList());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), SECRET, token);
    }

    @Test
    void tokenMintedForAnotherRequestIsRefusedWithTheQshReasonAudited() {
        String token = minter.mint("GET", "/rest/api/3/myself", sim.now());

        SimHttp.Reply reply = http.get("/rest/api/3/issue/ABC-1", "JWT " + token);

        assertEquals(401, reply.status());
        assertThat(logins(AuditKind.LOGIN_FAILED).get(0).description()).contains("QSH");
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), SECRET, token);
    }

    @Test
    void tokenExpiresOnTheSimulatedClock() {
        String token = minter.mint("GET", "/rest/api/3/myself", sim.now());

        sim.advanceClock(Duration.ofMinutes(10));

        assertEquals(401, http.get("/rest/api/3/myself", "JWT " + token).status());
        assertThat(logins(AuditKind.LOGIN_FAILED).get(0).description()).contains("EXPIRED");
    }

    @Test
    void tokenSignedWithAnotherSecretOrByAnUnknownAppIsRefused() {
        String forged = new ConnectJwtMinter(APP, SecretValue.of("another-secret-0123456789abcdefghij"))
                .mint("GET", "/rest/api/3/myself", sim.now());
        String stranger = new ConnectJwtMinter("io.unknown", SecretValue.of(SECRET))
                .mint("GET", "/rest/api/3/myself", sim.now());

        assertEquals(401, http.get("/rest/api/3/myself", "JWT " + forged).status());
        assertEquals(401, http.get("/rest/api/3/myself", "JWT " + stranger).status());
        assertEquals(2, logins(AuditKind.LOGIN_FAILED).size());
    }

    @Test
    void theAppUserSeesOnlyItsProjects() {
        String mine = minter.mint("GET", "/rest/api/3/issue/ABC-1", sim.now());
        String other = minter.mint("GET", "/rest/api/3/issue/OPS-1", sim.now());

        assertEquals(200, http.get("/rest/api/3/issue/ABC-1", "JWT " + mine).status());
        assertEquals(403, http.get("/rest/api/3/issue/OPS-1", "JWT " + other).status());
    }

    @Test
    void contextTokensAreNotAcceptedForRestCalls() {
        String context = minter.mint(Qsh.CONTEXT_QSH, sim.now(), null);

        assertEquals(401, http.get("/rest/api/3/myself", "JWT " + context).status());
    }

    private List<AuditEntry> logins(AuditKind kind) {
        return sim.auditEntries().stream().filter(e -> e.kind() == kind).toList();
    }
}
