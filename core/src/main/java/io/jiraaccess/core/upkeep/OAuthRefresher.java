package io.jiraaccess.core.upkeep;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.oauth.OAuthAuthenticator;
import io.jiraaccess.core.oauth.OAuthAuthenticators;

/**
 * Renews an OAuth credential ahead of need: drops the cached access token and fetches a new one through the same
 * authenticator pipelines use. For a refresh token this spends it and stores the rotated one first (core's refresh
 * token source persists it before the new access token is used), which also keeps it from idling out.
 */
public final class OAuthRefresher implements CredentialRenewer {
    private final HTTPRequestSender sender;

    /** Talks to token endpoints with core's default HTTP sender. */
    public OAuthRefresher() {
        this(null);
    }

    /** Talks to token endpoints through {@code sender} (tests, proxies); null for core's default. */
    public OAuthRefresher(HTTPRequestSender sender) {
        this.sender = sender;
    }

    @Override
    public void renew(CredentialSpec spec, AuthContext context) {
        if (!spec.kind().isOAuth()) {
            throw new UnsupportedOperationException("credential " + spec.id() + " is of kind " + spec.kind()
                    + ": only OAuth credentials are refreshed here");
        }
        OAuthAuthenticator authenticator = sender == null ? OAuthAuthenticators.create(spec, context)
                : OAuthAuthenticators.create(spec, context, sender);
        context.broker().invalidate(authenticator.key());
        authenticator.accessToken();
    }

    /** No Atlassian or Jira API revokes an OAuth grant for a client: the administrator does it in Jira. */
    @Override
    public void revoke(CredentialSpec spec, AuthContext context) {
        throw new UnsupportedOperationException("credential " + spec.id() + ": OAuth grants cannot be revoked by API; "
                + "remove the app's access in Jira (Cloud: the service account or Connected apps; Data Center: "
                + "Administration > Applications > OAuth 2.0)");
    }
}
