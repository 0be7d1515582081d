package io.jiraaccess.core.connect;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code Authorization: JWT <token>} for a {@code connect-jwt} credential: a new token per request, its qsh bound to
 * the method, path and query as they go on the wire, relative to the site's context path (for the site
 * {@code https://jira.example.com/jira} the request {@code /jira/rest/api/2/myself} is hashed as
 * {@code /rest/api/2/myself}).
 */
public final class ConnectJwtAuthenticator implements Authenticator {
    /** The {@code Authorization} scheme of Connect JWTs. */
    public static final String SCHEME = "JWT";

    private final ConnectJwtSpec spec;
    private final Clock clock;
    private final ConnectJwtMinter minter;
    private final String contextPath;

    /** @throws ConfigurationException when the shared secret cannot sign HS256; the message names the credential */
    public ConnectJwtAuthenticator(ConnectJwtSpec spec, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.minter = new ConnectJwtMinter(spec.appKey(), spec.sharedSecret(), spec.ttl());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("credential " + spec.id() + ": " + e.getMessage());
        }
        this.contextPath = Qsh.contextPathOf(spec.site());
    }

    @Override
    public ConnectJwtSpec spec() {
        return spec;
    }

    /** @param target the absolute request URI; its path is expected to start with the site's context path */
    @Override
    public AuthHeader authorize(String method, URI target) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        String qsh = Qsh.qsh(method, wirePathAndQuery(target), contextPath);
        return new AuthHeader(SCHEME, SecretValue.of(minter.mint(qsh, clock.instant(), null)));
    }

    /**
     * The path and query as java.net.http sends them: raw (still percent-encoded), with non-ASCII characters
     * percent-encoded as UTF-8, an empty path sent as {@code /} and an empty query not sent at all. Jira hashes what
     * it receives, so this, not the decoded URI, is what the qsh must cover.
     */
    static String wirePathAndQuery(URI target) {
        URI ascii = URI.create(target.toASCIIString());
        String path = ascii.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String query = ascii.getRawQuery();
        return query == null || query.isEmpty() ? path : path + '?' + query;
    }
}
