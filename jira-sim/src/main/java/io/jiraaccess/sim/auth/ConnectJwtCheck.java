package io.jiraaccess.sim.auth;

import io.jiraaccess.core.connect.JwtVerificationException;
import io.jiraaccess.core.connect.JwtVerifier;
import io.jiraaccess.core.connect.VerifiedJwt;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.model.ConnectApps;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.User;
import java.time.Clock;
import java.util.Set;

/**
 * Connect JWTs checked with core's {@link JwtVerifier} (the one piece of core the simulator uses): HS256 with the
 * app's install secret, {@code iat}/{@code exp} on the simulated clock, and {@code qsh} over the request's raw path
 * and query as received. A valid token acts as the app's own user.
 */
public final class ConnectJwtCheck implements ConnectVerifier {

    private final JwtVerifier verifier;
    private final ConnectApps apps;
    private final Directory directory;

    public ConnectJwtCheck(ConnectApps apps, Directory directory, Clock clock) {
        this.apps = apps;
        this.directory = directory;
        this.verifier = JwtVerifier.builder()
                .sharedSecrets(key -> apps.byKey(key).map(app -> SecretValue.of(app.revealSharedSecret())).orElse(null))
                .clock(clock)
                .build();
    }

    @Override
    public Principal verify(String jwt, Request request) {
        String target = request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        VerifiedJwt verified;
        try {
            verified = verifier.verify(jwt, request.method(), target);
        } catch (JwtVerificationException e) {
            throw new Refused(e.reason().name());
        }
        ConnectApps.App app = apps.byKey(verified.issuer()).orElseThrow(() -> new Refused("UNKNOWN_ISSUER"));
        User user = directory.byAccountId(app.accountId()).orElseThrow(() -> new Refused("APP_USER_MISSING"));
        return new Principal(user, AuthScheme.CONNECT_JWT, app.key(), app.name(), Set.of());
    }
}
