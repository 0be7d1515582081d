package io.jiraaccess.core.credential;

import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.List;

/**
 * OAuth 2.0 client credentials (an Atlassian service account or a Jira DC OAuth client): access tokens are fetched
 * from {@code tokenUrl}, cached and refreshed ahead of expiry.
 *
 * @param audience optional {@code audience} form parameter (some Atlassian clients send {@code api.atlassian.com})
 */
public record OAuthClientCredentialsSpec(Common common, URI tokenUrl, String clientId, SecretValue clientSecret,
                                         List<String> scopes, String audience) implements CredentialSpec {
    public OAuthClientCredentialsSpec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public CredentialKind kind() {
        return CredentialKind.OAUTH_CLIENT_CREDENTIALS;
    }
}
