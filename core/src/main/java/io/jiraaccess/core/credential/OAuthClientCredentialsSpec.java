package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.List;

/**
 * OAuth 2.0 client credentials (an Atlassian service account or a Jira DC OAuth client): access tokens are fetched
 * from {@code tokenUrl}, cached and refreshed ahead of expiry.
 *
 * @param audience   optional {@code audience} form parameter (some Atlassian clients send {@code api.atlassian.com})
 * @param clientAuth how the client secret is sent; {@link OAuthClientAuth#DEFAULT} when not written
 */
public record OAuthClientCredentialsSpec(Common common, URI tokenUrl, String clientId, SecretValue clientSecret,
                                         List<String> scopes, String audience, OAuthClientAuth clientAuth)
        implements CredentialSpec {
    public OAuthClientCredentialsSpec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        clientAuth = clientAuth == null ? OAuthClientAuth.DEFAULT : clientAuth;
    }

    /** A spec with the default client authentication ({@code client_secret_post}). */
    public OAuthClientCredentialsSpec(Common common, URI tokenUrl, String clientId, SecretValue clientSecret,
                                      List<String> scopes, String audience) {
        this(common, tokenUrl, clientId, clientSecret, scopes, audience, OAuthClientAuth.DEFAULT);
    }

    @Override
    public CredentialKind kind() {
        return CredentialKind.OAUTH_CLIENT_CREDENTIALS;
    }
}
