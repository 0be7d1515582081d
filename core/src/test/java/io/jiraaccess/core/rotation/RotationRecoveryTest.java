package io.jiraaccess.core.rotation;

import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rotation stopped dead after any step (an {@link Error} thrown from the listener, which the rotator does not
 * catch, stands in for the process dying; the real-process kills are in jira-sim's RotationCrashIT) is completed by the next
 * cycle of a new rotator on the same store: one working current token, nothing pending, no live token named like
 * ours that the store does not hold.
 */
class RotationRecoveryTest {
    private final RotationFixture f = new RotationFixture();

    /** Stands in for the process dying: not an Exception, so nothing in the rotator handles it. */
    static final class Crash extends Error {
        Crash(RotationStep step) {
            super("crash after " + step);
        }
    }

    @AfterEach
    void noLeaks() {
        f.assertNoSecretLeaked();
        f.close();
    }

    @ParameterizedTest
    @EnumSource(value = RotationStep.class, names = {"START", "CREATE", "PENDING", "TEST", "PROMOTE"})
    void rotationInterruptedAfterAnyStepConvergesOnTheNextCycle(RotationStep step) {
        f.listener = (c, r, s) -> {
            if (s == step) {
                throw new Crash(s);
            }
        };
        assertThrows(Crash.class, () -> f.rotator().rotateNow(f.spec()));

        f.listener = RotationListener.NONE;
        RotationResult after = f.rotator().rotateIfDue(f.spec());
        f.output(after);

        assertConverged();
        PatState st = f.state("ci");
        if (step == RotationStep.PROMOTE) {
            assertEquals(RotationResult.Outcome.NOT_DUE, after.outcome(), "the rotation was complete before the crash");
        } else {
            assertEquals(RotationResult.Outcome.ROTATED, after.outcome());
        }
        assertEquals(step == RotationStep.CREATE ? 1 : 0, after.orphansRevoked().size());
        assertEquals(step == RotationStep.CREATE ? 2 : 1, f.jira.count(FakeJira.Op.CREATE));
        assertNotNull(st.storedCurrent());
    }

    @Test
    void tokenCreatedButNeverStoredIsFoundByItsNameAndRevoked() {
        f.listener = (c, r, s) -> {
            if (s == RotationStep.CREATE) {
                throw new Crash(s);
            }
        };
        assertThrows(Crash.class, () -> f.rotator().rotateNow(f.spec()));
        FakeJira.Token orphan = f.jira.live().stream().filter(t -> t.name.startsWith("jira-access-ci-rot")).findFirst().orElseThrow();
        String rotationId = f.state("ci").inProgress().rotationId();
        f.clearEvents();

        f.listener = RotationListener.NONE;
        RotationResult after = f.rotator().rotateIfDue(f.spec());

        assertEquals(List.of(orphan.id), after.orphansRevoked());
        assertFalse(orphan.live(f.clock.instant()));
        assertEquals(rotationId, after.rotationId(), "the interrupted rotation is completed, not a new one started");
        List<AuditEvent> revoked = f.events("credential.revoked");
        assertEquals(1, revoked.size());
        assertEquals("sweep", revoked.get(0).getString("jira_access.rotation.step"));
        assertEquals(Long.toString(orphan.id), revoked.get(0).getString("jira_access.credential.token_id"));
        assertNull(revoked.get(0).fingerprint(), "the orphan's secret was never stored, so it has no fingerprint");
        assertEquals(List.of("sweep", "create", "pending", "test", "promote"), f.steps());
    }

    @Test
    void revocationInterruptedAfterJiraRevokedIsCompletedAndNotRepeatedAtJira() {
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofDays(30));
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofHours(1));
        f.listener = (c, r, s) -> {
            if (s == RotationStep.REVOKE) {
                throw new Crash(s);
            }
        };
        assertThrows(Crash.class, () -> f.rotator().rotateIfDue(f.spec()));
        assertEquals(1, f.state("ci").previous().size(), "revoked at Jira, still recorded as previous");

        f.listener = RotationListener.NONE;
        RotationResult after = f.rotator().rotateIfDue(f.spec());
        f.output(after);
        assertTrue(f.state("ci").previous().isEmpty());
        assertEquals(1, after.revoked().size());
        assertConverged();
        assertEquals(1, f.jira.live().size());
    }

    @Test
    void crashAfterRevokingTheCredentialFilesTokenDoesNotReportItAsUnrevoked() {
        f.rotator().rotateIfDue(f.spec());
        f.clock.advance(Duration.ofMinutes(60));
        f.listener = (c, r, s) -> {
            if (s == RotationStep.REVOKE) {
                throw new Crash(s);
            }
        };
        assertThrows(Crash.class, () -> f.rotator().rotateIfDue(f.spec()));
        long initialId = f.jira.bySecret(f.initialToken).orElseThrow().id;
        assertEquals(initialId, f.state("ci").previous().get(0).id(), "identified and recorded before the revocation");

        f.listener = RotationListener.NONE;
        RotationResult after = f.rotator().rotateIfDue(f.spec());
        f.output(after);
        assertEquals(List.of(initialId), after.revoked());
        assertNull(f.state("ci").configuredNotRevoked());
        assertTrue(f.state("ci").previous().isEmpty());
        assertEquals(0, f.events("credential.revoked").stream().filter(e -> "failure".equals(e.outcome())).count());
    }

    @Test
    void secondTriggerWhileARotationRunsGetsRotationInProgressWithItsIdAndStep() throws Exception {
        CountDownLatch atCreate = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.listener = (c, r, s) -> {
            if (s == RotationStep.CREATE) {
                atCreate.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PatRotator rotator = f.rotator();
        CompletableFuture<RotationResult> first = CompletableFuture.supplyAsync(() -> rotator.rotateNow(f.spec()));
        assertTrue(atCreate.await(10, TimeUnit.SECONDS));
        String rotationId = f.state("ci").inProgress().rotationId();

        RotationInProgressException e = assertThrows(RotationInProgressException.class, () -> rotator.rotateNow(f.spec()));
        f.output(SecretLeaks.messages(e));
        assertEquals(rotationId, e.rotationId());
        assertEquals(RotationStep.START, e.step());
        assertEquals(5, e.failure().exitCode());
        assertTrue(e.getMessage().startsWith("credential ci: rotation in progress (rotation " + rotationId
                + ", last completed step start, started "), e.getMessage());
        release.countDown();
        RotationResult done = first.get(10, TimeUnit.SECONDS);
        assertEquals(rotationId, done.rotationId());
        assertEquals(1, f.jira.count(FakeJira.Op.CREATE), "the second trigger created nothing");
        assertEquals(0, f.state("ci").failures(), "being told a rotation is in progress is not a failure");
    }

    @Test
    void recoverRevokesOrphansNamedLikeOursAndLeavesOtherTokensAlone() {
        f.rotator().rotateIfDue(f.spec());
        long leftByAnotherCrash = f.jira.bySecret(f.jira.mint(RotationFixture.USER,
                "jira-access-ci-rot20240101T000000Z-abcdef", 60)).orElseThrow().id;
        long laptop = f.jira.bySecret(f.jira.mint(RotationFixture.USER, "jira-access-ci-laptop", 60)).orElseThrow().id;
        long lookalike = f.jira.bySecret(f.jira.mint(RotationFixture.USER,
                "jira-access-ci-rot20240101T000000Z-abcdef-copy", 60)).orElseThrow().id;

        RotationResult r = f.rotator().recover(f.spec());
        f.output(r);

        assertEquals(List.of(leftByAnotherCrash), r.orphansRevoked());
        assertEquals(RotationResult.Outcome.NOT_DUE, r.outcome());
        Set<Long> live = f.jira.live().stream().map(t -> t.id).collect(Collectors.toSet());
        assertTrue(live.contains(laptop));
        assertTrue(live.contains(lookalike));
        assertFalse(live.contains(leftByAnotherCrash));
        assertTrue(live.contains(f.state("ci").storedCurrent().id()));
        assertTrue(live.contains(f.jira.bySecret(f.initialToken).orElseThrow().id), "still in its grace period");
    }

    @Test
    void recoverStartsNoNewRotationEvenWhenDue() {
        RotationResult r = f.rotator().recover(f.spec());
        assertEquals(RotationResult.Outcome.NOT_DUE, r.outcome());
        assertEquals(0, f.jira.count(FakeJira.Op.CREATE));
        assertEquals(1, f.jira.count(FakeJira.Op.LIST));
    }

    /** The invariant a restart must reach. */
    private void assertConverged() {
        PatState st = f.state("ci");
        PatSpec spec = f.spec();
        assertNull(st.inProgress(), "no rotation left unfinished");
        assertNull(st.pending(), "no pending token");
        PatState.Current current = st.current(spec.token());
        assertTrue(f.jira.bySecret(current.token().reveal()).orElseThrow().live(f.clock.instant()),
                "the current token works");
        Set<Long> held = st.heldIds();
        List<FakeJira.Token> unheld = f.jira.live().stream()
                .filter(t -> t.name.startsWith("jira-access-ci-rot") && !held.contains(t.id)).toList();
        assertEquals(List.of(), unheld.stream().map(t -> t.id).toList(), "live tokens of ours nobody holds");
    }
}
