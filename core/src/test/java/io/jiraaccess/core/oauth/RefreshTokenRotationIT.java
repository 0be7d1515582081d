package io.jiraaccess.core.oauth;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.KeycloakServer;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.CredentialStoppedException;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refresh-token rotation against a real Keycloak whose realm rotates refresh tokens and revokes on reuse
 * ({@code revokeRefreshToken}, no reuse allowed), the credential kept in a real file store.
 */
class RefreshTokenRotationIT {
    private static final String REALM = "rotation";
    private static final String SECRET = "app-secret-" + Long.toHexString(System.nanoTime()) + "-4d2a";
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
    /** Keycloak's access token lifespan in this realm: a broker clock moved past it sees the token expired. */
    private static final Duration ACCESS_LIFE = Duration.ofSeconds(300);
    private static KeycloakServer keycloak;
    private static String revokedUserId;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final List<String> secrets = Collections.synchronizedList(new ArrayList<>(List.of(SECRET)));
    private CapturedLogs logs;
    private final List<String> exceptionMessages = new ArrayList<>();

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        keycloak.createRealm(REALM, Map.of("revokeRefreshToken", true, "refreshTokenMaxReuse", 0,
                "accessTokenLifespan", (int) ACCESS_LIFE.toSeconds()));
        for (String client : List.of("app-rotate", "app-burst-50", "app-burst-200", "app-revoked")) {
            keycloak.createClient(REALM, Map.of("clientId", client, "secret", SECRET, "publicClient", false,
                    "directAccessGrantsEnabled", true, "standardFlowEnabled", true));
        }
        keycloak.createUser(REALM, "alice", PASSWORD);
        revokedUserId = keycloak.createUser(REALM, "bob", PASSWORD);
    }

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noSecretsEscaped() {
        logs.close();
        SecretLeaks.assertAbsent(secrets, logs.all(), events.ndjson(), String.join("\n", exceptionMessages));
    }

    private AuthContext context(CredentialStore store) {
        return new AuthContext(store, new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null), events,
                new Fingerprinter(new byte[32]), clock, "it-runner");
    }

    private OAuthRefreshTokenSpec spec(String clientId, String seed) {
        CredentialSpec.Common common = new CredentialSpec.Common(clientId, URI.create("https://jira.example.com"),
                null, null, null, AllowPolicy.DEFAULT);
        return new OAuthRefreshTokenSpec(common, keycloak.tokenEndpoint(REALM), keycloak.authorizationEndpoint(REALM),
                clientId, SecretValue.of(SECRET), SecretValue.of(seed), List.of(), null);
    }

    private String seed(String clientId, String user) {
        String r = keycloak.passwordGrantRefreshToken(REALM, clientId, SECRET, user, PASSWORD);
        secrets.add(r);
        return r;
    }

    /** The state as a restarted process would read it from disk. */
    private RefreshTokenState onDisk(String id) {
        RefreshTokenState s = RefreshTokenState.from(id, new FileCredentialStore(dir).load(id).orElseThrow());
        if (s.refreshToken() != null) {
            secrets.add(s.refreshToken().reveal());
        }
        return s;
    }

    private AccessToken remember(AccessToken t) {
        secrets.add(t.value().reveal());
        return t;
    }

    @Test
    void rotatedTokenIsPersistedAndThePresentedOneIsRefusedAfterwards() {
        String r0 = seed("app-rotate", "alice");
        AuthContext ctx = context(new FileCredentialStore(dir));
        OAuthAuthenticator auth = OAuthAuthenticators.create(spec("app-rotate", r0), ctx);

        remember(auth.accessToken());

        RefreshTokenState stored = onDisk("app-rotate");
        assertNotEquals(r0, stored.refreshToken().reveal(), "Keycloak rotated the refresh token");
        assertEquals(2, stored.generation());
        assertNull(stored.inFlight());
        assertEquals(1, keycloak.countEvents(REALM, "app-rotate", "REFRESH_TOKEN"));

        // the replaced token is refused: rotation is on, so losing the new one would lose the credential
        Map<String, String> reuse = new LinkedHashMap<>();
        reuse.put("grant_type", "refresh_token");
        reuse.put("client_id", "app-rotate");
        reuse.put("client_secret", SECRET);
        reuse.put("refresh_token", r0);
        KeycloakServer.TokenAnswer old = keycloak.tokenRequest(REALM, reuse);
        assertEquals(400, old.status());
        assertEquals("invalid_grant", old.error());

        // and presenting it revoked the grant (reuse detection): the stored token goes down with it
        clock.advance(ACCESS_LIFE.plusSeconds(1));
        CredentialStoppedException e = assertThrows(CredentialStoppedException.class, auth::accessToken);
        exceptionMessages.add(SecretLeaks.messages(e));
        assertTrue(e.getMessage().contains(": invalid_grant"), e.getMessage());
    }

    /** 50: the core issue's burst; 200: the proof suite's refresh storm. */
    @ParameterizedTest(name = "{0} callers")
    @ValueSource(ints = {50, 200})
    void concurrentCallersOfAnExpiredCredentialCauseExactlyOneTokenRequest(int callers) throws Exception {
        String client = "app-burst-" + callers;
        String r0 = seed(client, "alice");
        CountingSender sender = new CountingSender(new JdkHttpSender());
        OAuthAuthenticator auth = OAuthAuthenticators.create(spec(client, r0), context(new FileCredentialStore(dir)),
                sender);
        AccessToken first = remember(auth.accessToken());
        assertEquals(1, keycloak.countEvents(REALM, client, "REFRESH_TOKEN"));
        clock.advance(ACCESS_LIFE.plusSeconds(1));
        assertTrue(first.isExpired(clock.instant()));

        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        // hold the one request back until every other caller is parked on the broker: all of them are truly concurrent
        sender.beforeSend(() -> awaitParked(threads, callers - 1));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<AccessToken>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    threads.add(Thread.currentThread());
                    go.await();
                    return auth.accessToken();
                }));
            }
            go.countDown();
            Set<String> values = new HashSet<>();
            for (Future<AccessToken> f : futures) {
                values.add(remember(f.get(60, TimeUnit.SECONDS)).value().reveal());
            }
            assertEquals(1, values.size(), "every caller got the one refreshed token");
            assertNotEquals(first.value().reveal(), values.iterator().next());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, sender.count(), "the first token and exactly one refresh for the " + callers + " callers");
        assertEquals(2, keycloak.countEvents(REALM, client, "REFRESH_TOKEN"));
        assertEquals(0, keycloak.countEvents(REALM, client, "REFRESH_TOKEN_ERROR"));
        assertEquals(List.of("token.issued", "token.refreshed"),
                events.events().stream().map(AuditEvent::action).collect(Collectors.toList()));
        assertEquals(3, onDisk(client).generation());
    }

    @Test
    void invalidGrantStopsTheCredentialWithAnEventAndWithoutRetries() {
        String r0 = seed("app-revoked", "bob");
        CountingSender sender = new CountingSender(new JdkHttpSender());
        OAuthAuthenticator auth = OAuthAuthenticators.create(spec("app-revoked", r0),
                context(new FileCredentialStore(dir)), sender);
        remember(auth.accessToken());
        onDisk("app-revoked");

        keycloak.logoutUser(REALM, revokedUserId); // the user's grant is gone, as after a revoked consent
        clock.advance(ACCESS_LIFE.plusSeconds(1));

        CredentialStoppedException stopped = assertThrows(CredentialStoppedException.class, auth::accessToken);
        exceptionMessages.add(SecretLeaks.messages(stopped));
        String message = stopped.getMessage();
        assertTrue(message.startsWith("credential app-revoked: the token endpoint " + keycloak.tokenEndpoint(REALM)
                + " refused the refresh_token grant with HTTP 400: invalid_grant"), message);
        assertTrue(message.endsWith("The credential is stopped and will not be retried: re-authorize with "
                + "`jira-access oauth authorize --credential FILE`"), message);

        // no blind retries: the same process, and a restarted one, fail fast with the same message
        assertEquals(message, assertThrows(CredentialStoppedException.class, auth::accessToken).getMessage());
        OAuthAuthenticator restarted = OAuthAuthenticators.create(spec("app-revoked", r0),
                context(new FileCredentialStore(dir)), sender);
        assertEquals(message, assertThrows(CredentialStoppedException.class, restarted::accessToken).getMessage());
        assertEquals(2, sender.count(), "one good refresh, one refused, nothing after");
        assertEquals(1, keycloak.countEvents(REALM, "app-revoked", "REFRESH_TOKEN_ERROR"));

        List<AuditEvent> failed = events.withAction("token.refresh_failed");
        assertEquals(3, failed.size(), "one event per refused use");
        for (AuditEvent e : failed) {
            assertEquals("failure", e.outcome());
            assertEquals(message, e.getString("event.reason"));
            assertEquals("app-revoked", e.credentialId());
        }
        RefreshTokenState state = onDisk("app-revoked");
        assertEquals(message, state.stopped());
        assertNull(state.refreshToken());
    }

    private static void awaitParked(List<Thread> threads, int others) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (threads.stream().filter(t -> t != Thread.currentThread() && parkedInBroker(t)).count() < others) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other callers did not reach the broker");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // poll interval
        }
    }

    /** Waiting on the broker's lock, not still on the starting gate. */
    private static boolean parkedInBroker(Thread t) {
        return t.getState() == Thread.State.WAITING && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(TokenBroker.class.getName()));
    }
}
