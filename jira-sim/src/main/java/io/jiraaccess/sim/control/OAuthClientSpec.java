package io.jiraaccess.sim.control;

import java.time.Duration;
import java.util.List;

/**
 * An OAuth 2.0 client to register. {@code user} (username, email or account id) is the service account behind
 * client-credentials tokens and the user who auto-consents on the authorize endpoint. A null secret makes a
 * public client (PKCE required).
 */
public record OAuthClientSpec(String clientId, String clientSecret, String name, List<String> redirectUris,
                              String user, List<String> scopes, Duration accessTokenTtl,
                              Duration refreshTokenInactivity) {

    public OAuthClientSpec {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
    }

    public static OAuthClientSpec of(String clientId, String clientSecret, String user) {
        return new OAuthClientSpec(clientId, clientSecret, clientId, List.of(), user, List.of(),
                Duration.ofSeconds(3600), Duration.ofDays(90));
    }

    public OAuthClientSpec redirectUris(String... uris) {
        return new OAuthClientSpec(clientId, clientSecret, name, List.of(uris), user, scopes, accessTokenTtl,
                refreshTokenInactivity);
    }

    public OAuthClientSpec scopes(String... values) {
        return new OAuthClientSpec(clientId, clientSecret, name, redirectUris, user, List.of(values), accessTokenTtl,
                refreshTokenInactivity);
    }

    public OAuthClientSpec accessTokenTtl(Duration ttl) {
        return new OAuthClientSpec(clientId, clientSecret, name, redirectUris, user, scopes, ttl, refreshTokenInactivity);
    }

    public OAuthClientSpec refreshTokenInactivity(Duration inactivity) {
        return new OAuthClientSpec(clientId, clientSecret, name, redirectUris, user, scopes, accessTokenTtl, inactivity);
    }

    public OAuthClientSpec name(String value) {
        return new OAuthClientSpec(clientId, clientSecret, value, redirectUris, user, scopes, accessTokenTtl,
                refreshTokenInactivity);
    }

    @Override
    public String toString() {
        return "OAuthClientSpec[" + clientId + "]";
    }
}
