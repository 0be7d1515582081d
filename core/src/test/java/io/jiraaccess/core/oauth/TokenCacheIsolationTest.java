package io.jiraaccess.core.oauth;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.PatAuthenticator;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static io.jiraaccess.core.oauth.OAuthSpecs.CLIENT_SECRET;
import static io.jiraaccess.core.oauth.OAuthSpecs.TOKEN_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Finding 2 of issue 14: one token broker serves every pipeline of a Jenkins controller, and a cached token must go
 * only to the credential that obtained it. The token endpoint here is honest: it issues a token only for the right
 * client secret, as a real one does.
 */
class TokenCacheIsolationTest {
    private static final String ACCESS = "at-real-credential-0123456789abcdef01";
    private static final String WRONG_SECRET = "cs-impostor-wrong-secret-000000";
    private static final String PAT = "pat-system-credential-0123456789ab";
    private static final String IMPOSTOR_PAT = "pat-folder-impostor-0123456789abcd";

    private final TestClock clock = new TestClock();
    private final TokenBroker broker = new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null);
    private final Fingerprinter fingerprinter = new Fingerprinter(new byte[32]);
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final AuthContext ctx = context(store);

    private AuthContext context(InMemoryCredentialStore s) {
        return new AuthContext(s, broker, EventSink.NONE, fingerprinter, clock, "jenkins-main");
    }

    /** Issues {@link #ACCESS} for the real client secret, and refuses any other, counting requests. */
    private FakeTokenEndpoint honestEndpoint() {
        FakeTokenEndpoint e = new FakeTokenEndpoint();
        for (int i = 0; i < 4; i++) {
            e.then(r -> CLIENT_SECRET.equals(r.param("client_secret"))
                    ? FakeTokenEndpoint.json(200, FakeTokenEndpoint.tokens(ACCESS, null, 3600, null))
                    : FakeTokenEndpoint.json(401, FakeTokenEndpoint.error("invalid_client", "Bad client credentials")));
        }
        return e;
    }

    private static OAuthClientCredentialsSpec clientCredentials(String secret, String audience, String scope,
                                                                URI tokenUrl, String clientId, OAuthClientAuth auth) {
        return new OAuthClientCredentialsSpec(OAuthSpecs.common("svc-jira", "https://jira.example.com"), tokenUrl,
                clientId, SecretValue.of(secret), scope == null ? List.of() : List.of(scope), audience, auth);
    }

    @Test
    void aCredentialWithTheSameIdAndSiteButAnotherSecretIsNotHandedTheCachedToken() {
        FakeTokenEndpoint endpoint = honestEndpoint();
        OAuthAuthenticator real = OAuthAuthenticators.create(
                clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "svc-client", null), ctx, endpoint);
        OAuthAuthenticator impostor = OAuthAuthenticators.create(
                clientCredentials(WRONG_SECRET, null, null, TOKEN_URL, "svc-client", null), ctx, endpoint);

        assertEquals(ACCESS, real.accessToken().value().reveal());
        JiraAccessException refused = assertThrows(JiraAccessException.class, impostor::accessToken,
                "the impostor was handed the real credential's cached token");
        assertEquals(2, endpoint.count(), "the impostor had to ask the token endpoint with its own secret");
        assertEquals(WRONG_SECRET, endpoint.last().param("client_secret"));
        assertEquals(ACCESS, real.accessToken().value().reveal(), "the real credential keeps its cached token");
        assertEquals(2, endpoint.count());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, WRONG_SECRET, ACCESS), refused.getMessage(),
                real.key().toString(), impostor.key().toString());
    }

    @Test
    void aPatWithTheSameIdAndSiteButAnotherTokenIsNotHandedTheCachedOne() {
        PatAuthenticator real = new PatAuthenticator(pat(PAT), ctx);
        PatAuthenticator impostor = new PatAuthenticator(pat(IMPOSTOR_PAT), ctx);
        URI target = URI.create("https://jira.example.com/rest/api/2/myself");
        assertEquals("Bearer " + PAT, real.authorize("GET", target).value());
        assertEquals("Bearer " + IMPOSTOR_PAT, impostor.authorize("GET", target).value(),
                "the impostor's own token, not the cached one of the real credential");
    }

    private static PatSpec pat(String token) {
        return new PatSpec(new CredentialSpec.Common("ci-jira", URI.create("https://jira.example.com"), null, null,
                null, null), SecretValue.of(token), null);
    }

    @Test
    void theSameCredentialInAnotherStoreHasItsOwnCacheEntry() {
        FakeTokenEndpoint endpoint = honestEndpoint();
        OAuthClientCredentialsSpec spec = clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "svc-client", null);
        OAuthAuthenticator system = OAuthAuthenticators.create(spec, ctx, endpoint);
        OAuthAuthenticator folder = OAuthAuthenticators.create(spec, context(new InMemoryCredentialStore()), endpoint);
        system.accessToken();
        folder.accessToken();
        assertEquals(2, endpoint.count());
        assertNotEquals(system.key(), folder.key());
    }

    /**
     * A public OAuth client holds no secret of its own (its refresh token lives in its store): what tells two such
     * credentials apart is where they are stored.
     */
    @Test
    void aPublicRefreshTokenClientInAnotherStoreMissesTheCache() {
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken("3lo-jira", null, null,
                io.jiraaccess.core.credential.JiraFlavor.DATACENTER);
        InMemoryCredentialStore other = new InMemoryCredentialStore();
        assertNotEquals(OAuthAuthenticators.key(spec, ctx), OAuthAuthenticators.key(spec, context(other)));
        assertEquals(OAuthAuthenticators.key(spec, ctx), OAuthAuthenticators.key(spec, ctx));
    }

    @Test
    void theSameCredentialInTheSameStoreSharesTheCachedToken() {
        FakeTokenEndpoint endpoint = honestEndpoint();
        OAuthClientCredentialsSpec spec = clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "svc-client", null);
        OAuthAuthenticators.create(spec, ctx, endpoint).accessToken();
        OAuthAuthenticators.create(spec, ctx, endpoint).accessToken();
        assertEquals(1, endpoint.count(), "one pipeline's token serves the next use of the same credential");
    }

    /** Every setting that changes which token the credential obtains also changes its cache entry. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"audience", "scope", "tokenUrl", "clientId", "clientAuth"})
    void aChangedSettingMissesTheCache(String setting) {
        FakeTokenEndpoint endpoint = honestEndpoint();
        OAuthClientCredentialsSpec before = clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "svc-client", null);
        OAuthClientCredentialsSpec after = switch (setting) {
            case "audience" -> clientCredentials(CLIENT_SECRET, "api.atlassian.com", null, TOKEN_URL, "svc-client", null);
            case "scope" -> clientCredentials(CLIENT_SECRET, null, "manage:jira-configuration", TOKEN_URL, "svc-client", null);
            case "tokenUrl" -> clientCredentials(CLIENT_SECRET, null, null,
                    URI.create("https://auth.example.org/oauth/token"), "svc-client", null);
            case "clientId" -> clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "other-client", null);
            default -> clientCredentials(CLIENT_SECRET, null, null, TOKEN_URL, "svc-client",
                    OAuthClientAuth.CLIENT_SECRET_BASIC);
        };
        OAuthAuthenticators.create(before, ctx, endpoint).accessToken();
        if (setting.equals("clientAuth")) {
            // the secret goes in a header then: the endpoint refuses, and that proves it was asked
            assertThrows(JiraAccessException.class, () -> OAuthAuthenticators.create(after, ctx, endpoint).accessToken());
        } else {
            OAuthAuthenticators.create(after, ctx, endpoint).accessToken();
        }
        assertEquals(2, endpoint.count(), setting + " changed, yet the cached token was served");
    }
}
