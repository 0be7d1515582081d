package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.time.Duration;

/**
 * A Jira Data Center personal access token, sent as {@code Authorization: Bearer}.
 *
 * @param token    the token to start from; once rotated, the credential store holds the current one
 * @param rotation how the token is rotated; {@link Rotation#NONE} when it is not managed
 */
public record PatSpec(Common common, SecretValue token, Rotation rotation) implements CredentialSpec {
    public PatSpec {
        rotation = rotation == null ? Rotation.NONE : rotation;
    }

    @Override
    public CredentialKind kind() {
        return CredentialKind.PAT;
    }

    /**
     * PAT rotation settings.
     *
     * @param everyDays  rotate when the current token is this old; 0 means not managed
     * @param expiryDays lifetime of each new token ({@code expirationDuration})
     * @param grace      how long the previous token stays valid after a rotation, for builds in flight
     * @param tokenName  name prefix of created tokens, so orphans can be recognised in the PAT list
     * @param username   optional Jira username for creating tokens with Basic auth (where Jira requires it)
     * @param password   the password for {@code username}
     */
    public record Rotation(int everyDays, int expiryDays, Duration grace, String tokenName, String username,
                           SecretValue password) {
        public static final Rotation NONE = new Rotation(0, 90, Duration.ofHours(1), null, null, null);

        public Rotation {
            grace = grace == null ? Duration.ofHours(1) : grace;
        }

        public boolean managed() {
            return everyDays > 0;
        }
    }
}
