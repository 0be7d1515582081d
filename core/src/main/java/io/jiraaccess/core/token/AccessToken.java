package io.jiraaccess.core.token;

import io.jiraaccess.core.secret.SecretValue;

import java.time.Instant;
import java.util.List;

/**
 * A bearer token and when it stops working.
 *
 * @param expiresAt when the issuer stops accepting it; null for tokens without a known expiry
 * @param scopes    what the issuer granted, when it said
 */
public record AccessToken(SecretValue value, Instant expiresAt, List<String> scopes) {
    public AccessToken {
        if (value == null) {
            throw new IllegalArgumentException("token value is required");
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
