package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.time.Instant;

/**
 * An Atlassian Cloud API token, sent as {@code Basic base64(email:token)}. Legacy: it cannot be created or
 * rotated through an API, so its expiry is tracked and its use is flagged for migration.
 *
 * @param expiresAt when Atlassian expires the token, or null when unknown
 */
public record ApiTokenSpec(Common common, String email, SecretValue token, Instant expiresAt) implements CredentialSpec {
    @Override
    public CredentialKind kind() {
        return CredentialKind.API_TOKEN;
    }
}
