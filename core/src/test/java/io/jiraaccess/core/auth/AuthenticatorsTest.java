package io.jiraaccess.core.auth;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.connect.ConnectJwtAuthenticator;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.oauth.OAuthAuthenticator;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.ForwardingCredentialStore;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticatorsTest {
    static final String PAT = "pat-Configured-0123456789-abc";
    static final String STORED = "pat-Stored-9876543210-xyz";
    static final String API_TOKEN = "TESTATATTx-api-token-0123456789";
    static final URI TARGET = URI.create("https://jira.example.com/rest/api/2/myself");
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** A store that counts loads, to show when the authenticator reads it. */
    static final class CountingStore extends ForwardingCredentialStore {
        final AtomicInteger loads = new AtomicInteger();

        CountingStore() {
            super(new InMemoryCredentialStore());
        }

        @Override
        public Optional<CredentialState> load(String id) {
            loads.incrementAndGet();
            return super.load(id);
        }
    }

    static CredentialSpec.Common common(String id) {
        return new CredentialSpec.Common(id, URI.create("https://jira.example.com"), null, null, null, null);
    }

    static PatSpec patSpec() {
        return new PatSpec(common("ci"), SecretValue.of(PAT), null);
    }

    static AuthContext ctx(CredentialStore store, Clock clock) {
        return new AuthContext(store, new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null), e -> { },
                new Fingerprinter(new byte[32]), clock, "test");
    }

    static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void patWithoutStoredTokenSendsTheConfiguredOne() {
        AuthHeader h = new PatAuthenticator(patSpec(), ctx(new InMemoryCredentialStore(), at(NOW))).authorize("GET", TARGET);
        assertEquals("Bearer", h.scheme());
        assertEquals("Bearer " + PAT, h.value());
        assertEquals("Bearer ****", h.toString());
    }

    @Test
    void patPrefersTheTokenARotationStored() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED))
                .with(PatAuthenticator.CURRENT_ID, "42").with(PatAuthenticator.CURRENT_EXPIRES_AT, "2025-09-01T00:00:00Z"));
        PatAuthenticator a = new PatAuthenticator(patSpec(), ctx(store, at(NOW)));
        assertEquals("Bearer " + STORED, a.authorize("GET", TARGET).value());
        assertEquals(Instant.parse("2025-09-01T00:00:00Z"), a.current().expiresAt());
    }

    @Test
    void patIsCachedUntilJiraRejectsItThenReadAgain() {
        CountingStore store = new CountingStore();
        PatAuthenticator a = new PatAuthenticator(patSpec(), ctx(store, at(NOW)));
        for (int i = 0; i < 5; i++) {
            assertEquals("Bearer " + PAT, a.authorize("GET", TARGET).value());
        }
        assertEquals(1, store.loads.get());
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED)));
        AuthHeader old = a.authorize("GET", TARGET);
        assertEquals("Bearer " + PAT, old.value());
        a.rejected(old);
        assertEquals("Bearer " + STORED, a.authorize("GET", TARGET).value());
        assertEquals(2, store.loads.get());
        // a late 401 for the old token does not drop the new one
        a.rejected(old);
        assertEquals("Bearer " + STORED, a.authorize("GET", TARGET).value());
        assertEquals(2, store.loads.get());
    }

    @Test
    void storedPatNearItsExpiryIsReReadFromTheStore() {
        CountingStore store = new CountingStore();
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED))
                .with(PatAuthenticator.CURRENT_EXPIRES_AT, NOW.plus(Duration.ofMinutes(3)).toString()));
        TestClock clock = new TestClock(NOW);
        PatAuthenticator a = new PatAuthenticator(patSpec(), ctx(store, clock));
        a.authorize("GET", TARGET);
        a.authorize("GET", TARGET);
        assertEquals(1, store.loads.get());
        // past the broker's stale point (here halfway through the 3 minutes left): look for a newer token in the store
        clock.advance(Duration.ofMinutes(2));
        a.authorize("GET", TARGET);
        assertEquals(2, store.loads.get());
    }

    @Test
    void expiredStoredPatIsRefusedWithAClearMessage() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED))
                .with(PatAuthenticator.CURRENT_EXPIRES_AT, "2025-05-01T00:00:00Z"));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> new PatAuthenticator(patSpec(), ctx(store, at(NOW))).authorize("GET", TARGET));
        assertEquals("credential ci: the stored personal access token expired at 2025-05-01T00:00:00Z; rotate it "
                + "(jira-access rotate --credential FILE --store DIR --force) or create a new token in Jira and put it in "
                + "the credential file", e.getMessage());
        assertNoSecret("message", e.getMessage(), PAT, STORED);
    }

    @Test
    void unreadableStoredExpiryIsAStoreError() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED))
                .with(PatAuthenticator.CURRENT_EXPIRES_AT, "next tuesday"));
        StoreException e = assertThrows(StoreException.class,
                () -> new PatAuthenticator(patSpec(), ctx(store, at(NOW))).current());
        assertTrue(e.getMessage().startsWith("credential ci: store attribute pat.current.expiresAt is not an ISO-8601 instant"));
    }

    @Test
    void apiTokenIsSentAsBasicEmailColonToken() {
        ApiTokenSpec spec = new ApiTokenSpec(common("cloud"), "ci@acme.example", SecretValue.of(API_TOKEN), null);
        AuthHeader h = new ApiTokenAuthenticator(spec, at(NOW)).authorize("GET", TARGET);
        assertEquals("Basic", h.scheme());
        assertEquals("ci@acme.example:" + API_TOKEN,
                new String(Base64.getDecoder().decode(h.credentials().reveal()), StandardCharsets.UTF_8));
        assertEquals("Basic ****", h.toString());
    }

    @Test
    void expiredApiTokenIsNotSent() {
        ApiTokenSpec spec = new ApiTokenSpec(common("cloud"), "ci@acme.example", SecretValue.of(API_TOKEN), NOW.minusSeconds(1));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> new ApiTokenAuthenticator(spec, at(NOW)).authorize("GET", TARGET));
        assertTrue(e.getMessage().startsWith("credential cloud: the API token expired at 2025-06-01T11:59:59Z; create a new "
                + "API token at https://id.atlassian.com"), e.getMessage());
        assertNoSecret("message", e.getMessage(), API_TOKEN);
        ApiTokenSpec valid = new ApiTokenSpec(common("cloud"), "ci@acme.example", SecretValue.of(API_TOKEN), NOW.plusSeconds(1));
        assertEquals("Basic", new ApiTokenAuthenticator(valid, at(NOW)).authorize("GET", TARGET).scheme());
    }

    @Test
    void createDispatchesByKind() {
        AuthContext ctx = ctx(new InMemoryCredentialStore(), at(NOW));
        assertInstanceOf(PatAuthenticator.class, Authenticators.create(patSpec(), ctx));
        assertInstanceOf(ApiTokenAuthenticator.class, Authenticators.create(
                new ApiTokenSpec(common("cloud"), "a@b.c", SecretValue.of(API_TOKEN), null), ctx));
        assertEquals(patSpec(), Authenticators.create(patSpec(), ctx).spec());
        OAuthClientCredentialsSpec cc = new OAuthClientCredentialsSpec(common("svc"), URI.create("https://auth.example.com/token"),
                "client", SecretValue.of("client-secret-0123456789"), List.of(), null);
        assertInstanceOf(OAuthAuthenticator.class, Authenticators.create(cc, ctx));
        OAuthRefreshTokenSpec rt = new OAuthRefreshTokenSpec(common("3lo"), URI.create("https://auth.example.com/token"),
                URI.create("https://auth.example.com/authorize"), "client", null, SecretValue.of("refresh-0123456789"), List.of(), null);
        assertInstanceOf(OAuthAuthenticator.class, Authenticators.create(rt, ctx));
        ConnectJwtSpec connect = new ConnectJwtSpec(common("app"), "com.example.app", SecretValue.of("s".repeat(40)), null);
        assertInstanceOf(ConnectJwtAuthenticator.class, Authenticators.create(connect, ctx));
        assertEquals("JWT", Authenticators.create(connect, ctx).authorize("GET", TARGET).scheme());
    }
}
