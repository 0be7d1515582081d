package io.jiraaccess.core.auth;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * An Atlassian Cloud API token as {@code Authorization: Basic base64(email:token)} (legacy: the HTTP client flags
 * every use with a {@code basic_auth.used} event). A token past its configured {@code expiresAt} is not sent:
 * Atlassian would refuse it, and the operator needs to create a new one.
 */
public final class ApiTokenAuthenticator implements Authenticator {
    private final ApiTokenSpec spec;
    private final Clock clock;

    public ApiTokenAuthenticator(ApiTokenSpec spec, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ApiTokenSpec spec() {
        return spec;
    }

    @Override
    public AuthHeader authorize(String method, URI target) {
        if (spec.expiresAt() != null && !clock.instant().isBefore(spec.expiresAt())) {
            throw new AuthenticationException("credential " + spec.id() + ": the API token expired at " + spec.expiresAt()
                    + "; create a new API token at https://id.atlassian.com/manage-profile/security/api-tokens, update "
                    + "the secret and expiresAt, or better, migrate to OAuth 2.0 (a service account)");
        }
        String pair = spec.email() + ":" + spec.token().reveal();
        return new AuthHeader("Basic", SecretValue.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
}
