package io.jiraaccess.core.oauth;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.KeycloakServer;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-time consent driven end to end: Keycloak's login form, the loopback redirect, the code exchange. */
class PkceAuthorizationIT {
    private static final String REALM = "consent";
    private static final String CLIENT = "jira-access-cli";
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
    private static KeycloakServer keycloak;

    @TempDir
    Path dir;

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        keycloak.createRealm(REALM, Map.of("revokeRefreshToken", true, "refreshTokenMaxReuse", 1));
        // a public client that must use PKCE with S256, redirecting to any loopback port
        keycloak.createClient(REALM, Map.of("clientId", CLIENT, "publicClient", true, "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false, "redirectUris", List.of("http://127.0.0.1:*"),
                "attributes", Map.of("pkce.code.challenge.method", "S256")));
        keycloak.createUser(REALM, "carol", PASSWORD);
    }

    @Test
    void consentInTheBrowserStoresARefreshTokenThatTheCredentialThenUses() throws Exception {
        CredentialSpec.Common common = new CredentialSpec.Common("consented", URI.create("https://jira.example.com"),
                null, null, null, AllowPolicy.DEFAULT);
        OAuthRefreshTokenSpec spec = new OAuthRefreshTokenSpec(common, keycloak.tokenEndpoint(REALM),
                keycloak.authorizationEndpoint(REALM), CLIENT, null, null, List.of(), null);
        TestClock clock = new TestClock();
        FileCredentialStore store = new FileCredentialStore(dir);
        RecordingEventSink events = new RecordingEventSink();
        List<String> secrets = new ArrayList<>();
        String page;
        URI authorizeUrl;

        try (CapturedLogs logs = CapturedLogs.start()) {
            PkceAuthorization consent = new PkceAuthorization(spec, store, new JdkHttpSender(), clock,
                    new PkceAuthorization.Settings(0, "/callback", Duration.ofMinutes(1)));
            PkceAuthorization.Result result;
            try (PkceAuthorization.Pending pending = consent.start()) {
                authorizeUrl = pending.authorizeUrl();
                assertTrue(authorizeUrl.toString().startsWith(keycloak.authorizationEndpoint(REALM) + "?"));
                URI redirect = keycloak.browserLogin(authorizeUrl, "carol", PASSWORD);
                assertEquals(pending.redirectUri().getPort(), redirect.getPort());
                secrets.add(query(redirect, "code"));
                HttpResponse<String> landing = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, landing.statusCode());
                page = landing.body();
                result = pending.await();
            }
            secrets.add(result.accessToken().value().reveal());
            assertEquals(1, result.generation());
            assertEquals(1, keycloak.countEvents(REALM, CLIENT, "CODE_TO_TOKEN"));
            RefreshTokenState stored = RefreshTokenState.from(spec.id(), store.load(spec.id()).orElseThrow());
            secrets.add(stored.refreshToken().reveal());

            // the credential now works from the store: a refresh, with rotation
            AuthContext ctx = new AuthContext(new FileCredentialStore(dir), new TokenBroker(TokenBroker.Settings.DEFAULT,
                    clock, null), events, new Fingerprinter(new byte[32]), clock, "it-runner");
            AccessToken token = OAuthAuthenticators.create(spec, ctx).accessToken();
            secrets.add(token.value().reveal());
            RefreshTokenState rotated = RefreshTokenState.from(spec.id(), store.load(spec.id()).orElseThrow());
            secrets.add(rotated.refreshToken().reveal());
            assertNotEquals(stored.refreshToken().reveal(), rotated.refreshToken().reveal());
            assertEquals(2, rotated.generation());
            assertEquals(1, keycloak.countEvents(REALM, CLIENT, "REFRESH_TOKEN"));
            assertEquals(1, events.withAction("token.issued").size());

            SecretLeaks.assertAbsent(secrets, logs.all(), events.ndjson(), page, authorizeUrl.toString());
        }
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in the redirect");
    }
}
