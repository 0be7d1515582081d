package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.token.AccessToken;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One credential's view of an OAuth 2.0 token endpoint: it authenticates the client as configured, sends grants as
 * form bodies, and turns every failure into an exception that names the credential, the endpoint and the OAuth
 * error code, never a secret or a raw response body.
 */
final class TokenEndpoint {
    /** Used when a server omits {@code expires_in}: short, so such a token is refreshed well before an hour. */
    static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

    /** An answer from the token endpoint: tokens, or the OAuth error it refused the request with. */
    record Outcome(Tokens tokens, ErrorObject error, int status) {
        boolean ok() {
            return tokens != null;
        }

        String errorCode() {
            return error == null ? null : error.getCode();
        }
    }

    private final String credentialId;
    private final URI tokenUrl;
    private final String clientId;
    private final SecretValue clientSecret;
    private final OAuthClientAuth clientAuth;
    private final HTTPRequestSender sender;

    TokenEndpoint(String credentialId, URI tokenUrl, String clientId, SecretValue clientSecret,
                  OAuthClientAuth clientAuth, HTTPRequestSender sender) {
        this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = clientSecret;
        this.clientAuth = clientAuth == null ? OAuthClientAuth.DEFAULT : clientAuth;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    String credentialId() {
        return credentialId;
    }

    String where() {
        return ErrorText.endpoint(tokenUrl);
    }

    /**
     * Sends one grant. Returns the tokens or the server's OAuth error.
     *
     * @param params extra form parameters (e.g. {@code audience}); null values are left out
     * @throws JiraException when the endpoint cannot be reached, answers 5xx/429, or answers with something that is
     *                       not an OAuth response
     */
    Outcome send(AuthorizationGrant grant, List<String> scopes, Map<String, String> params) {
        TokenRequest.Builder b = clientSecret == null
                ? new TokenRequest.Builder(tokenUrl, new ClientID(clientId), grant)
                : new TokenRequest.Builder(tokenUrl, clientAuth == OAuthClientAuth.CLIENT_SECRET_BASIC
                        ? new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret.reveal()))
                        : new ClientSecretPost(new ClientID(clientId), new Secret(clientSecret.reveal())), grant);
        if (scopes != null && !scopes.isEmpty()) {
            b.scope(new Scope(scopes.toArray(new String[0])));
        }
        if (params != null) {
            params.forEach((k, v) -> {
                if (v != null) {
                    b.customParameter(k, v);
                }
            });
        }
        ReadOnlyHTTPResponse raw;
        try {
            raw = b.build().toHTTPRequest().send(sender);
        } catch (IOException e) {
            throw new JiraException(0, "credential " + credentialId + ": the token endpoint " + where()
                    + " cannot be reached (" + e.getClass().getSimpleName() + "); check tokenUrl and the network, "
                    + "the request is retried later", e);
        }
        int status = raw.getStatusCode();
        HTTPResponse response = raw instanceof HTTPResponse h ? h : copy(raw);
        if (status == 429 || status >= 500) {
            String code = errorCodeOrNull(response);
            throw new JiraException(status, "credential " + credentialId + ": the token endpoint " + where()
                    + " answered HTTP " + status + (code == null ? "" : " (" + code + ")")
                    + "; it is unavailable for now, the request is retried later");
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            // the parser's message may quote the body, which may hold a token: say only what it was not
            throw new JiraException(status, "credential " + credentialId + ": the token endpoint " + where()
                    + " answered HTTP " + status + " with something that is not an OAuth token response; check "
                    + "that tokenUrl is the token endpoint");
        }
        if (parsed.indicatesSuccess()) {
            return new Outcome(parsed.toSuccessResponse().getTokens(), null, status);
        }
        ErrorObject error = parsed.toErrorResponse().getErrorObject();
        if (error == null || error.getCode() == null) {
            throw new JiraException(status, "credential " + credentialId + ": the token endpoint " + where()
                    + " answered HTTP " + status + " without an OAuth error code; check that tokenUrl is the token "
                    + "endpoint");
        }
        return new Outcome(null, error, status);
    }

    private static String errorCodeOrNull(HTTPResponse response) {
        try {
            ErrorObject e = TokenErrorResponse.parse(response).getErrorObject();
            return e == null || e.getCode() == null || !ErrorObject.isLegal(e.getCode()) ? null : e.getCode();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static HTTPResponse copy(ReadOnlyHTTPResponse raw) {
        HTTPResponse r = new HTTPResponse(raw.getStatusCode());
        raw.getHeaderMap().forEach((k, v) -> r.setHeader(k, v.toArray(new String[0])));
        r.setBody(raw.getBody());
        return r;
    }

    /**
     * Our access token from a token response: expiry counted from {@code requestedAt} (the moment before the request
     * was sent, so network time shortens rather than lengthens it); scopes as granted, or as requested when the
     * server does not say (RFC 6749 section 5.1).
     */
    static AccessToken accessToken(Tokens tokens, List<String> requestedScopes, Instant requestedAt) {
        com.nimbusds.oauth2.sdk.token.AccessToken at = tokens.getAccessToken();
        long lifetime = at.getLifetime();
        Instant expiresAt = requestedAt.plus(lifetime > 0 ? Duration.ofSeconds(lifetime) : ASSUMED_LIFETIME);
        List<String> scopes = at.getScope() == null ? requestedScopes : new ArrayList<>(at.getScope().toStringList());
        return new AccessToken(SecretValue.of(at.getValue()), expiresAt, scopes);
    }

    /**
     * The exception for an OAuth error answer: credential, endpoint, error code, the server's description when it is
     * safe to show, and what to do about it.
     *
     * @param grant   the grant that was refused, for the message ({@code client_credentials}, ...)
     * @param secrets every secret the server may have echoed
     */
    AuthenticationException refused(Outcome outcome, String grant, List<SecretValue> secrets) {
        return new AuthenticationException(refusal(outcome, grant, secrets) + "; " + fix(outcome.errorCode(), grant));
    }

    /** "credential X: the token endpoint E refused the G grant with HTTP S: code (description)". */
    String refusal(Outcome outcome, String grant, List<SecretValue> secrets) {
        String description = ErrorText.description(outcome.error().getDescription(), secrets);
        return "credential " + credentialId + ": the token endpoint " + where() + " refused the " + grant
                + " grant with HTTP " + outcome.status() + ": " + safeCode(outcome.errorCode())
                + (description == null ? "" : " (" + description + ")");
    }

    /** An error code as printed: OAuth codes are plain ASCII, anything else is not repeated. */
    static String safeCode(String code) {
        return code != null && code.length() <= 64 && code.matches("[A-Za-z0-9_.:-]+") ? code : "unrecognised error";
    }

    private static String fix(String code, String grant) {
        if (code == null) {
            return "check the credential's OAuth settings";
        }
        switch (code) {
            case "invalid_client":
                return "check clientId and clientSecret, and clientAuth (client_secret_post or client_secret_basic)";
            case "unauthorized_client":
                // Keycloak also answers this way to a wrong client secret
                return "check clientId and clientSecret, and that the client may use the " + grant + " grant at the "
                        + "authorization server";
            case "invalid_scope":
                return "check scopes: the client may not request them";
            case "unsupported_grant_type":
                return "the server does not support the " + grant + " grant; check tokenUrl and the credential kind";
            case "invalid_request":
                return "check tokenUrl, clientId, scopes and audience";
            default:
                return "check the credential's OAuth settings";
        }
    }
}
