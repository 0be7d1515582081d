package io.jiraaccess.core.auth;

import io.jiraaccess.core.connect.ConnectJwtAuthenticator;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
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
            case CONNECT_JWT:
                return new ConnectJwtAuthenticator((ConnectJwtSpec) spec, ctx.clock());
            default:
                throw new IllegalStateException("credential kind " + spec.kind() + " has no authenticator");
        }
    }
}
