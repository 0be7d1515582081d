package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException.Failure;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.jira.RateLimitedException;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.sim.http.Faults;
import io.jiraaccess.sim.model.PersonalAccessToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PAT rotation against the in-process Jira simulator: the real client, the real PAT API, injected faults. */
class SimRotationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SimWorld w = SimWorld.fresh();
    private final RecordingEventSink events = new RecordingEventSink();
    private final Fingerprinter fingerprinter = new Fingerprinter(new byte[32]);
    private volatile RotationListener listener = RotationListener.NONE;

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(w.initialToken, SimWorld.PASSWORD).watch(events::ndjson);

    private PatRotator rotator(CredentialStore store) {
        return PatRotator.builder(store, new JiraPatApiFactory(events, fingerprinter, "sim-test", JiraPatApiFactory.SETTINGS,
                        w.sim.clock()))
                .events(events)
                .fingerprinter(fingerprinter)
                .clock(w.sim.clock())
                .serviceName("sim-test")
                .listener((c, r, s) -> listener.stepCompleted(c, r, s))
                .locks(RotationLocks.inProcess())
                .build();
    }

    /** The stored current token, registered with the leak watch. */
    private String current(CredentialStore store) {
        return leaks.secret(store.load("ci").orElseThrow().secret(PatState.CURRENT).reveal());
    }

    /** What Jira answers to {@code GET /rest/api/2/myself} with the token. */
    private int myself(String token) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(w.sim.baseUrl() + "/rest/api/2/myself"))
                .header("Authorization", "Bearer " + token).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void rotationWithTheCurrentTokenAsBearerGivesAWorkingTokenOfTheSameUser() throws Exception {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        RotationResult r = rotator(store).rotateIfDue(w.spec(""));
        leaks.captured(r.toString());

        assertEquals(RotationResult.Outcome.ROTATED, r.outcome());
        String token = current(store);
        assertNotEquals(w.initialToken, token);
        assertEquals(200, myself(token));
        PersonalAccessToken created = w.token(r.current().id());
        assertEquals("jira-access-ci-" + r.rotationId(), created.name());
        assertEquals(w.sim.user(SimWorld.USER).accountId(), created.accountId());
        assertEquals(created.expiringAt().truncatedTo(ChronoUnit.MILLIS), r.current().expiresAt());
        assertEquals(w.sim.now().plus(Duration.ofDays(60)).getEpochSecond(), created.expiringAt().getEpochSecond(), 5);
        w.awaitCount("POST", "/rest/pat/latest/tokens", 1);
        assertEquals(1, w.sim.requests().stream().filter(e -> e.method().equals("POST")
                && e.path().equals("/rest/pat/latest/tokens") && e.authScheme().equals("Bearer")).count());
        assertEquals(List.of("start", "create", "pending", "test", "promote"), events.withAction("rotation.step").stream()
                .map(e -> e.getString("jira_access.rotation.step")).toList());
    }

    @Test
    void basicUsernameAndPasswordCreateTheTokenWhenConfigured() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        rotator(store).rotateIfDue(w.spec("  username: ci-bot\n  password: ${env:CI_PASSWORD}\n"));
        current(store);
        w.awaitCount("POST", "/rest/pat/latest/tokens", 1);
        assertEquals(1, w.sim.requests().stream().filter(e -> e.method().equals("POST")
                && e.path().equals("/rest/pat/latest/tokens") && e.authScheme().equals("Basic")).count());
    }

    @Test
    void previousTokenKeepsWorkingForBuildsInFlightUntilTheGracePeriodEnds() throws Exception {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatRotator rotator = rotator(store);
        rotator.rotateIfDue(w.spec(""));
        current(store);
        assertEquals(200, myself(w.initialToken), "in its grace period");

        w.sim.advanceClock(Duration.ofMinutes(59));
        assertEquals(List.of(), rotator.rotateIfDue(w.spec("")).revoked());
        assertEquals(200, myself(w.initialToken));

        w.sim.advanceClock(Duration.ofMinutes(1));
        RotationResult after = rotator.rotateIfDue(w.spec(""));
        assertEquals(List.of(w.initialTokenId), after.revoked());
        assertEquals(401, myself(w.initialToken));
        assertNotNull(w.token(w.initialTokenId).revokedAt());
    }

    @Test
    void requestsThroughThePatAuthenticatorUseTheRotatedTokenOnceTheOldOneIsRevoked() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        TokenBroker broker = new TokenBroker();
        AuthContext ctx = new AuthContext(store, broker, events, fingerprinter, w.sim.clock(), "sim-test");
        PatSpec spec = w.spec("");
        JiraClient client = JiraClient.builder(Authenticators.create(spec, ctx)).build();
        assertEquals(200, client.send(JiraRequest.get("/rest/api/2/myself")).status(), "caches the file's token");

        PatRotator rotator = PatRotator.builder(ctx, new JiraPatApiFactory(events, fingerprinter, "sim-test",
                JiraPatApiFactory.SETTINGS, w.sim.clock())).locks(RotationLocks.inProcess()).build();
        rotator.rotateIfDue(spec);
        current(store);
        w.sim.advanceClock(Duration.ofMinutes(60));
        rotator.rotateIfDue(spec);
        w.sim.clearRequests();

        JiraResponse r = client.send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(200, r.status());
        assertEquals(1, w.awaitCount("GET", "/rest/api/2/myself", 1));
        List<Integer> statuses = w.sim.requests().stream().filter(e -> e.path().equals("/rest/api/2/myself"))
                .map(e -> e.status()).toList();
        assertEquals(List.of(200), statuses, "the broker dropped the superseded token at promotion: no 401 first");
    }

    @Test
    void jiraFailingWith503WhileTheNewTokenIsTestedLosesNoToken() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatRotator rotator = rotator(store);
        listener = (c, r, s) -> {
            if (s == RotationStep.PENDING) {
                w.sim.faults(Faults.NONE.withFailRate(1.0, 503));
            }
        };
        RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator.rotateNow(w.spec("")));
        assertEquals(RotationStep.TEST, e.step());
        assertEquals(Failure.JIRA, e.failure());
        PatState.Pending pending = new PatState("ci", store.load("ci").orElseThrow()).pending();
        leaks.secret(pending.token().reveal());
        assertNull(w.token(pending.id()).revokedAt(), "the pending token is held, not lost");

        listener = RotationListener.NONE;
        w.sim.clearFaults();
        w.sim.advanceClock(Duration.ofMinutes(5));
        RotationResult r = rotator.rotateIfDue(w.spec(""));
        assertEquals(pending.id(), r.current().id());
        assertEquals(1, w.awaitCount("POST", "/rest/pat/latest/tokens", 1));
        assertEquals(1, w.live("jira-access-ci-rot").size());
    }

    @Test
    void jiraUnreachableAtCreationFailsCleanlyAndTheNextCycleRotates() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatRotator rotator = rotator(store);
        int tokens = w.sim.tokens().size();
        w.sim.faults(Faults.NONE.withDown(true));

        RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator.rotateNow(w.spec("")));
        assertEquals(RotationStep.CREATE, e.step());
        assertEquals(5, e.failure().exitCode());
        assertEquals(tokens, w.sim.tokens().size());
        assertNull(store.load("ci").orElseThrow().secret(PatState.CURRENT));

        w.sim.clearFaults();
        w.sim.advanceClock(Duration.ofMinutes(5));
        RotationResult r = rotator.rotateIfDue(w.spec(""));
        assertEquals(RotationResult.Outcome.ROTATED, r.outcome());
        assertEquals(e.rotationId(), r.rotationId());
        current(store);
    }

    @Test
    void rateLimitedRotationHonoursRetryAfterThenBacksOffWithoutHammeringJira() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatRotator rotator = rotator(store);
        w.sim.faults(Faults.NONE.withRateLimitEvery(1, 1));

        RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator.rotateNow(w.spec("")));
        assertInstanceOf(RateLimitedException.class, e.getCause());
        int attempts = JiraPatApiFactory.SETTINGS.maxAttempts();
        assertEquals(attempts, w.awaitCount("POST", "/rest/pat/latest/tokens", attempts));
        PatState st = new PatState("ci", store.load("ci").orElseThrow());
        assertTrue(st.nextAttemptAt().isAfter(w.sim.now().plus(Duration.ofMinutes(4))), st.nextAttemptAt().toString());

        for (int i = 0; i < 10; i++) {
            assertEquals(RotationResult.Outcome.BACKING_OFF, rotator.rotateIfDue(w.spec("")).outcome());
        }
        assertEquals(attempts, w.sim.requests().size(), "no request while backing off");
    }

    @Test
    void fullDiskWhileStoringThePendingTokenRevokesItAtJira() {
        FaultyStore store = new FaultyStore(new InMemoryCredentialStore());
        store.failSaves(s -> s.secret(PatState.PENDING) != null, FaultyStore.DISK_FULL);

        RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator(store).rotateNow(w.spec("")));
        assertEquals(Failure.CONFIGURATION, e.failure());
        List<PersonalAccessToken> created = w.sim.tokens().stream().filter(t -> t.name().startsWith("jira-access-ci-rot")).toList();
        assertEquals(1, created.size());
        assertNotNull(created.get(0).revokedAt(), "revoked, not orphaned");
        assertNull(w.token(w.initialTokenId).revokedAt(), "the credential file's token is still the one in use");
    }

    @Test
    void readOnlyStoreDirectoryAbortsTheRotationAndKeepsTheOldTokenCurrent(@TempDir Path dir) throws Exception {
        Path storeDir = dir.resolve("store");
        FileCredentialStore store = new FileCredentialStore(storeDir);
        PatRotator rotator = rotator(store);
        rotator.rotateIfDue(w.spec(""));
        String before = current(store);
        byte[] file = Files.readAllBytes(storeDir.resolve("ci.json"));
        int tokens = w.sim.tokens().size();

        try (ReadOnlyDirectory ro = ReadOnlyDirectory.of(storeDir)) {
            RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator.rotateNow(w.spec("")));
            assertEquals(Failure.CONFIGURATION, e.failure());
            assertEquals(2, e.failure().exitCode());
            assertEquals(RotationStep.START, e.step());
            assertTrue(e.getMessage().contains("state cannot be written to " + storeDir) && e.getMessage().contains(ro.reason()),
                    e.getMessage());
        }
        assertEquals(tokens, w.sim.tokens().size(), "nothing was created at Jira");
        assertArrayEquals(file, Files.readAllBytes(storeDir.resolve("ci.json")));
        assertEquals(before, current(store));
        assertEquals(200, myself(before));
    }

    @Test
    void expiryJiraRefusesIsAConfigurationErrorNamingTheSetting() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatSpec spec = (PatSpec) new io.jiraaccess.core.credential.CredentialSpecParser(
                io.jiraaccess.core.secret.SecretReferences.fromMap(w.env)).parse("ci.yaml",
                w.credentialYaml("").replace("expiryDays: 60", "expiryDays: 400"), "ci");

        RotationFailedException e = leaks.thrown(RotationFailedException.class, () -> rotator(store).rotateNow(spec));

        assertEquals(Failure.CONFIGURATION, e.failure());
        assertTrue(e.getMessage().contains("Jira refused to create a token named 'jira-access-ci-" + e.rotationId()
                + "' valid for 400 days") && e.getMessage().contains("expirationDuration")
                && e.getMessage().contains("lower rotation.expiryDays to what Jira allows"), e.getMessage());
        assertEquals(1, w.sim.tokens().size(), "nothing was created");
    }

    @Test
    void recoverRevokesTokensLeftByAnotherInterruptedRotation() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        PatRotator rotator = rotator(store);
        rotator.rotateIfDue(w.spec(""));
        current(store);
        var orphan = w.sim.createPat(SimWorld.USER, "jira-access-ci-rot20240101T000000Z-0a1b2c", 30);
        leaks.secret(orphan.rawToken());
        var aliceLookalike = w.sim.createPat("alice", "jira-access-ci-rot20240101T000000Z-0a1b2d", 30);
        leaks.secret(aliceLookalike.rawToken());

        RotationResult r = rotator.recover(w.spec(""));

        assertEquals(List.of(orphan.token().id()), r.orphansRevoked());
        assertNotNull(w.token(orphan.token().id()).revokedAt());
        assertNull(w.token(aliceLookalike.token().id()).revokedAt(), "another user's tokens are not in our list");
    }
}
