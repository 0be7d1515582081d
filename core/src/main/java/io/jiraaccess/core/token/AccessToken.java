package io.jiraaccess.core.token;

import io.jiraaccess.core.secret.SecretValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * How long the token still works at {@code now}: zero once expired, empty when its expiry is unknown. A step
     * that runs for a known time refuses a token that would not outlive it.
     */
    public Optional<Duration> remaining(Instant now) {
        if (expiresAt == null) {
            return Optional.empty();
        }
        return Optional.of(isExpired(now) ? Duration.ZERO : Duration.between(now, expiresAt));
    }
}
