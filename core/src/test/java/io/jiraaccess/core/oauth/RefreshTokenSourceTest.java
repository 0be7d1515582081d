package io.jiraaccess.core.oauth;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.ForwardingCredentialStore;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.CredentialStoppedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;

import static io.jiraaccess.core.oauth.OAuthSpecs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshTokenSourceTest {
    private static final String R0 = "rt-0-5d1c9e7a3b2f4e6d8c0a1b3c5d7e9f";
    private static final String R1 = "rt-1-a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4";
    private static final String R1_AGAIN = "rt-1b-0a9b8c7d6e5f4a3b2c1d0e9f8a7b";
    private static final String A1 = "at-1-11112222333344445555666677778888";
    private static final String A2 = "at-2-99990000aaaabbbbccccddddeeeeffff";
    private static final String ID = "3lo-jira";

    private final TestClock clock = new TestClock();
    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();
    private final ObservedStore store = new ObservedStore();
    private final OAuthRefreshTokenSpec spec = OAuthSpecs.refreshToken(R0);

    private RefreshTokenSource source() {
        return new RefreshTokenSource(spec, store, endpoint, clock);
    }

    private RefreshTokenState stored() {
        return RefreshTokenState.from(ID, store.load(ID).orElseThrow());
    }

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CLIENT_SECRET, R0, R1, R1_AGAIN, A1, A2);

    @Test
    void seedsFromTheSpecAndPersistsTheRotatedTokenBeforeHandingOutTheAccessToken() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, "read:jira-work offline_access"));
        AccessToken token = source().fetch();

        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", R0, "client_id", "app-client",
                "client_secret", CLIENT_SECRET), endpoint.last().form());
        assertEquals(A1, token.value().reveal());
        assertEquals(clock.instant().plusSeconds(3600), token.expiresAt());
        // seeded (generation 1), marked in flight, then rotated: the new token is on disk before fetch returns
        assertEquals(List.of("gen=1 token=" + R0 + " inFlight=null", "gen=1 token=" + R0 + " inFlight=1",
                "gen=2 token=" + R1 + " inFlight=null"), store.saves);
        assertEquals(store.saves, store.lockedSaves, "every save happened under the credential's lock");
    }

    @Test
    void nextRefreshPresentsTheRotatedToken() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null))
                .thenJson(200, FakeTokenEndpoint.tokens(A2, R1_AGAIN, 3600, null));
        source().fetch();
        AccessToken second = new RefreshTokenSource(spec, store, endpoint, clock).fetch(); // a restarted process
        assertEquals(R1, endpoint.last().param("refresh_token"));
        assertEquals(A2, second.value().reveal());
        assertEquals(3, stored().generation());
        assertEquals(R1_AGAIN, stored().refreshToken().reveal());
    }

    @Test
    void accessTokenIsNotHandedOutWhenTheRotatedTokenCannotBeSaved() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null));
        store.failWhen = s -> s.secret(RefreshTokenState.REFRESH_TOKEN).reveal().equals(R1);

        StoreException e = leaks.thrown(StoreException.class, () -> source().fetch());

        assertTrue(e.getMessage().startsWith("credential 3lo-jira: the rotated refresh token cannot be saved ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the new access token is not used, and the next attempt presents the "
                + "stored refresh token once more"), e.getMessage());
        assertEquals(R0, stored().refreshToken().reveal());
        assertEquals(1L, stored().inFlight());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, R0, R1, A1), SecretLeaks.messages(e));
    }

    @Test
    void interruptedRefreshPresentsTheStoredTokenOnceMoreAndRecovers() {
        // first run: the server rotates, the answer never reaches the store (the process "dies" at the save)
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null))
                .thenJson(200, FakeTokenEndpoint.tokens(A2, R1_AGAIN, 3600, null));
        store.failWhen = s -> s.secret(RefreshTokenState.REFRESH_TOKEN).reveal().equals(R1);
        leaks.thrown(StoreException.class, () -> source().fetch());
        store.failWhen = s -> false;

        try (CapturedLogs logs = CapturedLogs.start("io.jiraaccess.core.oauth")) {
            AccessToken recovered = new RefreshTokenSource(spec, store, endpoint, clock).fetch();
            assertEquals(A2, recovered.value().reveal());
            assertEquals(List.of("credential 3lo-jira: the refresh with token generation 1 started at "
                            + clock.instant() + " did not complete; presenting that token once more, within the "
                            + "server's reuse leeway",
                    "credential 3lo-jira: recovered from the interrupted refresh; the store holds a new refresh token"),
                    logs.messages(Level.INFO));
            SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, R0, R1, R1_AGAIN, A1, A2), logs.all());
        }
        assertEquals(List.of(R0, R0), endpoint.received().stream().map(r -> r.param("refresh_token")).toList());
        assertEquals(R1_AGAIN, stored().refreshToken().reveal());
        assertEquals(2, stored().generation());
        assertNull(stored().inFlight());
    }

    @Test
    void invalidGrantStopsTheCredentialAndLaterCallsFailFastWithoutARequest() {
        endpoint.thenJson(400, FakeTokenEndpoint.error("invalid_grant", "Unknown or invalid refresh token."));
        CredentialStoppedException first = leaks.thrown(CredentialStoppedException.class, () -> source().fetch());
        String expected = "credential 3lo-jira: the token endpoint https://auth.example.com/oauth/token refused the "
                + "refresh_token grant with HTTP 400: invalid_grant (Unknown or invalid refresh token.); the refresh "
                + "token was revoked, expired after inactivity, or used elsewhere. The credential is stopped and will "
                + "not be retried: re-authorize with `jira-access oauth authorize --credential FILE`";
        assertEquals(expected, first.getMessage());
        assertEquals(ID, first.credentialId());
        assertEquals(1, endpoint.count());

        // the same source, and a restarted one, fail at once with the same message
        assertEquals(expected, leaks.thrown(CredentialStoppedException.class, () -> source().fetch()).getMessage());
        assertEquals(expected, leaks.thrown(CredentialStoppedException.class,
                () -> new RefreshTokenSource(spec, store, endpoint, clock).fetch()).getMessage());
        assertEquals(1, endpoint.count(), "no request after the refusal");
        assertNull(stored().refreshToken(), "the refused token is not kept");
        assertEquals(expected, stored().stopped());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET, R0), SecretLeaks.messages(first), store.load(ID).orElseThrow()
                .attributes().toString());
    }

    @Test
    void refusalAfterAnInterruptedRefreshExplainsWhatHappened() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null))
                .thenJson(400, FakeTokenEndpoint.error("invalid_grant", "Maximum allowed refresh token reuse exceeded"));
        store.failWhen = s -> s.secret(RefreshTokenState.REFRESH_TOKEN).reveal().equals(R1);
        leaks.thrown(StoreException.class, () -> source().fetch());
        store.failWhen = s -> false;
        String started = clock.instant().toString();

        CredentialStoppedException e = leaks.thrown(CredentialStoppedException.class, () -> source().fetch());
        assertEquals("credential 3lo-jira: the token endpoint https://auth.example.com/oauth/token refused the "
                + "refresh_token grant with HTTP 400: invalid_grant (Maximum allowed refresh token reuse exceeded); "
                + "an earlier refresh with this token (generation 1, started at " + started + ") did not complete, "
                + "and the server no longer accepts the token it replaced. The credential is stopped and will not be "
                + "retried: re-authorize with `jira-access oauth authorize --credential FILE`", e.getMessage());
    }

    @Test
    void lostAnswerKeepsTheMarkerSoTheNextAttemptPresentsTheSameToken() {
        endpoint.thenJson(502, "{}").thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null));
        JiraException e = leaks.thrown(JiraException.class, () -> source().fetch());
        assertEquals(502, e.status());
        assertEquals(1L, stored().inFlight());
        source().fetch();
        assertEquals(List.of(R0, R0), endpoint.received().stream().map(r -> r.param("refresh_token")).toList());
        assertNull(stored().inFlight());
    }

    @Test
    void otherRefusalLeavesTheStateAsItWas() {
        endpoint.thenJson(401, FakeTokenEndpoint.error("invalid_client", "Invalid client credentials"));
        AuthenticationException e = leaks.thrown(AuthenticationException.class, () -> source().fetch());
        assertEquals(AuthenticationException.class, e.getClass(), "not a stop: the client, not the grant, was refused");
        assertNull(stored().inFlight());
        assertEquals(R0, stored().refreshToken().reveal());
    }

    @Test
    void newRefreshTokenInTheSpecRestartsAStoppedCredential() {
        endpoint.thenJson(400, FakeTokenEndpoint.error("invalid_grant", null))
                .thenJson(200, FakeTokenEndpoint.tokens(A1, R1_AGAIN, 3600, null));
        leaks.thrown(CredentialStoppedException.class, () -> source().fetch());

        OAuthRefreshTokenSpec reseeded = OAuthSpecs.refreshToken(R1);
        AccessToken token = new RefreshTokenSource(reseeded, store, endpoint, clock).fetch();
        assertEquals(A1, token.value().reveal());
        assertEquals(R1, endpoint.last().param("refresh_token"));
        assertEquals(3, stored().generation(), "seed 1, reseed 2, rotation 3");
    }

    @Test
    void unchangedSpecTokenDoesNotOverrideTheRotatedOne() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null))
                .thenJson(200, FakeTokenEndpoint.tokens(A2, R1_AGAIN, 3600, null));
        source().fetch();
        new RefreshTokenSource(OAuthSpecs.refreshToken(R0), store, endpoint, clock).fetch();
        assertEquals(R1, endpoint.last().param("refresh_token"));
    }

    @Test
    void withoutAnyRefreshTokenTheErrorSaysToAuthorize() {
        OAuthRefreshTokenSpec unseeded = OAuthSpecs.refreshToken(null);
        AuthenticationException e = leaks.thrown(AuthenticationException.class,
                () -> new RefreshTokenSource(unseeded, store, endpoint, clock).fetch());
        assertEquals("credential 3lo-jira: no refresh token yet; authorize once with `jira-access oauth authorize "
                + "--credential FILE`, or put refreshToken in the credential", e.getMessage());
        assertEquals(0, endpoint.count());
    }

    @Test
    void serverThatDoesNotRotateKeepsTheSameTokenAndGeneration() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, null, 3600, null));
        source().fetch();
        assertEquals(R0, stored().refreshToken().reveal());
        assertEquals(1, stored().generation());
    }

    @Test
    void publicClientSendsOnlyItsClientId() {
        OAuthRefreshTokenSpec publicClient = OAuthSpecs.refreshToken("pub", R0, null, JiraFlavor.DATACENTER);
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(A1, R1, 3600, null));
        new RefreshTokenSource(publicClient, store, endpoint, clock).fetch();
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", R0, "client_id", "app-client"),
                endpoint.last().form());
    }

    /** An in-memory store that records each save (for ordering) and can refuse chosen ones, as a full disk would. */
    private static final class ObservedStore extends ForwardingCredentialStore {
        final List<String> saves = new ArrayList<>();
        final List<String> lockedSaves = new ArrayList<>();
        Predicate<CredentialState> failWhen = s -> false;
        private final ThreadLocal<Boolean> locked = ThreadLocal.withInitial(() -> false);

        ObservedStore() {
            super(new InMemoryCredentialStore());
        }

        @Override
        public void save(String credentialId, CredentialState state) {
            if (state.secret(RefreshTokenState.REFRESH_TOKEN) != null && failWhen.test(state)) {
                throw new StoreException("credential " + credentialId + ": state cannot be written (No space left on device)");
            }
            RefreshTokenState s = RefreshTokenState.from(credentialId, state);
            String line = "gen=" + s.generation() + " token=" + (s.refreshToken() == null ? null : s.refreshToken().reveal())
                    + " inFlight=" + s.inFlight();
            saves.add(line);
            if (locked.get()) {
                lockedSaves.add(line);
            }
            super.save(credentialId, state);
        }

        @Override
        public <T> T withLock(String credentialId, Supplier<T> action) {
            return super.withLock(credentialId, () -> {
                locked.set(true);
                try {
                    return action.get();
                } finally {
                    locked.set(false);
                }
            });
        }
    }
}
