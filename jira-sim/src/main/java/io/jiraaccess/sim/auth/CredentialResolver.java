package io.jiraaccess.sim.auth;

import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.model.ApiToken;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.PersonalAccessToken;
import io.jiraaccess.sim.model.Secrets;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import io.jiraaccess.sim.oauth.IssuedToken;
import io.jiraaccess.sim.oauth.OAuthServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@code Authorization} header into a {@link Principal}, as Jira does: Basic email:apiToken (Cloud),
 * Basic username:password (Data Center), Bearer PAT, Bearer OAuth access token, JWT (Connect). Every success
 * is audited as a login and every failure as a failed login; the audit never holds the secret.
 */
public final class CredentialResolver {

    /** Jira's message for any failed authentication; it says nothing about which part was wrong. */
    public static final String UNAUTHORIZED = "Client must be authenticated to access this resource.";

    private final Clock clock;
    private final Directory directory;
    private final TokenRegistry tokens;
    private final OAuthServer oauth;
    private final AuditLog audit;
    private final ConnectVerifier connect;

    public CredentialResolver(Clock clock, Directory directory, TokenRegistry tokens, OAuthServer oauth,
                              AuditLog audit, ConnectVerifier connect) {
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.oauth = oauth;
        this.audit = audit;
        this.connect = connect;
    }

    /** The caller, or empty for an anonymous request; a credential that does not authenticate is a 401. */
    public Optional<Principal> resolve(Request request) {
        Optional<String> header = request.header("Authorization");
        Optional<String> jwtQuery = request.query("jwt");
        if (header.isEmpty() && jwtQuery.isEmpty()) {
            return Optional.empty();
        }
        if (header.isEmpty()) {
            return Optional.of(succeeded(connect(jwtQuery.get(), request), request));
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).trim();
        Principal principal;
        if (scheme.equalsIgnoreCase("Basic")) {
            principal = basic(credential, request);
        } else if (scheme.equalsIgnoreCase("Bearer")) {
            principal = bearer(credential, request);
        } else if (scheme.equalsIgnoreCase("JWT")) {
            principal = connect(credential, request);
        } else {
            throw failed(request, null, "unsupported authorization scheme");
        }
        return Optional.of(succeeded(principal, request));
    }

    private Principal basic(String encoded, Request request) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw failed(request, null, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw failed(request, null, "malformed Basic credentials");
        }
        String identity = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        Instant now = clock.instant();
        Optional<User> byEmail = directory.findByEmail(identity);
        if (byEmail.isPresent()) {
            User user = byEmail.get();
            Optional<ApiToken> token = tokens.apiTokenBySecret(secret)
                    .filter(t -> t.accountId().equals(user.accountId()));
            if (token.isPresent()) {
                ApiToken apiToken = token.get();
                if (apiToken.revokedAt() != null) {
                    throw failed(request, user, "revoked API token " + apiToken.id());
                }
                if (apiToken.isExpired(now)) {
                    throw failed(request, user, "expired API token " + apiToken.id());
                }
                apiToken.touch(now);
                return new Principal(user, AuthScheme.BASIC_API_TOKEN, apiToken.id(), apiToken.label(), Set.of());
            }
            if (Secrets.matches(secret, user.passwordHash())) {
                // Atlassian Cloud removed Basic auth with passwords in 2019 and answers with this message
                throw failed(request, user, "password used where an API token is required",
                        "Basic authentication with passwords is deprecated.  For more information, see: "
                                + "https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/");
            }
            throw failed(request, user, "wrong API token");
        }
        Optional<User> byName = directory.findByName(identity);
        if (byName.isPresent() && Secrets.matches(secret, byName.get().passwordHash())) {
            return new Principal(byName.get(), AuthScheme.BASIC_PASSWORD, null, null, Set.of());
        }
        throw failed(request, byName.orElse(null), "wrong username or password");
    }

    private Principal bearer(String raw, Request request) {
        if (raw.isEmpty()) {
            throw failed(request, null, "empty Bearer token");
        }
        Instant now = clock.instant();
        Optional<PersonalAccessToken> pat = tokens.patBySecret(raw);
        if (pat.isPresent()) {
            PersonalAccessToken token = pat.get();
            User user = directory.byAccountId(token.accountId()).orElse(null);
            if (user == null || !token.isUsable(now)) {
                throw failed(request, user, (token.revokedAt() != null ? "revoked" : "expired")
                        + " personal access token " + token.id());
            }
            token.touch(now);
            return new Principal(user, AuthScheme.PAT, String.valueOf(token.id()), token.name(), Set.of());
        }
        Optional<IssuedToken> access = oauth.accessToken(raw);
        if (access.isPresent()) {
            IssuedToken token = access.get();
            User user = directory.byAccountId(token.accountId())
                    .orElseThrow(() -> failed(request, null, "OAuth token of a deleted user"));
            String label = oauth.client(token.clientId()).map(c -> c.name()).orElse(token.clientId());
            AuthScheme scheme = token.flavor() == Flavor.CLOUD ? AuthScheme.OAUTH_CLOUD : AuthScheme.OAUTH_DATA_CENTER;
            return new Principal(user, scheme, token.clientId(), label, token.scopes());
        }
        throw failed(request, null, "unknown, expired or revoked Bearer token");
    }

    private Principal connect(String jwt, Request request) {
        try {
            return connect.verify(jwt, request);
        } catch (ConnectVerifier.Refused e) {
            throw failed(request, null, "invalid Connect JWT (" + e.getMessage() + ")");
        }
    }

    private Principal succeeded(Principal principal, Request request) {
        audit.record(AuditKind.LOGIN, principal.user(), request.remoteAddress(), principal.authInfo(),
                userItem(principal.user()), List.of(), describe(principal));
        return principal;
    }

    private ApiError failed(Request request, User user, String reason) {
        return failed(request, user, reason, UNAUTHORIZED);
    }

    private ApiError failed(Request request, User user, String reason, String message) {
        audit.record(AuditKind.LOGIN_FAILED, user, request.remoteAddress(), null,
                user == null ? null : userItem(user), List.of(), "Authentication failed: " + reason);
        return ApiError.unauthorized(message);
    }

    private static String describe(Principal principal) {
        switch (principal.scheme()) {
            case BASIC_API_TOKEN:
                return "Basic authentication with an API token";
            case BASIC_PASSWORD:
                return "Basic authentication with a password";
            case PAT:
                return "Bearer authentication with a personal access token";
            case CONNECT_JWT:
                return "Atlassian Connect JWT authentication";
            default:
                return "Bearer authentication with an OAuth 2.0 access token";
        }
    }

    public static AuditEntry.ObjectItem userItem(User user) {
        return new AuditEntry.ObjectItem(user.accountId(), user.name() != null ? user.name() : user.displayName(),
                "USER", null, null);
    }
}
