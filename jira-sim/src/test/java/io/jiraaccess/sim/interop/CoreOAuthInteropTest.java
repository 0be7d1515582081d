package io.jiraaccess.sim.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.oauth.OAuthAuthenticators;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.Secrecy;
import io.jiraaccess.sim.SimFixture;
import io.jiraaccess.sim.SimHttp;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.oauth.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Core's OAuth clients against the simulator's token endpoints: the two sides of the wire agree. */
class CoreOAuthInteropTest {

    private static final String SECRET = "interop-client-secret-0123";
    private static final String VERIFIER = "interop-verifier-0123456789-0123456789-0123456789";
    private static final String REDIRECT = "http://127.0.0.1:9/cb";

    private JiraSimulator sim;
    private SimHttp http;
    private final List<AuditEvent> events = new ArrayList<>();
    private AuthContext ctx;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
        sim.addOAuthClient(OAuthClientSpec.of("core-client", SECRET, "carol").redirectUris(REDIRECT)
                .scopes("read:jira-user", "read:jira-work", "offline_access", "READ"));
        ctx = new AuthContext(new InMemoryCredentialStore(),
                new TokenBroker(TokenBroker.Settings.DEFAULT, sim.clock(), null), events::add,
                new Fingerprinter(new byte[32]), sim.clock(), "interop");
    }

    @Test
    void clientCredentialsFromCoreAuthenticateAgainstTheSimulatorBothClientAuthMethods() {
        for (OAuthClientAuth method : OAuthClientAuth.values()) {
            OAuthClientCredentialsSpec spec = new OAuthClientCredentialsSpec(common("svc-" + method.id(), null),
                    URI.create(sim.baseUrl() + "/oauth/token"), "core-client", SecretValue.of(SECRET),
                    List.of("read:jira-user"), "api.atlassian.com", method);

            String status = call(OAuthAuthenticators.create(spec, ctx), "/rest/api/3/myself");

            assertEquals("200", status, method.id());
        }
        assertEquals(2, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_GRANT).count());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim) + events, SECRET);
    }

    @Test
    void coreRefreshTokenSourceRotatesAgainstTheDataCenterProviderAndKeepsWorkingAcrossExpiry() {
        String seed = dcRefreshToken();
        OAuthRefreshTokenSpec spec = new OAuthRefreshTokenSpec(common("dc-3lo", JiraFlavor.DATACENTER),
                URI.create(sim.baseUrl() + "/rest/oauth2/latest/token"),
                URI.create(sim.baseUrl() + "/rest/oauth2/latest/authorize"), "core-client", SecretValue.of(SECRET),
                SecretValue.of(seed), List.of("READ"), null);
        Authenticator auth = OAuthAuthenticators.create(spec, ctx);

        assertEquals("200", call(auth, "/rest/api/2/myself"));
        sim.advanceClock(Duration.ofSeconds(3601));
        assertEquals("200", call(auth, "/rest/api/2/myself"));

        long grants = sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_GRANT).count();
        assertEquals(3, grants); // the code exchange and two refreshes
        assertEquals(0, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_REVOKED).count());
        // the seed was rotated away: reusing it after the leeway revokes the family
        sim.advanceClock(Duration.ofMinutes(11));
        SimHttp.Reply reuse = http.postForm("/rest/oauth2/latest/token", null, "grant_type=refresh_token&client_id="
                + "core-client&client_secret=" + SECRET + "&refresh_token=" + enc(seed));
        assertNotEquals(200, reuse.status());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim) + events, SECRET, seed);
    }

    private String dcRefreshToken() {
        SimHttp.Reply redirect = http.get("/rest/oauth2/latest/authorize?client_id=core-client&response_type=code"
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=READ&code_challenge=" + Pkce.s256(VERIFIER)
                + "&code_challenge_method=S256&state=s", null);
        String location = redirect.header("Location").orElseThrow();
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        return http.postForm("/rest/oauth2/latest/token", null, "grant_type=authorization_code&client_id=core-client"
                + "&client_secret=" + SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier="
                + VERIFIER).json().get("refresh_token").asText();
    }

    private String call(Authenticator auth, String path) {
        URI uri = URI.create(sim.baseUrl() + path);
        AuthHeader header = auth.authorize("GET", uri);
        return String.valueOf(http.get(path, header.value()).status());
    }

    private CredentialSpec.Common common(String id, JiraFlavor flavor) {
        return new CredentialSpec.Common(id, URI.create(sim.baseUrl()), flavor, "carol", null, null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
