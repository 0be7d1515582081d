package io.jiraaccess.core.auth;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.oauth.OAuthAuthenticators;

/** The {@link Authenticator} for a credential spec, by kind. */
public final class Authenticators {
    private Authenticators() {
    }

    public static Authenticator create(CredentialSpec spec, AuthContext ctx) {
        switch (spec.kind()) {
            case PAT:
                return new PatAuthenticator((PatSpec) spec, ctx);
            case API_TOKEN:
                return new ApiTokenAuthenticator((ApiTokenSpec) spec, ctx.clock());
            case OAUTH_CLIENT_CREDENTIALS:
            case OAUTH_REFRESH_TOKEN:
                return OAuthAuthenticators.create(spec, ctx);
            default:
                throw new ConfigurationException("credential " + spec.id() + ": kind " + spec.kind().id()
                        + " is not supported by this build of jira-access; use pat, api-token or an OAuth kind");
        }
    }
}
