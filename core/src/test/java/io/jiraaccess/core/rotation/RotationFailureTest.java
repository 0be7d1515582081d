package io.jiraaccess.core.rotation;

import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraAccessException.Failure;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.jira.RateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures back off, are counted and marked, and never cost the working token nor leave one orphaned. */
class RotationFailureTest {
    private final RotationFixture f = new RotationFixture();

    @AfterEach
    void noLeaks() {
        f.assertNoSecretLeaked();
        f.close();
    }

    private static JiraException unavailable() {
        return new JiraException(503, "credential ci: POST jira.example.com/rest/pat/latest/tokens -> 503: Jira failed; "
                + "try again later, and check Jira's health if it persists");
    }

    @Test
    void jiraFailingAtCreationCountsAFailureBacksOffAndResumesTheSameRotationLater() {
        PatRotator rotator = f.rotator();
        f.jira.failNext(FakeJira.Op.CREATE, RotationFailureTest::unavailable);
        Instant failedAt = f.clock.instant();

        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateIfDue(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(RotationStep.CREATE, e.step());
        assertEquals(1, e.failures());
        assertEquals(Failure.JIRA, e.failure());
        assertEquals(5, e.failure().exitCode());
        assertEquals("credential ci: rotation " + e.rotationId() + " failed at step create: POST "
                + "jira.example.com/rest/pat/latest/tokens -> 503: Jira failed; try again later, and check Jira's health "
                + "if it persists; the current token stays in use; next attempt after " + failedAt.plus(Duration.ofMinutes(5)),
                e.getMessage());
        PatState st = f.state("ci");
        assertNull(st.storedCurrent(), "the credential file's token stays in use");
        assertEquals(1, st.failures());
        assertEquals(failedAt.plus(Duration.ofMinutes(5)), st.nextAttemptAt());
        assertEquals(e.rotationId(), st.inProgress().rotationId());
        assertEquals(List.of("start", "create!"), f.steps());

        f.clock.advance(Duration.ofMinutes(5));
        RotationResult later = rotator.rotateIfDue(f.spec());
        f.output(later);
        assertEquals(RotationResult.Outcome.ROTATED, later.outcome());
        assertEquals(e.rotationId(), later.rotationId());
        assertEquals(0, f.state("ci").failures());
        assertNull(f.state("ci").nextAttemptAt());
        assertEquals(2, f.jira.count(FakeJira.Op.CREATE), "one failed and one successful creation");
    }

    @Test
    void failedRotationIsNotRetriedInATightLoop() {
        PatRotator rotator = f.rotator();
        f.jira.failNext(FakeJira.Op.CREATE, RotationFailureTest::unavailable);
        assertThrows(RotationFailedException.class, () -> rotator.rotateIfDue(f.spec()));
        int calls = f.jira.calls().size();

        for (int i = 0; i < 100; i++) {
            RotationResult r = rotator.rotateIfDue(f.spec());
            assertEquals(RotationResult.Outcome.BACKING_OFF, r.outcome());
        }
        assertEquals(calls, f.jira.calls().size());
        RotationResult waiting = rotator.rotateIfDue(f.spec());
        f.output(waiting);
        assertTrue(waiting.message().contains("next attempt after " + f.state("ci").nextAttemptAt()), waiting.message());
        assertEquals(f.state("ci").inProgress().rotationId(), waiting.rotationId());
    }

    @Test
    void backoffDoublesAndTheCredentialIsMarkedOnceAfterTheConfiguredNumberOfFailures() {
        PatRotator rotator = f.rotator(new RotationSettings(Duration.ofMinutes(1), Duration.ofMinutes(6), 3));
        List<Duration> expectedWaits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(6));
        for (int i = 0; i < expectedWaits.size(); i++) {
            f.jira.failNext(FakeJira.Op.CREATE, RotationFailureTest::unavailable);
            Instant now = f.clock.instant();
            RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateIfDue(f.spec()));
            f.output(e.getMessage());
            assertEquals(i + 1, e.failures());
            assertEquals(now.plus(expectedWaits.get(i)), f.state("ci").nextAttemptAt());
            assertEquals(i >= 2, f.state("ci").failedAt() != null, "marked after failure " + (i + 1));
            assertEquals(i == 2, e.getMessage().endsWith("the credential is now marked as failing rotation"));
            f.clock.advance(expectedWaits.get(i));
        }
        List<AuditEvent> failed = f.events("rotation.failed");
        assertEquals(1, failed.size());
        assertEquals("failure", failed.get(0).outcome());
        assertEquals(3L, failed.get(0).get("jira_access.rotation.failures"));
        assertTrue(failed.get(0).getString("event.reason").startsWith("POST jira.example.com/rest/pat/latest/tokens -> 503"),
                failed.get(0).getString("event.reason"));
        assertEquals(f.fingerprinter.fingerprint(f.spec().token()), failed.get(0).fingerprint());
        assertTrue(rotator.status(f.spec()).markedFailed());

        RotationResult ok = rotator.rotateIfDue(f.spec());
        assertEquals(RotationResult.Outcome.ROTATED, ok.outcome());
        RotationStatus healthy = rotator.status(f.spec());
        assertFalse(healthy.markedFailed());
        assertEquals(0, healthy.failures());
        assertNull(healthy.lastError());
    }

    @Test
    void everyFailedStepRaisesAFailureEventWithItsReason() {
        f.jira.failNext(FakeJira.Op.MYSELF, RotationFailureTest::unavailable);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> f.rotator().rotateNow(f.spec()));
        f.output(e.getMessage());
        AuditEvent failedStep = f.events("rotation.step").stream().filter(x -> "failure".equals(x.outcome()))
                .findFirst().orElseThrow();
        assertEquals("test", failedStep.getString("jira_access.rotation.step"));
        assertEquals(e.rotationId(), failedStep.getString("jira_access.rotation.id"));
        assertTrue(failedStep.getString("event.reason").contains("503"), failedStep.getString("event.reason"));
    }

    @Test
    void jiraRateLimitSetsTheNextAttemptNoSoonerThanRetryAfterAndDefersTheSitesOtherCredentials() {
        String secondToken = f.jira.mint(RotationFixture.USER, "jira-access-ci2", 90);
        f.env.put("CI_PAT", secondToken);
        PatSpec second = f.spec("ci2", "");
        f.env.put("CI_PAT", f.initialToken);
        PatRotator rotator = f.rotator();
        f.jira.failNext(FakeJira.Op.CREATE, () -> new RateLimitedException("credential ci: POST jira.example.com/rest/pat/"
                + "latest/tokens -> 429: Jira is rate limiting this credential", Duration.ofMinutes(30)));
        Instant now = f.clock.instant();

        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateIfDue(f.spec()));
        f.output(e.getMessage());
        assertEquals(now.plus(Duration.ofMinutes(30)), f.state("ci").nextAttemptAt());
        int calls = f.jira.calls().size();
        RotationResult deferred = rotator.rotateIfDue(second);
        f.output(deferred);
        assertEquals(RotationResult.Outcome.DEFERRED, deferred.outcome());
        assertEquals(calls, f.jira.calls().size());
        assertTrue(f.store.load("ci2").isEmpty(), "a deferred credential records no failure");

        f.clock.advance(Duration.ofMinutes(30));
        assertEquals(RotationResult.Outcome.ROTATED, rotator.rotateIfDue(second).outcome());
        assertEquals(RotationResult.Outcome.ROTATED, rotator.rotateIfDue(f.spec()).outcome());
    }

    @Test
    void fullDiskWhenStoringThePendingTokenAbortsRevokesTheNewTokenAndKeepsTheOldOneCurrent() {
        PatRotator rotator = f.rotator();
        f.store.failSaves(s -> s.secret(PatState.PENDING) != null, FaultyStore.DISK_FULL);

        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateNow(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(Failure.CONFIGURATION, e.failure());
        assertEquals(RotationStep.PENDING, e.step());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        List<FakeJira.Token> created = f.jira.tokens().stream().filter(t -> t.name.startsWith("jira-access-ci-rot")).toList();
        assertEquals(1, created.size());
        assertFalse(created.get(0).live(f.clock.instant()), "the token that could not be stored was revoked");
        PatState st = f.state("ci");
        assertNull(st.storedCurrent());
        assertNull(st.pending());
        List<AuditEvent> revoked = f.events("credential.revoked");
        assertEquals(1, revoked.size());
        assertTrue(revoked.get(0).getString("event.reason").startsWith("not stored (state cannot be written"),
                revoked.get(0).getString("event.reason"));
        assertEquals(Long.toString(created.get(0).id), revoked.get(0).getString("jira_access.credential.token_id"));
        assertEquals(f.jira.bySecret(f.initialToken).orElseThrow(), f.jira.live().get(0));

        f.store.heal();
        f.clock.advance(Duration.ofMinutes(5));
        RotationResult r = rotator.rotateIfDue(f.spec());
        assertEquals(RotationResult.Outcome.ROTATED, r.outcome());
        assertEquals(2, f.jira.live().size(), "the new current token and the credential file's token in its grace period");
    }

    @Test
    void readOnlyStoreAbortsBeforeAnythingIsCreatedAtJira() {
        f.store.failSaves(s -> true, FaultyStore.READ_ONLY);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> f.rotator().rotateNow(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(RotationStep.START, e.step());
        assertEquals(Failure.CONFIGURATION, e.failure());
        assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
        assertEquals(0, f.jira.count(FakeJira.Op.CREATE));
        assertTrue(f.store.load("ci").isEmpty(), "nothing could be written, not even the failure count");
        assertTrue(f.log.all().contains("the rotation failure could not be recorded in the store"), f.log.all());
    }

    @Test
    void storeFailingAtPromotionKeepsThePendingTokenAndALaterCyclePromotesThatSameToken() {
        PatRotator rotator = f.rotator();
        f.store.failSaves(s -> s.secret(PatState.CURRENT) != null, FaultyStore.DISK_FULL);

        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateNow(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(RotationStep.PROMOTE, e.step());
        PatState.Pending pending = f.state("ci").pending();
        assertNotNull(pending);
        assertNull(f.state("ci").storedCurrent());
        assertTrue(f.jira.token(pending.id()).orElseThrow().live(f.clock.instant()), "the pending token is kept, not lost");

        f.store.heal();
        f.clock.advance(Duration.ofMinutes(5));
        RotationResult r = rotator.rotateIfDue(f.spec());
        assertEquals(RotationResult.Outcome.ROTATED, r.outcome());
        assertEquals(e.rotationId(), r.rotationId());
        assertEquals(pending.id(), r.current().id());
        assertEquals(1, f.jira.count(FakeJira.Op.CREATE));
    }

    @Test
    void jiraUnavailableWhileTestingKeepsThePendingTokenForTheNextCycle() {
        PatRotator rotator = f.rotator();
        f.jira.failNext(FakeJira.Op.MYSELF, RotationFailureTest::unavailable);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateNow(f.spec()));
        f.output(e.getMessage());
        assertEquals(RotationStep.TEST, e.step());
        PatState.Pending pending = f.state("ci").pending();
        assertNotNull(pending);

        f.clock.advance(Duration.ofMinutes(5));
        RotationResult r = rotator.rotateIfDue(f.spec());
        assertEquals(pending.id(), r.current().id());
        assertEquals(1, f.jira.count(FakeJira.Op.CREATE));
    }

    @Test
    void pendingTokenJiraRejectsIsRevokedAndTheRotationAbandoned() {
        f.listener = (c, r, s) -> {
            if (s == RotationStep.PENDING) {
                long id = f.state("ci").pending().id();
                f.jira.token(id).orElseThrow().revokedAt = f.clock.instant(); // an admin revoked it meanwhile
            }
        };
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> f.rotator().rotateNow(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(Failure.AUTHENTICATION, e.failure());
        assertEquals(RotationStep.TEST, e.step());
        assertInstanceOf(AuthenticationException.class, e.getCause());
        PatState st = f.state("ci");
        assertNull(st.pending());
        assertNull(st.inProgress());
        assertEquals(1, st.failures());
        assertEquals(List.of("start", "create", "pending", "abandon", "test!"), f.steps());

        f.listener = RotationListener.NONE;
        f.clock.advance(Duration.ofMinutes(5));
        assertEquals(RotationResult.Outcome.ROTATED, f.rotator().rotateIfDue(f.spec()).outcome());
    }

    @Test
    void newTokenOfAnotherJiraUserIsRevokedAndTheMisconfigurationNamed() {
        PatSpec wrongUser = f.spec("  username: someone-else\n  password: ${env:OTHER_PASSWORD}\n");
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> f.rotator().rotateNow(wrongUser));
        f.output(SecretLeaks.messages(e));
        assertEquals(Failure.CONFIGURATION, e.failure());
        assertTrue(e.getMessage().contains("the new token acts as Jira user 'someone-else', not as the user of the "
                + "current token; rotation.username must name the current token's user; the new token was revoked"),
                e.getMessage());
        assertEquals(List.of(f.jira.bySecret(f.initialToken).orElseThrow()), f.jira.live());
        assertNull(f.state("ci").storedCurrent());
    }

    @Test
    void unexpectedErrorIsCountedSoPeriodicCallersBackOffToo() {
        f.listener = (c, r, s) -> {
            if (s == RotationStep.CREATE) {
                throw new IllegalStateException("bug");
            }
        };
        assertThrows(IllegalStateException.class, () -> f.rotator().rotateNow(f.spec()));
        assertEquals(1, f.state("ci").failures());
        assertEquals(RotationResult.Outcome.BACKING_OFF, f.rotator().rotateIfDue(f.spec()).outcome());
    }
}
