package io.jiraaccess.core.auth;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A Jira Data Center personal access token as {@code Authorization: Bearer}. The token in use is the one a rotation
 * stored in the {@link io.jiraaccess.core.store.CredentialStore} ({@value #CURRENT}), else the one in the credential
 * file. It is cached in the token broker until it nears its stored expiry, or until Jira answers 401 and
 * {@link #rejected} makes the next request read the store again (another process may have rotated it).
 */
public final class PatAuthenticator implements Authenticator {
    /** Store secret: the PAT in use after a rotation. */
    public static final String CURRENT = "pat.current";
    /** Store attribute: Jira's id of {@link #CURRENT}, for revoking it later. */
    public static final String CURRENT_ID = "pat.current.id";
    /** Store attribute: when {@link #CURRENT} expires, ISO-8601 instant. */
    public static final String CURRENT_EXPIRES_AT = "pat.current.expiresAt";

    private final PatSpec spec;
    private final AuthContext ctx;
    private final TokenBroker.Key key;

    public PatAuthenticator(PatSpec spec, AuthContext ctx) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.key = BrokerKeys.of(spec, ctx);
    }

    @Override
    public PatSpec spec() {
        return spec;
    }

    @Override
    public AuthHeader authorize(String method, URI target) {
        return new AuthHeader("Bearer", ctx.broker().token(key, this::current).value());
    }

    @Override
    public void rejected(AuthHeader rejected) {
        ctx.broker().invalidate(key, new AccessToken(rejected.credentials(), null, List.of()));
    }

    /** The PAT in use now: the stored current one if a rotation stored one, else the configured one. */
    public AccessToken current() {
        CredentialState state = ctx.store().load(spec.id()).orElse(CredentialState.EMPTY);
        SecretValue stored = state.secret(CURRENT);
        if (stored == null) {
            return new AccessToken(spec.token(), null, List.of());
        }
        Instant expiresAt = expiry(state.attribute(CURRENT_EXPIRES_AT));
        if (expiresAt != null && !ctx.clock().instant().isBefore(expiresAt)) {
            throw new AuthenticationException("credential " + spec.id() + ": the stored personal access token expired at "
                    + expiresAt + "; rotate it (jira-access rotate --credential FILE --store DIR --force) or create a new "
                    + "token in Jira and put it in the credential file");
        }
        return new AccessToken(stored, expiresAt, List.of());
    }

    private Instant expiry(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new StoreException("credential " + spec.id() + ": store attribute " + CURRENT_EXPIRES_AT + " is not an "
                    + "ISO-8601 instant; repair the store file or rotate the credential again");
        }
    }
}
