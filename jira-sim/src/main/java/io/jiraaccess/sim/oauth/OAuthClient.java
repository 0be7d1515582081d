package io.jiraaccess.sim.oauth;

import java.time.Duration;
import java.util.List;

/**
 * A registered OAuth 2.0 client. {@code accountId} is the user behind client-credentials tokens (the service
 * account) and the user who auto-consents on {@code /authorize}. Only a hash of the secret is kept.
 */
public record OAuthClient(String clientId, String name, String secretHash, List<String> redirectUris,
                          String accountId, List<String> scopes, Duration accessTokenTtl,
                          Duration refreshTokenInactivity) {

    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofSeconds(3600);
    public static final Duration DEFAULT_REFRESH_INACTIVITY = Duration.ofDays(90);

    public OAuthClient {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
    }

    public boolean isPublic() {
        return secretHash == null;
    }

    @Override
    public String toString() {
        return "OAuthClient[" + clientId + "]";
    }
}
