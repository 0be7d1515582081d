package io.jiraaccess.core.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.KeycloakServer;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client credentials against a real Keycloak: the form body, audience, scopes and client authentication as sent. */
class ClientCredentialsIT {
    private static final String REALM = "client-credentials";
    private static final String SECRET = "svc-secret-" + Long.toHexString(System.nanoTime()) + "-7c1e";
    private static KeycloakServer keycloak;

    private final TestClock clock = new TestClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final List<String> tokens = new ArrayList<>();
    private CapturedLogs logs;
    private AuthContext ctx;

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        keycloak.createRealm(REALM, Map.of("accessTokenLifespan", 600));
        String scope = keycloak.createClientScope(REALM, "read:jira-work");
        for (String client : List.of("svc-post", "svc-audience", "svc-basic", "svc-wrong")) {
            String id = keycloak.createClient(REALM, Map.of("clientId", client, "secret", SECRET,
                    "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false));
            keycloak.addOptionalScope(REALM, id, scope);
        }
    }

    @BeforeEach
    void context() {
        logs = CapturedLogs.start();
        ctx = new AuthContext(new InMemoryCredentialStore(), new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null),
                events, new Fingerprinter(new byte[32]), clock, "it-runner");
    }

    @AfterEach
    void noSecretsEscaped() {
        logs.close();
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(SECRET);
        SecretLeaks.assertAbsent(secrets, logs.all(), events.ndjson());
    }

    private OAuthClientCredentialsSpec spec(String clientId, String secret, String audience, OAuthClientAuth auth) {
        CredentialSpec.Common common = new CredentialSpec.Common(clientId, URI.create("https://jira.example.com"),
                null, null, null, AllowPolicy.DEFAULT);
        return new OAuthClientCredentialsSpec(common, keycloak.tokenEndpoint(REALM), clientId, SecretValue.of(secret),
                List.of("read:jira-work"), audience, auth);
    }

    private AccessToken fetch(OAuthClientCredentialsSpec spec) {
        AccessToken t = OAuthAuthenticators.create(spec, ctx).accessToken();
        tokens.add(t.value().reveal());
        return t;
    }

    /** Keycloak sends expires_in = exp - its own now, which lags a second behind on a loaded machine. */
    private void assertServersLifetime(AccessToken token) {
        java.time.Instant latest = clock.instant().plusSeconds(600);
        assertTrue(!token.expiresAt().isAfter(latest) && !token.expiresAt().isBefore(latest.minusSeconds(2)),
                "expected the realm's 600 s lifetime, got expiry " + token.expiresAt() + " for now " + clock.instant());
    }

    @Test
    void tokenIsIssuedWithTheRequestedScopeAndTheServersLifetime() {
        AccessToken token = fetch(spec("svc-post", SECRET, null, null));

        assertServersLifetime(token);
        assertTrue(token.scopes().contains("read:jira-work"), token.scopes().toString());
        List<JsonNode> logins = keycloak.events(REALM, "svc-post", "CLIENT_LOGIN");
        assertEquals(1, logins.size());
        assertEquals("client-secret", logins.get(0).path("details").path("client_auth_method").asText());
        assertTrue(logins.get(0).path("details").path("scope").asText().contains("read:jira-work"));
        AuditEvent issued = events.withAction("token.issued").get(0);
        assertEquals("svc-post", issued.credentialId());
        assertEquals(ctx.fingerprinter().fingerprint(token.value()), issued.getString("jira_access.token.fingerprint"));
    }

    @Test
    void audienceParameterIsAcceptedAlongsideTheGrant() {
        AccessToken token = fetch(spec("svc-audience", SECRET, "api.atlassian.com", null));

        assertServersLifetime(token);
        assertEquals(1, keycloak.countEvents(REALM, "svc-audience", "CLIENT_LOGIN"));
        assertEquals(0, keycloak.countEvents(REALM, "svc-audience", "CLIENT_LOGIN_ERROR"));
    }

    @Test
    void basicClientAuthenticationWorksWhenConfigured() {
        fetch(spec("svc-basic", SECRET, null, OAuthClientAuth.CLIENT_SECRET_BASIC));
        assertEquals(1, keycloak.countEvents(REALM, "svc-basic", "CLIENT_LOGIN"));
    }

    @Test
    void wrongSecretFailsWithTheCredentialAndOAuthErrorButNeverASecret() {
        String wrong = "not-the-secret-" + Long.toHexString(System.nanoTime());
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> fetch(spec("svc-wrong", wrong, null, null)));

        assertTrue(e.getMessage().startsWith("credential svc-wrong: the token endpoint " + keycloak.tokenEndpoint(REALM)
                + " refused the client_credentials grant with HTTP 401: unauthorized_client"), e.getMessage());
        assertEquals(1, keycloak.countEvents(REALM, "svc-wrong", "CLIENT_LOGIN_ERROR"));
        AuditEvent failed = events.withAction("token.refresh_failed").get(0);
        assertEquals(e.getMessage(), failed.getString("event.reason"));
        SecretLeaks.assertAbsent(List.of(wrong, SECRET), SecretLeaks.messages(e), events.ndjson(), logs.all());
    }
}
