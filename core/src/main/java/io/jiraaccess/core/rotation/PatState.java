package io.jiraaccess.core.rotation;

import io.jiraaccess.core.auth.PatAuthenticator;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A PAT credential's rotation state, as stored in the {@link io.jiraaccess.core.store.CredentialStore}: a typed view
 * over {@link CredentialState} whose {@code with*} methods return the state to save next. The keys of the current
 * token are the ones {@code io.jiraaccess.core.auth.PatAuthenticator} reads ({@value #CURRENT}, {@value #CURRENT_ID},
 * {@value #CURRENT_EXPIRES_AT}); times are ISO-8601 instants.
 */
public final class PatState {
    /** Secret: the token in use. Absent until the first rotation: the credential file's token is in use then. */
    public static final String CURRENT = PatAuthenticator.CURRENT;
    public static final String CURRENT_ID = PatAuthenticator.CURRENT_ID;
    public static final String CURRENT_EXPIRES_AT = PatAuthenticator.CURRENT_EXPIRES_AT;
    public static final String CURRENT_CREATED_AT = "pat.current.createdAt";
    public static final String CURRENT_NAME = "pat.current.name";

    /** Secret: the token created by the rotation in progress, not yet current. */
    public static final String PENDING = "pat.pending";
    public static final String PENDING_ID = "pat.pending.id";
    public static final String PENDING_EXPIRES_AT = "pat.pending.expiresAt";
    public static final String PENDING_CREATED_AT = "pat.pending.createdAt";
    public static final String PENDING_NAME = "pat.pending.name";

    /** Superseded tokens waiting for their grace period to end: {@code pat.previous.<slot>.<field>}. */
    public static final String PREVIOUS = "pat.previous.";
    /** The slot of the credential file's token, whose Jira id is not known. */
    public static final String CONFIGURED_SLOT = "configured";

    /** The rotation in progress: its id, its last completed step, when it started, the name of its token. */
    public static final String ROTATION_ID = "rotation.id";
    public static final String ROTATION_STEP = "rotation.step";
    public static final String ROTATION_STARTED_AT = "rotation.startedAt";
    public static final String ROTATION_TOKEN_NAME = "rotation.tokenName";

    /** Failed cycles in a row, when the next may run, the last reason, and when the credential was marked failed. */
    public static final String FAILURES = "rotation.failures";
    public static final String NEXT_ATTEMPT_AT = "rotation.nextAttemptAt";
    public static final String LAST_ERROR = "rotation.lastError";
    public static final String FAILED_AT = "rotation.failedAt";
    public static final String LAST_ROTATED_AT = "rotation.lastRotatedAt";

    /** The Jira user the tokens act as, learned when a rotation was tested: later rotations must match it. */
    public static final String USER_IDENTITY = "pat.user.identity";
    public static final String USER_NAME = "pat.user.name";

    /** When every token of the credential was revoked on request (a compromised credential taken out of use). */
    public static final String REVOKED_AT = "pat.revokedAt";

    /** Fingerprint of the credential file's token when it could not be revoked (its Jira id unknown). */
    public static final String CONFIGURED_NOT_REVOKED = "pat.configured.notRevoked";

    private static final String PREVIOUS_ID = "id";
    private static final String PREVIOUS_NAME = "name";
    private static final String PREVIOUS_FINGERPRINT = "fingerprint";
    private static final String PREVIOUS_EXPIRES_AT = "expiresAt";
    private static final String PREVIOUS_REVOKE_AFTER = "revokeAfter";
    private static final String PREVIOUS_ROTATION_ID = "rotationId";

    /** The token in use: stored by a rotation, or (before the first) the credential file's, whose id is unknown. */
    public record Current(SecretValue token, Long id, String name, Instant createdAt, Instant expiresAt) {
        public boolean fromCredentialFile() {
            return id == null;
        }
    }

    /** The token a rotation created and stored, before it is current. */
    public record Pending(SecretValue token, long id, String name, Instant createdAt, Instant expiresAt) {
    }

    /** A rotation not yet finished: {@code step} is the last one completed ({@link RotationStep#START} or {@link RotationStep#PENDING}). */
    public record InProgress(String rotationId, RotationStep step, Instant startedAt, String tokenName) {
    }

    /** A superseded token, revoked once {@code revokeAfter} has passed; {@code id} is null for the credential file's token. */
    public record Previous(String slot, Long id, String name, String fingerprint, Instant expiresAt, Instant revokeAfter,
                           String rotationId) {
    }

    private final String credentialId;
    private final CredentialState raw;

    public PatState(String credentialId, CredentialState raw) {
        this.credentialId = credentialId;
        this.raw = raw == null ? CredentialState.EMPTY : raw;
    }

    public CredentialState raw() {
        return raw;
    }

    /** The stored current token, or null before the first rotation. */
    public Current storedCurrent() {
        SecretValue token = raw.secret(CURRENT);
        if (token == null) {
            return null;
        }
        return new Current(token, longAttr(CURRENT_ID), raw.attribute(CURRENT_NAME), instant(CURRENT_CREATED_AT),
                instant(CURRENT_EXPIRES_AT));
    }

    /** The token in use: the stored one, else {@code configured} (the credential file's) with nothing known about it. */
    public Current current(SecretValue configured) {
        Current stored = storedCurrent();
        return stored != null ? stored : new Current(configured, null, null, null, null);
    }

    public Pending pending() {
        SecretValue token = raw.secret(PENDING);
        Long id = longAttr(PENDING_ID);
        if (token == null || id == null) {
            return null;
        }
        return new Pending(token, id, raw.attribute(PENDING_NAME), instant(PENDING_CREATED_AT), instant(PENDING_EXPIRES_AT));
    }

    public InProgress inProgress() {
        String id = raw.attribute(ROTATION_ID);
        if (id == null) {
            return null;
        }
        String stepName = raw.attribute(ROTATION_STEP);
        RotationStep step = RotationStep.fromId(stepName);
        if (step != RotationStep.START && step != RotationStep.PENDING) {
            throw corrupt(ROTATION_STEP, "'" + stepName + "' is not a resumable step (start or pending)");
        }
        return new InProgress(id, step, instant(ROTATION_STARTED_AT), raw.attribute(ROTATION_TOKEN_NAME));
    }

    /** The superseded tokens not yet revoked, oldest revocation first. */
    public List<Previous> previous() {
        Set<String> slots = new LinkedHashSet<>();
        for (String key : raw.attributes().keySet()) {
            if (key.startsWith(PREVIOUS)) {
                String rest = key.substring(PREVIOUS.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    slots.add(rest.substring(0, dot));
                }
            }
        }
        List<Previous> out = new ArrayList<>();
        for (String slot : slots) {
            String p = PREVIOUS + slot + ".";
            out.add(new Previous(slot, longAttr(p + PREVIOUS_ID), raw.attribute(p + PREVIOUS_NAME),
                    raw.attribute(p + PREVIOUS_FINGERPRINT), instant(p + PREVIOUS_EXPIRES_AT),
                    instant(p + PREVIOUS_REVOKE_AFTER), raw.attribute(p + PREVIOUS_ROTATION_ID)));
        }
        out.sort((a, b) -> compare(a.revokeAfter(), b.revokeAfter()));
        return out;
    }

    /** Token ids the store holds (current, pending, previous): every other live token named like ours is an orphan. */
    public Set<Long> heldIds() {
        Set<Long> ids = new LinkedHashSet<>();
        Current c = storedCurrent();
        if (c != null && c.id() != null) {
            ids.add(c.id());
        }
        Long pendingId = longAttr(PENDING_ID);
        if (pendingId != null) {
            ids.add(pendingId);
        }
        for (Previous p : previous()) {
            if (p.id() != null) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    public int failures() {
        Long n = longAttr(FAILURES);
        return n == null ? 0 : n.intValue();
    }

    public Instant nextAttemptAt() {
        return instant(NEXT_ATTEMPT_AT);
    }

    public String lastError() {
        return raw.attribute(LAST_ERROR);
    }

    /** When the credential was marked as failing rotation, or null. */
    public Instant failedAt() {
        return instant(FAILED_AT);
    }

    public Instant lastRotatedAt() {
        return instant(LAST_ROTATED_AT);
    }

    public String userIdentity() {
        return raw.attribute(USER_IDENTITY);
    }

    public String userName() {
        return raw.attribute(USER_NAME);
    }

    public String configuredNotRevoked() {
        return raw.attribute(CONFIGURED_NOT_REVOKED);
    }

    // ---- transitions -------------------------------------------------------------------------------------

    /** Records the intent to rotate before anything exists at Jira, so a crash after the create is recognisable. */
    public PatState started(String rotationId, String tokenName, Instant now) {
        return with(raw.with(ROTATION_ID, rotationId)
                .with(ROTATION_STEP, RotationStep.START.id())
                .with(ROTATION_STARTED_AT, now.toString())
                .with(ROTATION_TOKEN_NAME, tokenName));
    }

    public PatState withPending(Pending p) {
        return with(raw.withSecret(PENDING, p.token())
                .with(PENDING_ID, Long.toString(p.id()))
                .with(PENDING_NAME, p.name())
                .with(PENDING_CREATED_AT, str(p.createdAt()))
                .with(PENDING_EXPIRES_AT, str(p.expiresAt()))
                .with(ROTATION_STEP, RotationStep.PENDING.id()));
    }

    /**
     * The pending token becomes current; the old current is kept as previous until {@code revokeAfter}. Clears the
     * rotation in progress and the failure count.
     */
    public PatState promoted(Current old, String oldFingerprint, Instant revokeAfter, String identity, String userName,
                             Instant now) {
        Pending p = pending();
        if (p == null) {
            throw new IllegalStateException("nothing pending to promote");
        }
        String rotationId = raw.attribute(ROTATION_ID);
        CredentialState s = raw.without(PENDING).without(CURRENT).without("rotation.")
                .withSecret(CURRENT, p.token())
                .with(CURRENT_ID, Long.toString(p.id()))
                .with(CURRENT_NAME, p.name())
                .with(CURRENT_CREATED_AT, str(p.createdAt()))
                .with(CURRENT_EXPIRES_AT, str(p.expiresAt()))
                .with(LAST_ROTATED_AT, now.toString())
                .with(USER_IDENTITY, identity)
                .with(USER_NAME, userName);
        String slot = old.id() == null ? CONFIGURED_SLOT : Long.toString(old.id());
        String prefix = PREVIOUS + slot + ".";
        s = s.with(prefix + PREVIOUS_ID, old.id() == null ? null : Long.toString(old.id()))
                .with(prefix + PREVIOUS_NAME, old.name())
                .with(prefix + PREVIOUS_FINGERPRINT, oldFingerprint)
                .with(prefix + PREVIOUS_EXPIRES_AT, str(old.expiresAt()))
                .with(prefix + PREVIOUS_REVOKE_AFTER, revokeAfter.toString())
                .with(prefix + PREVIOUS_ROTATION_ID, rotationId);
        return with(s);
    }

    /** Forgets the rotation in progress and its pending token (after the token was revoked or never existed). */
    public PatState abandoned() {
        return with(raw.without(PENDING).without(ROTATION_ID).without(ROTATION_STEP).without(ROTATION_STARTED_AT)
                .without(ROTATION_TOKEN_NAME));
    }

    /** Records the Jira id of a superseded token found in Jira's list (the credential file's), before revoking it. */
    public PatState withPreviousId(String slot, long id, String name) {
        String prefix = PREVIOUS + slot + ".";
        return with(raw.with(prefix + PREVIOUS_ID, Long.toString(id)).with(prefix + PREVIOUS_NAME, name));
    }

    public PatState withoutPrevious(String slot) {
        return with(raw.without(PREVIOUS + slot + "."));
    }

    /**
     * Every token revoked on request: nothing current, pending or previous is kept, so the credential falls back to
     * its configured token (which an administrator replaces) instead of sending a revoked one forever.
     */
    public PatState revokedAll(Instant now) {
        return with(raw.without(CURRENT).without(PENDING).without(PREVIOUS).without("rotation.")
                .with(REVOKED_AT, now.toString()));
    }

    public PatState withConfiguredNotRevoked(String fingerprint) {
        return with(raw.with(CONFIGURED_NOT_REVOKED, fingerprint));
    }

    /** One more failed cycle: the next attempt not before {@code next}; {@code markedAt} once the credential is marked. */
    public PatState failed(int failures, Instant next, String reason, Instant markedAt) {
        return with(raw.with(FAILURES, Integer.toString(failures))
                .with(NEXT_ATTEMPT_AT, str(next))
                .with(LAST_ERROR, reason)
                .with(FAILED_AT, markedAt == null ? raw.attribute(FAILED_AT) : markedAt.toString()));
    }

    /** A successful cycle: no failure count, no backoff, no mark. */
    public PatState healthy() {
        return with(raw.with(FAILURES, null).with(NEXT_ATTEMPT_AT, null).with(LAST_ERROR, null).with(FAILED_AT, null));
    }

    private PatState with(CredentialState s) {
        return new PatState(credentialId, s);
    }

    // ---- parsing -----------------------------------------------------------------------------------------

    private Instant instant(String key) {
        String v = raw.attribute(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw corrupt(key, "is not an ISO-8601 instant");
        }
    }

    private Long longAttr(String key) {
        String v = raw.attribute(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw corrupt(key, "is not a number");
        }
    }

    private StoreException corrupt(String key, String what) {
        return new StoreException("credential " + credentialId + ": store attribute " + key + " " + what
                + "; repair the store file, or delete it and let the next rotation start from the credential file");
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static int compare(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return "PatState{" + credentialId + ", " + raw + "}";
    }
}
