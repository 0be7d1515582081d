package io.jiraaccess.sim.oauth;

import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.auth.Flavor;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.Secrets;
import io.jiraaccess.sim.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization server of both flavours: Atlassian Cloud ({@code auth.atlassian.com}) and Jira Data Center
 * as OAuth 2.0 provider. Grants: client_credentials, authorization_code (+PKCE S256/plain), refresh_token with
 * rotation. A rotated refresh token may be reused for {@link #REUSE_LEEWAY} (Atlassian's 10-minute reuse
 * interval); reuse after that revokes every token of its family, as Atlassian does on detected reuse.
 */
public final class OAuthServer {

    public static final Duration REUSE_LEEWAY = Duration.ofMinutes(10);
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** A token endpoint request, whatever its encoding. */
    public record TokenRequest(Map<String, String> params, String basicClientId, String basicClientSecret,
                               String remoteAddress) {
        String param(String name) {
            String value = params.get(name);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    private record AuthCode(String clientId, String accountId, String redirectUri, Set<String> scopes,
                            String challenge, String challengeMethod, Instant expiresAt, Flavor flavor) {
    }

    private final Clock clock;
    private final Directory directory;
    private final AuditLog audit;
    private final Map<String, OAuthClient> clients = new LinkedHashMap<>();
    private final Map<String, AuthCode> codes = new LinkedHashMap<>();
    private final Map<String, String> usedCodes = new LinkedHashMap<>();
    private final Map<String, IssuedToken> accessTokens = new LinkedHashMap<>();
    private final Map<String, IssuedToken> refreshTokens = new LinkedHashMap<>();

    public OAuthServer(Clock clock, Directory directory, AuditLog audit) {
        this.clock = clock;
        this.directory = directory;
        this.audit = audit;
    }

    public synchronized void register(OAuthClient client) {
        if (clients.containsKey(client.clientId())) {
            throw new IllegalArgumentException("an OAuth client with id '" + client.clientId() + "' already exists");
        }
        clients.put(client.clientId(), client);
    }

    public synchronized Optional<OAuthClient> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public synchronized List<OAuthClient> clients() {
        return List.copyOf(clients.values());
    }

    /** Auto-consents for the client's configured user and returns the redirect location with code and state. */
    public synchronized String authorize(Map<String, String> query, Flavor flavor, String remoteAddress) {
        String clientId = require(query, "client_id");
        OAuthClient client = clients.get(clientId);
        if (client == null) {
            throw new OAuthError(400, "invalid_request", "Unknown client_id.");
        }
        String redirectUri = query.get("redirect_uri");
        if (redirectUri == null && client.redirectUris().size() == 1) {
            redirectUri = client.redirectUris().get(0);
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw new OAuthError(400, "invalid_request", "redirect_uri is not registered for this client.");
        }
        if (!"code".equals(query.get("response_type"))) {
            throw new OAuthError(400, "unsupported_response_type", "response_type must be 'code'.");
        }
        User user = consentingUser(client);
        Set<String> scopes = grantedScopes(client, query.get("scope"));
        String challenge = query.get("code_challenge");
        String method = query.getOrDefault("code_challenge_method", challenge == null ? null : "plain");
        if (challenge != null && !"S256".equals(method) && !"plain".equals(method)) {
            throw new OAuthError(400, "invalid_request", "code_challenge_method must be S256 or plain.");
        }
        String code = Secrets.randomToken(24);
        pruneCodes();
        codes.put(Secrets.hash(code), new AuthCode(clientId, user.accountId(), redirectUri, scopes, challenge, method,
                clock.instant().plus(CODE_LIFETIME), flavor));
        audit.record(AuditKind.OAUTH_CONSENT, user, remoteAddress, null, clientItem(client), List.of(),
                "Scopes: " + String.join(" ", scopes));
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(code);
        String state = query.get("state");
        if (state != null) {
            location.append("&state=").append(java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8));
        }
        return location.toString();
    }

    /**
     * The token endpoint: returns the JSON fields of a successful response, or throws {@link OAuthError}; every
     * refusal is audited as a failed authentication (client id and reason, never a secret).
     */
    public synchronized Map<String, Object> token(TokenRequest request, Flavor flavor) {
        try {
            return grant(request, flavor);
        } catch (OAuthError e) {
            String clientId = request.basicClientId() != null ? request.basicClientId() : request.param("client_id");
            OAuthClient client = clientId == null ? null : clients.get(clientId);
            User user = client == null || client.accountId() == null ? null
                    : directory.byAccountId(client.accountId()).orElse(null);
            audit.record(AuditKind.LOGIN_FAILED, user, request.remoteAddress(), null,
                    client == null ? null : clientItem(client), List.of(),
                    "OAuth 2.0 token request refused: " + e.error());
            throw e;
        }
    }

    private Map<String, Object> grant(TokenRequest request, Flavor flavor) {
        String grantType = request.param("grant_type");
        if (grantType == null) {
            throw new OAuthError(400, "invalid_request", "grant_type is required.");
        }
        OAuthClient client = authenticateClient(request);
        switch (grantType) {
            case "client_credentials":
                return clientCredentials(client, request, flavor);
            case "authorization_code":
                return authorizationCode(client, request, flavor);
            case "refresh_token":
                return refresh(client, request, flavor);
            default:
                throw new OAuthError(400, "unsupported_grant_type",
                        "grant_type must be client_credentials, authorization_code or refresh_token.");
        }
    }

    /** A live access token (not expired, not revoked, family not revoked). */
    public synchronized Optional<IssuedToken> accessToken(String raw) {
        IssuedToken token = accessTokens.get(Secrets.hash(raw));
        if (token == null || !token.isLive(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** Every access and refresh token, for the control API's inspection. */
    public synchronized List<IssuedToken> refreshTokens() {
        return List.copyOf(refreshTokens.values());
    }

    public synchronized void clear() {
        clients.clear();
        codes.clear();
        usedCodes.clear();
        accessTokens.clear();
        refreshTokens.clear();
    }

    private Map<String, Object> clientCredentials(OAuthClient client, TokenRequest request, Flavor flavor) {
        if (client.isPublic()) {
            throw new OAuthError(401, "invalid_client", "A public client cannot use client_credentials.");
        }
        User user = consentingUser(client);
        Set<String> scopes = grantedScopes(client, request.param("scope"));
        // service-account tokens come without a refresh token: the client simply asks again
        return issue(client, user, scopes, null, flavor, request.remoteAddress(), false);
    }

    private Map<String, Object> authorizationCode(OAuthClient client, TokenRequest request, Flavor flavor) {
        String code = request.param("code");
        if (code == null) {
            throw new OAuthError(400, "invalid_request", "code is required.");
        }
        String codeHash = Secrets.hash(code);
        AuthCode grant = codes.remove(codeHash);
        if (grant == null) {
            String family = usedCodes.get(codeHash);
            if (family != null) {
                // RFC 6749 4.1.2: a code used twice revokes what it already produced
                revokeFamily(family, client, request.remoteAddress(), "authorization code reused");
            }
            throw invalidGrant(flavor, "Unknown or invalid authorization code.");
        }
        if (!grant.clientId().equals(client.clientId())) {
            throw invalidGrant(flavor, "The authorization code was issued to another client.");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw invalidGrant(flavor, "The authorization code has expired.");
        }
        String redirectUri = request.param("redirect_uri");
        if (redirectUri != null && !redirectUri.equals(grant.redirectUri())) {
            throw invalidGrant(flavor, "redirect_uri does not match the authorization request.");
        }
        if (grant.challenge() != null) {
            if (!Pkce.verifies(grant.challengeMethod(), grant.challenge(), request.param("code_verifier"))) {
                throw invalidGrant(flavor, "code_verifier does not match the code_challenge.");
            }
        } else if (client.isPublic()) {
            throw new OAuthError(401, "invalid_client", "A public client must use PKCE.");
        }
        User user = directory.byAccountId(grant.accountId())
                .orElseThrow(() -> invalidGrant(flavor, "The consenting user no longer exists."));
        String family = Secrets.randomHex(8);
        usedCodes.put(codeHash, family);
        boolean refresh = flavor == Flavor.DATA_CENTER || grant.scopes().contains("offline_access");
        return issue(client, user, grant.scopes(), refresh ? family : null, flavor, request.remoteAddress(), false);
    }

    private Map<String, Object> refresh(OAuthClient client, TokenRequest request, Flavor flavor) {
        String raw = request.param("refresh_token");
        if (raw == null) {
            throw new OAuthError(400, "invalid_request", "refresh_token is required.");
        }
        IssuedToken old = refreshTokens.get(Secrets.hash(raw));
        Instant now = clock.instant();
        if (old == null || old.isRevoked() || !old.clientId().equals(client.clientId())
                || !now.isBefore(old.expiresAt())) {
            throw invalidGrant(flavor, "Unknown or invalid refresh token.");
        }
        if (old.rotatedAt() != null && now.isAfter(old.rotatedAt().plus(REUSE_LEEWAY))) {
            revokeFamily(old.familyId(), client, request.remoteAddress(), "rotated refresh token reused");
            throw invalidGrant(flavor, "Unknown or invalid refresh token.");
        }
        User user = directory.byAccountId(old.accountId())
                .orElseThrow(() -> invalidGrant(flavor, "Unknown or invalid refresh token."));
        if (old.rotatedAt() == null) {
            old.rotated(now);
        }
        if (flavor == Flavor.DATA_CENTER) {
            // Jira DC: a refresh invalidates the access tokens issued before it in the same authorization
            accessTokens.values().stream()
                    .filter(t -> old.familyId().equals(t.familyId()))
                    .forEach(IssuedToken::revoke);
        }
        return issue(client, user, old.scopes(), old.familyId(), flavor, request.remoteAddress(), true);
    }

    private Map<String, Object> issue(OAuthClient client, User user, Set<String> scopes, String familyId,
                                      Flavor flavor, String remoteAddress, boolean refreshed) {
        Instant now = clock.instant();
        String access = (flavor == Flavor.CLOUD ? "eyJsaW0iOjF9." : "") + Secrets.randomToken(32);
        accessTokens.put(Secrets.hash(access), new IssuedToken(Secrets.hash(access), client.clientId(),
                user.accountId(), scopes, now, now.plus(client.accessTokenTtl()), familyId, flavor));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", client.accessTokenTtl().toSeconds());
        body.put("scope", String.join(" ", scopes));
        if (familyId != null) {
            String refresh = Secrets.randomToken(32);
            refreshTokens.put(Secrets.hash(refresh), new IssuedToken(Secrets.hash(refresh), client.clientId(),
                    user.accountId(), scopes, now, now.plus(client.refreshTokenInactivity()), familyId, flavor));
            body.put("refresh_token", refresh);
        }
        audit.record(AuditKind.OAUTH_GRANT, user, remoteAddress,
                new AuditEntry.AuthInfo("oauth2", client.clientId(), client.name()), clientItem(client), List.of(),
                (refreshed ? "Refreshed; scopes: " : "Scopes: ") + String.join(" ", scopes));
        return body;
    }

    private void revokeFamily(String familyId, OAuthClient client, String remoteAddress, String reason) {
        refreshTokens.values().stream().filter(t -> familyId.equals(t.familyId())).forEach(IssuedToken::revoke);
        accessTokens.values().stream().filter(t -> familyId.equals(t.familyId())).forEach(IssuedToken::revoke);
        User user = directory.byAccountId(client.accountId()).orElse(null);
        audit.record(AuditKind.OAUTH_REVOKED, user, remoteAddress, null, clientItem(client), List.of(),
                "All tokens of one authorization revoked: " + reason);
    }

    private OAuthClient authenticateClient(TokenRequest request) {
        String clientId = request.basicClientId() != null ? request.basicClientId() : request.param("client_id");
        String secret = request.basicClientId() != null ? request.basicClientSecret() : request.param("client_secret");
        if (clientId == null) {
            throw new OAuthError(401, "invalid_client", "client_id is required.");
        }
        OAuthClient client = clients.get(clientId);
        if (client == null) {
            throw new OAuthError(401, "invalid_client", "Unknown client or wrong client secret.");
        }
        if (client.isPublic()) {
            // public clients prove themselves with PKCE instead (checked by the grant)
            return client;
        }
        if (!Secrets.matches(secret, client.secretHash())) {
            throw new OAuthError(401, "invalid_client", "Unknown client or wrong client secret.");
        }
        return client;
    }

    private User consentingUser(OAuthClient client) {
        if (client.accountId() == null) {
            throw new OAuthError(400, "invalid_request", "This client has no user configured in the simulator.");
        }
        return directory.byAccountId(client.accountId())
                .orElseThrow(() -> new OAuthError(400, "invalid_request", "The client's user does not exist."));
    }

    private static Set<String> grantedScopes(OAuthClient client, String requested) {
        Set<String> scopes = new LinkedHashSet<>();
        if (requested == null || requested.isBlank()) {
            scopes.addAll(client.scopes());
            return scopes;
        }
        for (String scope : Arrays.asList(requested.trim().split("\\s+"))) {
            if (!client.scopes().isEmpty() && !client.scopes().contains(scope) && !"offline_access".equals(scope)) {
                throw new OAuthError(400, "invalid_scope", "Scope '" + scope + "' is not allowed for this client.");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** Atlassian Cloud answers an invalid grant with 403; Data Center follows RFC 6749 with 400. */
    private static OAuthError invalidGrant(Flavor flavor, String description) {
        return new OAuthError(flavor == Flavor.CLOUD ? 403 : 400, "invalid_grant", description);
    }

    private void pruneCodes() {
        Instant now = clock.instant();
        codes.values().removeIf(code -> !now.isBefore(code.expiresAt()));
    }

    private static String require(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new OAuthError(400, "invalid_request", name + " is required.");
        }
        return value;
    }

    private static AuditEntry.ObjectItem clientItem(OAuthClient client) {
        return new AuditEntry.ObjectItem(client.clientId(), client.name(), "OAUTH_CLIENT", null, null);
    }
}
