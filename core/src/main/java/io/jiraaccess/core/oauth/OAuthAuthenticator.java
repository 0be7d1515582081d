package io.jiraaccess.core.oauth;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.core.token.TokenSource;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * {@code Authorization: Bearer} for the OAuth kinds, with access tokens from the {@link TokenBroker} (cached for
 * exactly this credential, refreshed ahead of expiry) and audit events for each issuance and failure.
 */
public final class OAuthAuthenticator implements Authenticator {
    private final CredentialSpec spec;
    private final TokenBroker broker;
    private final TokenBroker.Key key;
    private final TokenSource source;
    private final TokenBroker.Listener events;

    OAuthAuthenticator(CredentialSpec spec, TokenBroker broker, TokenBroker.Key key, TokenSource source,
                       TokenBroker.Listener events) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.key = Objects.requireNonNull(key, "key");
        this.source = Objects.requireNonNull(source, "source");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public CredentialSpec spec() {
        return spec;
    }

    /** The broker key this credential's tokens live under. */
    public TokenBroker.Key key() {
        return key;
    }

    @Override
    public AuthHeader authorize(String method, URI target) {
        return new AuthHeader("Bearer", accessToken().value());
    }

    /**
     * The access token {@link #authorize} sends now, with its expiry: a pipeline step compares
     * {@link AccessToken#remaining} with how long its block may run and refuses a token that would not outlive it.
     */
    public AccessToken accessToken() {
        return broker.token(key, source, events);
    }

    /** Jira refused {@code token} (401): drop it, unless a newer one already replaced it. */
    public void rejected(AccessToken token) {
        broker.invalidate(key, token);
    }

    /** The HTTP client's 401 hook: the rejected header's token is dropped, unless a newer one already replaced it. */
    @Override
    public void rejected(AuthHeader header) {
        rejected(new AccessToken(header.credentials(), null, List.of()));
    }
}
