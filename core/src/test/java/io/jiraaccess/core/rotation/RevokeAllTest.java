package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.event.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Taking a PAT credential out of use revokes every token it has and forgets them. */
class RevokeAllTest {
    private final RotationFixture f = new RotationFixture();

    @AfterEach
    void noLeaks() {
        f.assertNoSecretLeaked();
        f.close();
    }

    @Test
    void currentAndPendingTokensAreRevokedAndForgotten() {
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofDays(30));
        f.jira.failNext(FakeJira.Op.MYSELF, () -> new JiraException(503, "credential ci: Jira failed"));
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> rotator.rotateIfDue(f.spec()));
        f.output(e.getMessage());
        long current = f.state("ci").storedCurrent().id();
        long pending = f.state("ci").pending().id();
        assertEquals(List.of(current, pending), f.jira.live().stream().map(t -> t.id).toList());
        f.clearEvents();

        RotationResult r = rotator.revokeAll(f.spec());
        f.output(r);

        assertEquals(RotationResult.Outcome.REVOKED, r.outcome());
        assertEquals(List.of(pending, current), r.revoked());
        assertEquals(List.of(), f.jira.live());
        PatState st = f.state("ci");
        assertNull(st.storedCurrent());
        assertNull(st.pending());
        assertNull(st.inProgress());
        assertTrue(st.previous().isEmpty());
        assertEquals(f.clock.instant().toString(), st.raw().attribute(PatState.REVOKED_AT));
        List<AuditEvent> revoked = f.events("credential.revoked");
        assertEquals(2, revoked.size());
        assertEquals("revoked on request", revoked.get(0).getString("event.reason"));
    }

    @Test
    void credentialFilesTokenInItsGracePeriodIsRevokedToo() {
        RotationResult rotated = f.rotator().rotateIfDue(f.spec());
        long initial = f.jira.bySecret(f.initialToken).orElseThrow().id;
        RotationResult r = f.rotator().revokeAll(f.spec());
        f.output(r);
        assertEquals(List.of(initial, rotated.current().id()), r.revoked());
        assertEquals(List.of(), f.jira.live());
    }

    @Test
    void neverRotatedCredentialsTokenIsFoundByItsNameAndRevoked() {
        RotationResult r = f.rotator().revokeAll(f.spec());
        f.output(r);
        long initial = f.jira.bySecret(f.initialToken).orElseThrow().id;
        assertEquals(List.of(initial), r.revoked());
        assertEquals(List.of(), f.jira.live());
        assertNotNull(f.state("ci").raw().attribute(PatState.REVOKED_AT));
    }
}
