package io.jiraaccess.core.rotation;

import java.time.Instant;
import java.util.List;

/**
 * What one rotation cycle did for one credential.
 *
 * @param rotationId     the rotation completed in this cycle, or the one waiting ({@link Outcome#BACKING_OFF}), or null
 * @param current        the token in use after the cycle (fingerprint, id, expiry; never its value)
 * @param revoked        ids of superseded tokens revoked in this cycle after their grace period
 * @param orphansRevoked ids of live tokens named like ours that no store slot held (left by a crash), revoked
 * @param nextDueAt      when the current token is due for rotation ({@code rotation.everyDays} after its creation)
 * @param message        one line for people, without secrets
 */
public record RotationResult(String credentialId, Outcome outcome, String rotationId, TokenRef current,
                             List<Long> revoked, List<Long> orphansRevoked, Instant nextDueAt, String message) {
    public RotationResult {
        revoked = List.copyOf(revoked);
        orphansRevoked = List.copyOf(orphansRevoked);
    }

    /** What happened to the credential. */
    public enum Outcome {
        /** A new token is current (a new rotation, or one a crash had interrupted). */
        ROTATED,
        /** Nothing was due; pending work (revocations, orphans) may have been done. */
        NOT_DUE,
        /** An earlier failure's backoff has not passed: nothing was attempted. */
        BACKING_OFF,
        /** Jira rate-limited this site recently: nothing was attempted, and no failure counted. */
        DEFERRED,
        /** Another thread or process is rotating the credential ({@link PatRotator#rotateAllIfDue} only). */
        IN_PROGRESS,
        /** Every token of the credential was revoked on request ({@link PatRotator#revokeAll}). */
        REVOKED,
        /** The cycle failed ({@link PatRotator#rotateAllIfDue} reports failures this way instead of throwing). */
        FAILED
    }
}
