package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.time.Duration;

/**
 * An Atlassian Connect app installation: a JWT is minted per request, HS256 over iss/iat/exp/qsh with the
 * install's shared secret.
 *
 * @param appKey the app key, sent as {@code iss}
 * @param ttl    token lifetime, 180 s by default
 */
public record ConnectJwtSpec(Common common, String appKey, SecretValue sharedSecret, Duration ttl) implements CredentialSpec {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(180);

    public ConnectJwtSpec {
        ttl = ttl == null ? DEFAULT_TTL : ttl;
    }

    @Override
    public CredentialKind kind() {
        return CredentialKind.CONNECT_JWT;
    }
}
