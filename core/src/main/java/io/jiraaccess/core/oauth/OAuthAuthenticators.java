package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.BrokerKeys;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.core.token.TokenSource;

/** Authenticators for the two OAuth kinds, {@code oauth-client-credentials} and {@code oauth-refresh-token}. */
public final class OAuthAuthenticators {
    /** One HTTP client for all token endpoints: it is thread-safe and keeps connections. */
    private static final class DefaultSender {
        static final JdkHttpSender INSTANCE = new JdkHttpSender();
    }

    private OAuthAuthenticators() {
    }

    /**
     * An authenticator for an OAuth credential, its tokens cached in {@code ctx.broker()} and its events sent to
     * {@code ctx.events()}.
     *
     * @throws IllegalArgumentException for credentials of other kinds
     */
    public static OAuthAuthenticator create(CredentialSpec spec, AuthContext ctx) {
        return create(spec, ctx, DefaultSender.INSTANCE);
    }

    /** As {@link #create(CredentialSpec, AuthContext)}, talking to the token endpoint through {@code sender}. */
    public static OAuthAuthenticator create(CredentialSpec spec, AuthContext ctx, HTTPRequestSender sender) {
        return new OAuthAuthenticator(spec, ctx.broker(), BrokerKeys.of(spec, ctx), tokenSource(spec, ctx, sender),
                new TokenEvents(spec, ctx));
    }

    /** The token source for an OAuth credential; refresh-token credentials keep their refresh token in {@code ctx.store()}. */
    public static TokenSource tokenSource(CredentialSpec spec, AuthContext ctx, HTTPRequestSender sender) {
        if (spec instanceof OAuthClientCredentialsSpec c) {
            return new ClientCredentialsTokenSource(c, sender, ctx.clock());
        }
        if (spec instanceof OAuthRefreshTokenSpec r) {
            return new RefreshTokenSource(r, ctx.store(), sender, ctx.clock());
        }
        throw new IllegalArgumentException("credential " + spec.id() + " is of kind " + spec.kind()
                + ", not an OAuth kind");
    }

    /** The broker key of the credential's tokens: its store, site, id and secrets ({@link BrokerKeys}). */
    public static TokenBroker.Key key(CredentialSpec spec, AuthContext ctx) {
        return BrokerKeys.of(spec, ctx);
    }
}
