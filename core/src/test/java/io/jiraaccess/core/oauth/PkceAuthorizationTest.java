package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.CredentialStoppedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jiraaccess.core.oauth.OAuthSpecs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consent flow with a real loopback listener; the browser is an HTTP client, the token endpoint a fake. */
class PkceAuthorizationTest {
    private static final String CODE = "code-4f5e6d7c8b9a";
    private static final String REFRESH = "rt-pkce-1a2b3c4d5e6f7a8b9c0d1e2f3a4b";
    private static final String ACCESS = "at-pkce-99887766554433221100aabbcc";
    private static final PkceAuthorization.Settings QUICK = new PkceAuthorization.Settings(0, "/callback", Duration.ofSeconds(1));

    private final TestClock clock = new TestClock();
    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final HttpClient browser = HttpClient.newHttpClient();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CLIENT_SECRET, CODE, REFRESH, ACCESS);

    @Test
    void codeFromTheRedirectIsExchangedWithTheVerifierAndTheRefreshTokenIsStored() throws Exception {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, REFRESH, 3600, "read:jira-work offline_access"));
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(null);
        try (CapturedLogs logs = CapturedLogs.start();
             PkceAuthorization.Pending pending = new PkceAuthorization(spec, store, endpoint, clock, QUICK).start()) {
            Map<String, String> q = query(pending.authorizeUrl());
            assertTrue(pending.authorizeUrl().toString().startsWith("https://auth.example.com/authorize?"));
            assertEquals("code", q.get("response_type"));
            assertEquals("app-client", q.get("client_id"));
            assertEquals("S256", q.get("code_challenge_method"));
            assertEquals("read:jira-work offline_access", q.get("scope"));
            assertEquals(pending.redirectUri().toString(), q.get("redirect_uri"));
            assertTrue(pending.redirectUri().toString().matches("http://127\\.0\\.0\\.1:\\d+/callback"));
            assertFalse(q.containsKey("prompt"), "consent prompt only for Atlassian Cloud");

            HttpResponse<String> page = redirect(pending, "code=" + CODE + "&state=" + enc(q.get("state")));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("You can close this window"));

            PkceAuthorization.Result result = pending.await();
            assertEquals(ACCESS, result.accessToken().value().reveal());
            assertEquals(1, result.generation());

            FakeTokenEndpoint.Received exchange = endpoint.last();
            leaks.secret(exchange.param("code_verifier"));
            leaks.captured(page.body());
            leaks.captured(pending.authorizeUrl().toString());
            assertEquals("authorization_code", exchange.param("grant_type"));
            assertEquals(CODE, exchange.param("code"));
            assertEquals(pending.redirectUri().toString(), exchange.param("redirect_uri"));
            CodeChallenge expected = CodeChallenge.compute(CodeChallengeMethod.S256,
                    new CodeVerifier(exchange.param("code_verifier")));
            assertEquals(expected.getValue(), q.get("code_challenge"), "the verifier sent matches the challenge");

            assertEquals(REFRESH, RefreshTokenState.from(spec.id(), store.load(spec.id()).orElseThrow())
                    .refreshToken().reveal());
            SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, REFRESH, ACCESS, CODE, exchange.param("code_verifier")),
                    logs.all(), page.body(), pending.authorizeUrl().toString());
        }
    }

    @Test
    void authorizationRestartsAStoppedCredential() throws Exception {
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(leaks.secret("rt-old-dead-0000000000000000000"));
        endpoint.thenJson(400, FakeTokenEndpoint.error("invalid_grant", null))
                .thenJson(200, FakeTokenEndpoint.tokens(ACCESS, REFRESH, 3600, null))
                .thenJson(200, FakeTokenEndpoint.tokens(leaks.secret("at-next-000000000000000000000000"),
                        leaks.secret("rt-next-0000000000000000000000"), 3600, null));
        RefreshTokenSource source = new RefreshTokenSource(spec, store, endpoint, clock);
        leaks.thrown(CredentialStoppedException.class, source::fetch);

        try (PkceAuthorization.Pending pending = new PkceAuthorization(spec, store, endpoint, clock, QUICK).start()) {
            redirect(pending, "code=" + CODE + "&state=" + enc(query(pending.authorizeUrl()).get("state")));
            pending.await();
        }
        assertEquals("at-next-000000000000000000000000", source.fetch().value().reveal());
        assertEquals(REFRESH, endpoint.last().param("refresh_token"), "the spec's old token does not come back");
    }

    @Test
    void redirectFromAnotherAttemptIsIgnoredAndTheTimeoutSaysSo() throws Exception {
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(null);
        try (PkceAuthorization.Pending pending = new PkceAuthorization(spec, store, endpoint, clock, QUICK).start()) {
            HttpResponse<String> page = redirect(pending, "code=" + CODE + "&state=someone-elses-state");
            assertEquals(400, page.statusCode());
            AuthenticationException e = leaks.thrown(AuthenticationException.class, pending::await);
            assertEquals("credential 3lo-jira: no authorization arrived at " + pending.redirectUri() + " within 1 second; "
                    + "open the printed URL in a browser on this machine, sign in and approve, then run `jira-access "
                    + "oauth authorize --credential FILE` again (a redirect from another authorization attempt arrived "
                    + "and was ignored)", e.getMessage());
        }
        assertEquals(0, endpoint.count(), "a code with a foreign state is never exchanged");
        assertTrue(store.load(spec.id()).isEmpty());
    }

    @Test
    void refusalAtTheAuthorizationServerIsReported() throws Exception {
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(null);
        try (PkceAuthorization.Pending pending = new PkceAuthorization(spec, store, endpoint, clock, QUICK).start()) {
            redirect(pending, "error=access_denied&error_description=User+declined&state="
                    + enc(query(pending.authorizeUrl()).get("state")));
            AuthenticationException e = leaks.thrown(AuthenticationException.class, pending::await);
            assertEquals("credential 3lo-jira: the authorization server did not grant access: access_denied (User "
                    + "declined); run `jira-access oauth authorize --credential FILE` again and approve the request",
                    e.getMessage());
        }
    }

    @Test
    void tokenResponseWithoutRefreshTokenAsksForOfflineAccess() throws Exception {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, null, 3600, null));
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(null);
        try (PkceAuthorization.Pending pending = new PkceAuthorization(spec, store, endpoint, clock, QUICK).start()) {
            redirect(pending, "code=" + CODE + "&state=" + enc(query(pending.authorizeUrl()).get("state")));
            AuthenticationException e = leaks.thrown(AuthenticationException.class, pending::await);
            assertEquals("credential 3lo-jira: the authorization server returned no refresh token; request offline "
                    + "access (Atlassian: add the offline_access scope to scopes)", e.getMessage());
        }
    }

    @Test
    void atlassianCloudRequestCarriesAudienceAndConsentPrompt() {
        OAuthRefreshTokenSpec cloud = OAuthSpecs.refreshToken("cloud-3lo", null, SecretValue.of(CLIENT_SECRET), JiraFlavor.CLOUD);
        try (PkceAuthorization.Pending pending = new PkceAuthorization(cloud, store, endpoint, clock, QUICK).start()) {
            Map<String, String> q = query(pending.authorizeUrl());
            assertEquals("api.atlassian.com", q.get("audience"));
            assertEquals("consent", q.get("prompt"));
        }
    }

    private HttpResponse<String> redirect(PkceAuthorization.Pending pending, String query) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(pending.redirectUri() + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
