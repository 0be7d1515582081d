package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.List;

/**
 * An OAuth 2.0 refresh token (Atlassian 3LO or Jira DC as OAuth provider). Every refresh returns a new refresh token
 * and disables the old one, so the current one lives in the credential store and is persisted before use.
 *
 * @param refreshToken the refresh token to start from, or null when {@code oauth authorize} will obtain one
 * @param clientSecret null for public clients (PKCE only)
 * @param clientAuth   how the client secret is sent; {@link OAuthClientAuth#DEFAULT} when not written
 */
public record OAuthRefreshTokenSpec(Common common, URI tokenUrl, URI authorizeUrl, String clientId,
                                    SecretValue clientSecret, SecretValue refreshToken, List<String> scopes,
                                    String audience, OAuthClientAuth clientAuth) implements CredentialSpec {
    public OAuthRefreshTokenSpec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        clientAuth = clientAuth == null ? OAuthClientAuth.DEFAULT : clientAuth;
    }

    /** A spec with the default client authentication ({@code client_secret_post}). */
    public OAuthRefreshTokenSpec(Common common, URI tokenUrl, URI authorizeUrl, String clientId,
                                 SecretValue clientSecret, SecretValue refreshToken, List<String> scopes,
                                 String audience) {
        this(common, tokenUrl, authorizeUrl, clientId, clientSecret, refreshToken, scopes, audience,
                OAuthClientAuth.DEFAULT);
    }

    @Override
    public CredentialKind kind() {
        return CredentialKind.OAUTH_REFRESH_TOKEN;
    }
}
