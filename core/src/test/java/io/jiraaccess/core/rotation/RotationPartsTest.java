package io.jiraaccess.core.rotation;

import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pieces: backoff, token names, locks, the store view. */
class RotationPartsTest {
    @Test
    void backoffDoublesFromTheFirstWaitAndStopsAtTheMaximum() {
        RotationSettings s = new RotationSettings(Duration.ofMinutes(5), Duration.ofHours(1), 5);
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40),
                        Duration.ofHours(1), Duration.ofHours(1)),
                List.of(s.backoff(1), s.backoff(2), s.backoff(3), s.backoff(4), s.backoff(5), s.backoff(50)));
    }

    @Test
    void settingsThatWouldRetryInATightLoopAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RotationSettings(Duration.ZERO, Duration.ofHours(1), 5));
        assertEquals("firstBackoff must be positive, or failures would be retried in a tight loop", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RotationSettings(Duration.ofHours(2), Duration.ofHours(1), 5));
        assertThrows(IllegalArgumentException.class, () -> new RotationSettings(Duration.ofHours(1), Duration.ofHours(1), 0));
    }

    @Test
    void tokenNamesCarryTheRotationIdAndOnlyThatExactShapeCountsAsOurs() {
        TokenNames names = new TokenNames("ci.bot (prod)");
        String id = TokenNames.newRotationId(Instant.parse("2025-03-01T10:15:00.123Z"));
        assertTrue(id.matches("rot20250301T101500Z-[0-9a-f]{6}"), id);
        assertEquals("ci.bot (prod)-" + id, names.tokenName(id));
        assertTrue(names.isOurs(names.tokenName(id)));
        assertFalse(names.isOurs("ci.bot (prod)"));
        assertFalse(names.isOurs("ci.bot (prod)-laptop"));
        assertFalse(names.isOurs("ciXbot (prod)-" + id), "the prefix is matched literally, not as a pattern");
        assertFalse(names.isOurs(names.tokenName(id) + "x"));
    }

    @Test
    void fileLockIsExclusiveUntilReleased(@TempDir Path dir) {
        RotationLocks locks = RotationLocks.files(dir);
        Optional<RotationLocks.Held> first = locks.tryLock("ci");
        assertTrue(first.isPresent());
        assertTrue(RotationLocks.files(dir).tryLock("ci").isEmpty(), "a second rotator in this JVM is refused");
        assertTrue(locks.tryLock("other").isPresent(), "locks are per credential");
        first.get().close();
        Optional<RotationLocks.Held> again = locks.tryLock("ci");
        assertTrue(again.isPresent());
        again.get().close();
    }

    @Test
    void fileLockRefusesIdsThatCannotNameAFile(@TempDir Path dir) {
        StoreException e = assertThrows(StoreException.class, () -> RotationLocks.files(dir).tryLock("../x"));
        assertTrue(e.getMessage().startsWith("credential id '../x' cannot name a lock file"), e.getMessage());
    }

    @Test
    void inProcessLockIsExclusiveUntilReleased() throws Exception {
        RotationLocks locks = RotationLocks.inProcess();
        RotationLocks.Held held = locks.tryLock("ci").orElseThrow();
        assertTrue(locks.tryLock("ci").isEmpty(), "not reentrant: a nested cycle must not run");
        Thread other = new Thread(() -> assertTrue(locks.tryLock("ci").isEmpty()));
        other.start();
        other.join();
        held.close();
        locks.tryLock("ci").orElseThrow().close();
    }

    @Test
    void corruptStoreAttributeIsNamedWithTheFix() {
        PatState st = new PatState("ci", new CredentialState(Map.of(PatState.CURRENT_ID, "12x"),
                Map.of(PatState.CURRENT, SecretValue.of("tok"))));
        StoreException e = assertThrows(StoreException.class, st::storedCurrent);
        assertEquals("credential ci: store attribute pat.current.id is not a number; repair the store file, or delete it "
                + "and let the next rotation start from the credential file", e.getMessage());
    }

    @Test
    void heldIdsAreCurrentPendingAndPrevious() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        PatState st = new PatState("ci", CredentialState.EMPTY)
                .started("rot20250301T100000Z-000001", "n", t)
                .withPending(new PatState.Pending(SecretValue.of("secret-token-one"), 11, "n", t, t.plusSeconds(60)));
        st = st.promoted(st.current(SecretValue.of("file")), "fp", t, "key-u", "u", t)
                .started("rot20250301T100000Z-000002", "n2", t)
                .withPending(new PatState.Pending(SecretValue.of("secret-token-two"), 12, "n2", t, t.plusSeconds(60)));
        st = st.promoted(st.current(SecretValue.of("file")), "fp", t, "key-u", "u", t)
                .started("rot20250301T100000Z-000003", "n3", t)
                .withPending(new PatState.Pending(SecretValue.of("secret-token-three"), 13, "n3", t, t.plusSeconds(60)));
        assertEquals(Set.of(11L, 12L, 13L), st.heldIds());
        assertEquals(2, st.previous().size(), "the credential file's token and token 11");
        SecretLeaks.assertAbsent(List.of("secret-token-one", "secret-token-two", "secret-token-three"), st.toString());
    }
}
