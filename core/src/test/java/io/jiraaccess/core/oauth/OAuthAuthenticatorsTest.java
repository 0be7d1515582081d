package io.jiraaccess.core.oauth;

import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.CredentialStoppedException;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.jiraaccess.core.oauth.OAuthSpecs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthAuthenticatorsTest {
    private static final String A1 = "at-events-1-0123456789abcdef0123456789";
    private static final String A2 = "at-events-2-fedcba9876543210fedcba9876";

    private final TestClock clock = new TestClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final Fingerprinter fingerprinter = new Fingerprinter(new byte[32]);
    private final AuthContext ctx = new AuthContext(new InMemoryCredentialStore(),
            new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null), events, fingerprinter, clock, "jenkins-main");
    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CLIENT_SECRET, A1, A2).watch(events::ndjson);

    @Test
    void bearerHeaderCarriesTheBrokersTokenAndItsRemainingLifetimeIsKnown() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, null, 3600, null));
        OAuthAuthenticator auth = OAuthAuthenticators.create(OAuthSpecs.clientCredentials(null, null), ctx, endpoint);

        AuthHeader header = auth.authorize("GET", URI.create("https://jira.example.com/rest/api/2/myself"));
        assertEquals("Bearer " + A1, header.value());
        assertEquals("Bearer ****", header.toString());
        clock.advance(Duration.ofMinutes(20));
        AccessToken token = auth.accessToken();
        assertEquals(Duration.ofMinutes(40), token.remaining(clock.instant()).orElseThrow());
        assertEquals(1, endpoint.count(), "the cached token served both calls");
    }

    @Test
    void firstTokenIsIssuedLaterOnesRefreshedWithCompleteCredentialFields() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, null, 3600, "read:jira-work"))
                .thenJson(200, FakeTokenEndpoint.tokens(A2, null, 3600, "read:jira-work"));
        OAuthClientCredentialsSpec spec = OAuthSpecs.clientCredentials("api.atlassian.com", null, "read:jira-work");
        OAuthAuthenticator auth = OAuthAuthenticators.create(spec, ctx, endpoint);
        String t0 = clock.instant().toString();

        auth.accessToken();
        clock.advance(Duration.ofMinutes(56));
        auth.accessToken();

        List<AuditEvent> all = events.events();
        assertEquals(List.of("token.issued", "token.refreshed"), all.stream().map(AuditEvent::action).toList());
        AuditEvent issued = all.get(0);
        assertEquals(t0, issued.getString("@timestamp"));
        assertEquals("success", issued.outcome());
        assertEquals(List.of("authentication"), issued.get("event.category"));
        assertEquals("svc-jira", issued.credentialId());
        assertEquals("oauth-client-credentials", issued.getString("jira_access.credential.kind"));
        assertEquals(fingerprinter.fingerprint(spec), issued.fingerprint());
        assertEquals(fingerprinter.fingerprint(SecretValue.of(A1)), issued.getString("jira_access.token.fingerprint"));
        assertEquals("2026-01-15T11:00:00Z", issued.getString("jira_access.credential.expires_at"));
        assertEquals(List.of("read:jira-work"), issued.get("jira_access.credential.scopes"));
        assertEquals(List.of("OPS"), issued.get("jira_access.credential.projects"));
        assertEquals("https://jira.example.com", issued.getString("jira_access.jira.site"));
        assertEquals("datacenter", issued.getString("jira_access.jira.flavor"));
        assertEquals("jenkins-main", issued.getString("service.name"));
        assertEquals("ci-bot", issued.getString("user.name"));
        assertEquals(fingerprinter.fingerprint(SecretValue.of(A2)),
                all.get(1).getString("jira_access.token.fingerprint"));
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, A1, A2), events.ndjson());
    }

    @Test
    void failedRefreshEmitsAnEventWithTheReasonAndTheTokenStillServed() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, null, 3600, null))
                .thenJson(503, "{}");
        OAuthAuthenticator auth = OAuthAuthenticators.create(OAuthSpecs.clientCredentials(null, null), ctx, endpoint);
        AccessToken first = auth.accessToken();
        clock.advance(Duration.ofMinutes(57));

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertSame(first, auth.accessToken());
            AuditEvent failed = events.withAction("token.refresh_failed").get(0);
            assertEquals("failure", failed.outcome());
            assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token answered HTTP "
                    + "503; it is unavailable for now, the request is retried later", failed.getString("event.reason"));
            assertEquals("JiraException", failed.getString("error.type"));
            assertEquals(fingerprinter.fingerprint(SecretValue.of(A1)), failed.getString("jira_access.token.fingerprint"));
            assertEquals("credential svc-jira: token refresh failed; still serving the cached token until "
                    + first.expiresAt(), failed.getString("message"));
            SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, A1), events.ndjson(), logs.all());
        }
    }

    @Test
    void invalidGrantEmitsOneRefreshFailedEventPerAttemptAndNoRequestAfterTheFirst() {
        String refresh = leaks.secret("rt-events-00112233445566778899aabbcc");
        endpoint.thenJson(400, FakeTokenEndpoint.error("invalid_grant", "Token is not active"));
        OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(refresh);
        OAuthAuthenticator auth = OAuthAuthenticators.create(spec, ctx, endpoint);

        CredentialStoppedException first = leaks.thrown(CredentialStoppedException.class, auth::accessToken);
        CredentialStoppedException again = leaks.thrown(CredentialStoppedException.class, auth::accessToken);

        assertEquals(first.getMessage(), again.getMessage());
        assertEquals(1, endpoint.count());
        List<AuditEvent> failures = events.withAction("token.refresh_failed");
        assertEquals(2, failures.size());
        for (AuditEvent e : failures) {
            assertEquals("failure", e.outcome());
            assertEquals(first.getMessage(), e.getString("event.reason"));
            assertEquals("CredentialStoppedException", e.getString("error.type"));
            assertEquals("oauth-refresh-token", e.getString("jira_access.credential.kind"));
            assertNull(e.get("jira_access.token.fingerprint"));
        }
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, refresh), events.ndjson(), first.getMessage());
    }

    @Test
    void tokensAreKeyedByStoreSiteCredentialAndAFingerprintOfItsSecrets() {
        OAuthClientCredentialsSpec spec = OAuthSpecs.clientCredentials(null, null);
        TokenBroker.Key key = OAuthAuthenticators.key(spec, ctx);
        assertEquals("https://jira.example.com", key.site());
        assertEquals("svc-jira", key.credentialId());
        assertEquals(ctx.store().scope("svc-jira"), key.scope());
        assertTrue(key.fingerprint().matches("[0-9a-f]{64}"), key.fingerprint());
        assertEquals(key, OAuthAuthenticators.create(spec, ctx, endpoint).key());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET), key.toString());
    }

    @Test
    void rejectedTokenIsReplacedOnTheNextCall() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, null, 3600, null))
                .thenJson(200, FakeTokenEndpoint.tokens(A2, null, 3600, null));
        OAuthAuthenticator auth = OAuthAuthenticators.create(OAuthSpecs.clientCredentials(null, null), ctx, endpoint);
        auth.rejected(auth.accessToken());
        assertEquals(A2, auth.accessToken().value().reveal());
    }

    @Test
    void otherKindsAreRefused() {
        ApiTokenSpec api = new ApiTokenSpec(OAuthSpecs.common("cloud-basic", "https://acme.atlassian.net"),
                "ci@example.com", SecretValue.of("api-token-value-123"), null);
        IllegalArgumentException e = leaks.thrown(IllegalArgumentException.class,
                () -> OAuthAuthenticators.create(api, ctx, endpoint));
        assertEquals("credential cloud-basic is of kind api-token, not an OAuth kind", e.getMessage());
    }

    @Test
    void unreachableEndpointWithoutTokenFailsWithTheEndpointError() {
        endpoint.then(r -> {
            throw new java.net.ConnectException("Connection refused");
        });
        OAuthAuthenticator auth = OAuthAuthenticators.create(OAuthSpecs.clientCredentials(null, null), ctx, endpoint);
        JiraException e = leaks.thrown(JiraException.class, auth::accessToken);
        assertEquals(0, e.status());
        assertEquals(List.of("token.refresh_failed"), events.events().stream().map(AuditEvent::action).toList());
    }
}
