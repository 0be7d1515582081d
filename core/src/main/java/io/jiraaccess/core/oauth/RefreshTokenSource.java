package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.CredentialStoppedException;
import io.jiraaccess.core.token.TokenSource;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Access tokens by the refresh token grant, with rotation: every refresh returns a new refresh token and the server
 * disables the old one, so the current one lives in the {@link CredentialStore} and the store is the only place it
 * is read from.
 *
 * <h2>Order of work</h2>
 * Everything happens under the credential's store lock ({@link CredentialStore#withLock}), which spans processes for
 * a file store, so two pipelines never present the same refresh token at once (with reuse detection on, a second
 * presentation can revoke the whole grant):
 * <ol>
 *   <li>load the state; the first time, seed it from the spec's {@code refreshToken} (a changed token in the spec
 *       replaces the state: someone put in a new one);</li>
 *   <li>a stopped credential fails at once with the message that stopped it: no request;</li>
 *   <li>save an <em>in-flight marker</em> (the generation of the token about to be presented);</li>
 *   <li>send the refresh request;</li>
 *   <li>save the new refresh token, the next generation and no marker, durably; only then is the new access token
 *       returned. If that save fails, the access token is not handed out either.</li>
 * </ol>
 *
 * <h2>Crash safety</h2>
 * The server rotates before we receive its answer, so no ordering can close the window between "the server
 * switched to R<sub>g+1</sub>" and "R<sub>g+1</sub> is on disk". What happens if the process dies in each window:
 * <ul>
 *   <li>before the marker is saved: nothing was sent; the store holds R<sub>g</sub>; the next run is a normal
 *       refresh;</li>
 *   <li>after the marker, before the server handled the request: R<sub>g</sub> is still unused at the server; the
 *       next run presents it, which is an ordinary first use;</li>
 *   <li>after the server rotated, before R<sub>g+1</sub> was saved (the window that matters): R<sub>g+1</sub> is
 *       lost. The store still holds R<sub>g</sub> and the marker says a request with it may have been handled. The
 *       next run presents R<sub>g</sub> <em>once more</em>. Servers with rotation allow exactly this for a while:
 *       Atlassian accepts a replaced refresh token within its 10-minute reuse interval, Keycloak with
 *       {@code revokeRefreshToken} and {@code refreshTokenMaxReuse=1} accepts one reuse. The answer is a fresh
 *       R'<sub>g+1</sub> which is saved as usual, and the credential goes on. If the leeway has passed (or the
 *       server allows none), the server answers {@code invalid_grant} and the credential stops with the re-authorize
 *       message, which then mentions the interrupted refresh. Nothing else is tried: presenting other tokens is
 *       impossible (R<sub>g+1</sub> is gone) and repeating the refusal would only look like an attack;</li>
 *   <li>after R<sub>g+1</sub> was saved (one atomic rename), before the access token was used: the next run
 *       refreshes with R<sub>g+1</sub>; the lost access token simply expires.</li>
 * </ul>
 * The same reasoning covers a refresh whose answer is lost to a timeout or a 5xx: the marker stays, and the next
 * attempt (paced by the token broker) presents R<sub>g</sub> once more. A refusal other than {@code invalid_grant}
 * proves the token was not consumed, so the marker is put back as it was.
 *
 * <h2>invalid_grant</h2>
 * A refusal of the token believed current means it was revoked, expired after inactivity, or consumed elsewhere
 * (a copy of the store used by another installation). The credential is stopped in the store: the dead token is
 * dropped, the reason kept, and every later call fails at once with the same {@link CredentialStoppedException},
 * across restarts, until {@link PkceAuthorization} stores a new token or the spec carries a different one.
 */
public final class RefreshTokenSource implements TokenSource {
    private static final System.Logger LOG = System.getLogger(RefreshTokenSource.class.getName());
    static final String REAUTHORIZE = "re-authorize with `jira-access oauth authorize --credential FILE`";

    private final OAuthRefreshTokenSpec spec;
    private final CredentialStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    public RefreshTokenSource(OAuthRefreshTokenSpec spec, CredentialStore store, HTTPRequestSender sender, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = new TokenEndpoint(spec.id(), spec.tokenUrl(), spec.clientId(), spec.clientSecret(),
                spec.clientAuth(), sender);
    }

    @Override
    public AccessToken fetch() {
        return store.withLock(spec.id(), this::refreshLocked);
    }

    /** The state as stored, seeded or replaced from the spec's refresh token when that is new. Call under the lock. */
    RefreshTokenState current() {
        return current(store, spec, clock.instant());
    }

    static RefreshTokenState current(CredentialStore store, OAuthRefreshTokenSpec spec, Instant now) {
        CredentialState raw = store.load(spec.id()).orElse(CredentialState.EMPTY);
        RefreshTokenState s = RefreshTokenState.from(spec.id(), raw);
        if (spec.refreshToken() == null) {
            return s;
        }
        String seed = RefreshTokenState.seedHash(spec.refreshToken());
        if (seed.equals(s.seed())) {
            return s;
        }
        if (s.refreshToken() != null || s.isStopped()) {
            LOG.log(Level.INFO, "credential {0}: the refreshToken in the credential spec changed; starting again from it",
                    spec.id());
        }
        RefreshTokenState seeded = s.restart(spec.refreshToken(), seed, now);
        store.save(spec.id(), seeded.into(raw));
        return seeded;
    }

    private AccessToken refreshLocked() {
        RefreshTokenState state = current();
        if (state.isStopped()) {
            throw new CredentialStoppedException(spec.id(), state.stopped());
        }
        if (state.refreshToken() == null) {
            throw new AuthenticationException("credential " + spec.id() + ": no refresh token yet; authorize once with "
                    + "`jira-access oauth authorize --credential FILE`, or put refreshToken in the credential");
        }
        Long interrupted = state.inFlight();
        Instant interruptedSince = state.inFlightSince();
        if (interrupted != null) {
            LOG.log(Level.INFO, "credential {0}: the refresh with token generation {1} started at {2} did not "
                    + "complete; presenting that token once more, within the server''s reuse leeway", spec.id(),
                    interrupted, interruptedSince);
        }
        CredentialState raw = store.load(spec.id()).orElse(CredentialState.EMPTY);
        save(state.sending(clock.instant()), raw);

        SecretValue presented = state.refreshToken();
        Instant requestedAt = clock.instant();
        // a JiraException (unreachable, 5xx) leaves the marker: the server may have rotated; see the class comment
        TokenEndpoint.Outcome outcome = endpoint.send(new RefreshTokenGrant(new RefreshToken(presented.reveal())),
                List.of(), Map.of());
        List<SecretValue> secrets = Arrays.asList(spec.clientSecret(), presented);
        if (!outcome.ok()) {
            if ("invalid_grant".equals(outcome.errorCode())) {
                String reason = endpoint.refusal(outcome, "refresh_token", secrets)
                        + (interrupted != null
                            ? "; an earlier refresh with this token (generation " + interrupted + ", started at "
                              + interruptedSince + ") did not complete, and the server no longer accepts the token "
                              + "it replaced"
                            : "; the refresh token was revoked, expired after inactivity, or used elsewhere")
                        + ". The credential is stopped and will not be retried: " + REAUTHORIZE;
                save(state.stop(reason, clock.instant()), raw);
                throw new CredentialStoppedException(spec.id(), reason);
            }
            // the server refused the request itself, so it did not consume the token: the marker goes back as it was
            save(state, raw);
            throw endpoint.refused(outcome, "refresh_token", secrets);
        }
        SecretValue next = outcome.tokens().getRefreshToken() == null ? presented
                : SecretValue.of(outcome.tokens().getRefreshToken().getValue());
        AccessToken access = TokenEndpoint.accessToken(outcome.tokens(), spec.scopes(), requestedAt);
        try {
            save(state.rotated(next, clock.instant()), raw);
        } catch (StoreException e) {
            throw new StoreException("credential " + spec.id() + ": the rotated refresh token cannot be saved ("
                    + e.getMessage() + "); the new access token is not used, and the next attempt presents the "
                    + "stored refresh token once more", e);
        }
        if (interrupted != null) {
            LOG.log(Level.INFO, "credential {0}: recovered from the interrupted refresh; the store holds a new "
                    + "refresh token", spec.id());
        }
        return access;
    }

    private void save(RefreshTokenState state, CredentialState raw) {
        store.save(spec.id(), state.into(raw));
    }
}
