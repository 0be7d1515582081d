package io.jiraaccess.core.rotation;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.secret.SecretReferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatRotatorTest {
    private final RotationFixture f = new RotationFixture();

    @AfterEach
    void noLeaks() {
        f.assertNoSecretLeaked();
        f.close();
    }

    @Test
    void firstRotationReplacesTheCredentialFilesTokenAndKeepsItForTheGracePeriod() {
        PatSpec spec = f.spec();
        RotationResult result = f.rotator().rotateIfDue(spec);
        f.output(result);

        assertEquals(RotationResult.Outcome.ROTATED, result.outcome());
        PatState st = f.state("ci");
        PatState.Current current = st.storedCurrent();
        assertNotNull(current);
        FakeJira.Token created = f.jira.token(current.id()).orElseThrow();
        assertEquals(created.secret, current.token().reveal());
        assertEquals("jira-access-ci-" + result.rotationId(), created.name);
        assertTrue(TokenNames.isRotationId(result.rotationId()));
        assertEquals(f.clock.instant().plus(Duration.ofDays(60)), current.expiresAt());
        assertEquals(current.expiresAt(), result.current().expiresAt());
        // the credential file's token still works during the grace period
        assertEquals(2, f.jira.live().size());
        List<PatState.Previous> previous = st.previous();
        assertEquals(1, previous.size());
        assertEquals(PatState.CONFIGURED_SLOT, previous.get(0).slot());
        assertEquals(f.clock.instant().plus(Duration.ofMinutes(60)), previous.get(0).revokeAfter());
        assertEquals(f.fingerprinter.fingerprint(spec.token()), previous.get(0).fingerprint());
        assertNull(st.inProgress());
        assertNull(st.pending());
        assertEquals(0, st.failures());
        assertEquals("key-ci-bot", st.userIdentity());
    }

    @Test
    void currentTokenIsStoredUnderTheKeysThePatAuthenticatorReads() {
        f.rotator().rotateIfDue(f.spec());
        PatState st = f.state("ci");
        var raw = st.raw();
        assertEquals(st.storedCurrent().token(), raw.secret("pat.current"));
        assertEquals(Long.toString(st.storedCurrent().id()), raw.attribute("pat.current.id"));
        assertEquals(st.storedCurrent().expiresAt().toString(), raw.attribute("pat.current.expiresAt"));
    }

    @Test
    void eachStepRaisesAnEventWithTheRotationIdAndTheFingerprintOfTheTokenConcerned() {
        PatSpec spec = f.spec();
        RotationResult result = f.rotator().rotateIfDue(spec);

        assertEquals(List.of("start", "create", "pending", "test", "promote"), f.steps());
        String newFingerprint = f.fingerprinter.fingerprint(f.state("ci").storedCurrent().token());
        for (AuditEvent e : f.events("rotation.step")) {
            assertEquals(result.rotationId(), e.getString("jira_access.rotation.id"));
            assertEquals("ci", e.credentialId());
            assertEquals("pat", e.getString("jira_access.credential.kind"));
            assertEquals("https://jira.example.com", e.getString("jira_access.jira.site"));
            assertEquals("datacenter", e.getString("jira_access.jira.flavor"));
            assertEquals("ci-runner-1", e.getString("service.name"));
            assertEquals("success", e.outcome());
            String expected = e.getString("jira_access.rotation.step").equals("start")
                    ? f.fingerprinter.fingerprint(spec.token()) : newFingerprint;
            assertEquals(expected, e.fingerprint(), "fingerprint of step " + e.getString("jira_access.rotation.step"));
        }
        List<AuditEvent> rotated = f.events("credential.rotated");
        assertEquals(1, rotated.size());
        assertEquals(newFingerprint, rotated.get(0).fingerprint());
        assertEquals(f.fingerprinter.fingerprint(spec.token()), rotated.get(0).getString("jira_access.rotation.previous_fingerprint"));
        assertEquals(Long.toString(result.current().id()), rotated.get(0).getString("jira_access.credential.token_id"));
        assertEquals("ci-bot", rotated.get(0).getString("user.name"));
        assertEquals("iam", ((List<?>) rotated.get(0).get("event.category")).get(0));
    }

    @Test
    void notDueUntilEveryDaysAfterTheCurrentTokensCreation() {
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        long created = f.jira.count(FakeJira.Op.CREATE);
        f.clock.advance(Duration.ofDays(30).minusSeconds(1));

        RotationResult early = rotator.rotateIfDue(f.spec());
        assertEquals(RotationResult.Outcome.NOT_DUE, early.outcome());
        assertEquals(created, f.jira.count(FakeJira.Op.CREATE));
        assertEquals(f.state("ci").storedCurrent().createdAt().plus(Duration.ofDays(30)), early.nextDueAt());

        f.clock.advance(Duration.ofSeconds(1));
        RotationResult due = rotator.rotateIfDue(f.spec());
        assertEquals(RotationResult.Outcome.ROTATED, due.outcome());
        assertEquals(created + 1, f.jira.count(FakeJira.Op.CREATE));
        f.output(early);
        f.output(due);
    }

    @Test
    void previousTokenIsRevokedOnlyAfterTheGracePeriod() {
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofDays(30));
        rotator.rotateIfDue(f.spec());
        PatState st = f.state("ci");
        PatState.Previous previous = st.previous().stream().filter(p -> p.id() != null).findFirst().orElseThrow();
        f.clearEvents();

        f.clock.advance(Duration.ofMinutes(59));
        RotationResult during = rotator.rotateIfDue(f.spec());
        assertTrue(during.revoked().isEmpty());
        assertTrue(f.jira.token(previous.id()).orElseThrow().live(f.clock.instant()));

        f.clock.advance(Duration.ofMinutes(1));
        RotationResult after = rotator.rotateIfDue(f.spec());
        assertEquals(List.of(previous.id()), after.revoked());
        assertFalse(f.jira.token(previous.id()).orElseThrow().live(f.clock.instant()));
        assertTrue(f.state("ci").previous().isEmpty());
        List<AuditEvent> revoked = f.events("credential.revoked");
        assertEquals(1, revoked.size());
        assertEquals(previous.fingerprint(), revoked.get(0).fingerprint());
        assertEquals(Long.toString(previous.id()), revoked.get(0).getString("jira_access.credential.token_id"));
        assertEquals(List.of("revoke"), f.steps());
        f.output(during);
        f.output(after);
    }

    @Test
    void credentialFilesTokenIsRevokedAfterGraceWhenItsNameIdentifiesIt() {
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofMinutes(60));
        RotationResult result = rotator.rotateIfDue(f.spec());

        FakeJira.Token initial = f.jira.bySecret(f.initialToken).orElseThrow();
        assertEquals(List.of(initial.id), result.revoked());
        assertFalse(initial.live(f.clock.instant()));
        assertEquals(1, f.jira.live().size());
        assertNull(f.state("ci").configuredNotRevoked());
    }

    @Test
    void credentialFilesTokenThatCannotBeIdentifiedIsReportedNotGuessed() {
        f.jira.mint(RotationFixture.USER, "jira-access-ci", 90); // a second token with the same name: ambiguous
        PatRotator rotator = f.rotator();
        rotator.rotateIfDue(f.spec());
        f.clock.advance(Duration.ofMinutes(60));
        RotationResult result = rotator.rotateIfDue(f.spec());

        assertTrue(result.revoked().isEmpty());
        assertTrue(f.jira.bySecret(f.initialToken).orElseThrow().live(f.clock.instant()));
        assertEquals(f.fingerprinter.fingerprint(f.spec().token()), f.state("ci").configuredNotRevoked());
        List<AuditEvent> failed = f.events("credential.revoked");
        assertEquals(1, failed.size());
        assertEquals("failure", failed.get(0).outcome());
        assertTrue(failed.get(0).getString("event.reason").contains("revoke it by hand"), failed.get(0).getString("event.reason"));
        assertTrue(f.rotator().status(f.spec()).configuredNotRevoked() != null);
    }

    @Test
    void zeroGraceRevokesThePreviousTokenInTheSameCycle() {
        PatRotator rotator = f.rotator();
        PatSpec noGrace = parse("graceMinutes: 0");
        RotationResult first = rotator.rotateNow(noGrace);
        RotationResult second = rotator.rotateNow(noGrace);
        f.output(first);
        f.output(second);

        assertEquals(List.of(f.jira.bySecret(f.initialToken).orElseThrow().id), first.revoked());
        assertEquals(List.of(first.current().id()), second.revoked());
        assertEquals(1, f.jira.live().size());
        assertEquals(second.current().id(), f.jira.live().get(0).id);
        assertTrue(f.state("ci").previous().isEmpty());
    }

    @Test
    void rotateNowRotatesATokenThatIsNotDue() {
        PatRotator rotator = f.rotator();
        RotationResult first = rotator.rotateIfDue(f.spec());
        RotationResult forced = rotator.rotateNow(f.spec());
        assertEquals(RotationResult.Outcome.ROTATED, forced.outcome());
        assertNotEquals(first.current().id(), forced.current().id());
        assertNotEquals(first.rotationId(), forced.rotationId());
        assertEquals(2, f.state("ci").previous().size());
    }

    @Test
    void basicUsernameAndPasswordCreateTheTokenWhenConfigured() {
        PatSpec spec = f.spec("  username: ci-bot\n  password: ${env:CI_PASSWORD}\n");
        f.rotator().rotateIfDue(spec);
        List<FakeJira.Call> creates = f.jira.calls().stream().filter(c -> c.op() == FakeJira.Op.CREATE).toList();
        assertEquals(1, creates.size());
        assertEquals("Basic", creates.get(0).scheme());
    }

    @Test
    void currentBearerTokenCreatesTheTokenWithoutBasicSettings() {
        f.rotator().rotateIfDue(f.spec());
        List<FakeJira.Call> creates = f.jira.calls().stream().filter(c -> c.op() == FakeJira.Op.CREATE).toList();
        assertEquals(1, creates.size());
        assertEquals("Bearer", creates.get(0).scheme());
    }

    @Test
    void statusShowsWhatTheStoreHoldsWithoutCallingJira() {
        PatRotator rotator = f.rotator();
        RotationStatus before = rotator.status(f.spec());
        assertTrue(before.fromCredentialFile());
        assertTrue(before.due());
        assertNull(before.dueAt());

        RotationResult r = rotator.rotateIfDue(f.spec());
        int calls = f.jira.calls().size();
        RotationStatus after = rotator.status(f.spec());
        f.output(after);
        assertEquals(calls, f.jira.calls().size());
        assertFalse(after.fromCredentialFile());
        assertFalse(after.due());
        assertEquals(r.current(), after.current());
        assertEquals(f.clock.instant().plus(Duration.ofDays(30)), after.dueAt());
        assertEquals(1, after.previous().size());
        assertEquals(f.clock.instant(), after.lastRotatedAt());
        assertFalse(after.inProgress());
        assertFalse(after.markedFailed());
    }

    @Test
    void credentialWithoutRotationSettingsIsRefusedWithTheFix() {
        PatSpec plain = (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(f.env)).parse("plain.yaml",
                "kind: pat\nsite: https://jira.example.com\ntoken: ${env:CI_PAT}\n", "plain");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> f.rotator().rotateIfDue(plain));
        assertEquals("credential plain: has no rotation settings; add a rotation: block (everyDays, expiryDays, "
                + "graceMinutes, tokenName) to the credential file", e.getMessage());
        assertEquals(0, f.jira.calls().size());
    }

    @Test
    void cloudSiteIsRefusedBecausePersonalAccessTokensAreDataCenterOnly() {
        PatSpec cloud = (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(f.env)).parse("c.yaml",
                "kind: pat\nsite: https://acme.atlassian.net\ntoken: ${env:CI_PAT}\nrotation:\n  everyDays: 30\n", "c");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> f.rotator().rotateNow(cloud));
        assertTrue(e.getMessage().startsWith("credential c: personal access tokens exist only in Jira Data Center"),
                e.getMessage());
        assertEquals(0, f.jira.calls().size());
    }

    @Test
    void overlongTokenNameIsRefusedBeforeAnythingIsCreated() {
        PatSpec spec = parse("tokenName: " + "n".repeat(229));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> f.rotator().rotateNow(spec));
        assertTrue(e.getMessage().contains("rotation.tokenName is longer than 228 characters"), e.getMessage());
        assertEquals(0, f.jira.calls().size());
    }

    @Test
    void lastRotatedAtAndCreationTimesFollowTheClock() {
        Instant start = f.clock.instant();
        f.rotator().rotateIfDue(f.spec());
        assertEquals(start, f.state("ci").lastRotatedAt());
        assertEquals(start, f.state("ci").storedCurrent().createdAt());
    }

    private PatSpec parse(String rotationLine) {
        String yaml = "id: ci\nkind: pat\nsite: https://jira.example.com\ntoken: ${env:CI_PAT}\nrotation:\n"
                + "  everyDays: 30\n  expiryDays: 60\n  " + rotationLine + "\n";
        return (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(f.env)).parse("ci.yaml", yaml, "ci");
    }
}
