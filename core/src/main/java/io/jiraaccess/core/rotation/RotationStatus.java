package io.jiraaccess.core.rotation;

import java.time.Instant;
import java.util.List;

/**
 * A credential's rotation state as the store has it, for management pages and the audit daemon: read without
 * calling Jira and without taking the rotation lock.
 *
 * @param current            the token in use (from the store, or the credential file's before the first rotation)
 * @param fromCredentialFile true before the first rotation: the credential file's token is in use, its age unknown
 * @param dueAt              when the current token is due ({@code rotation.everyDays} after its creation); null when
 *                           unknown, which counts as due
 * @param rotationId         the unfinished rotation, or null
 * @param step               its last completed step ({@code start} or {@code pending}), or null
 * @param failures           failed cycles in a row
 * @param nextAttemptAt      no attempt before this (backoff), or null
 * @param markedFailedAt     when the credential was marked as failing rotation, or null
 * @param previous           superseded tokens awaiting revocation
 * @param configuredNotRevoked fingerprint of the credential file's token when it could not be revoked (revoke it in
 *                           Jira by hand), or null
 */
public record RotationStatus(String credentialId, boolean managed, TokenRef current, boolean fromCredentialFile,
                             Instant currentCreatedAt, Instant dueAt, boolean due, String rotationId, RotationStep step,
                             Instant rotationStartedAt, int failures, Instant nextAttemptAt, String lastError,
                             Instant markedFailedAt, List<Superseded> previous, Instant lastRotatedAt,
                             String configuredNotRevoked) {
    public RotationStatus {
        previous = List.copyOf(previous);
    }

    /** A superseded token and when its grace period ends. */
    public record Superseded(TokenRef token, Instant revokeAfter) {
    }

    public boolean markedFailed() {
        return markedFailedAt != null;
    }

    public boolean inProgress() {
        return rotationId != null;
    }
}
