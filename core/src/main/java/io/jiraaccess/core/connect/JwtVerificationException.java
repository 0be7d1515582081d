package io.jiraaccess.core.connect;

import io.jiraaccess.core.AuthenticationException;

import java.util.Objects;

/**
 * An inbound JWT was refused. {@link #reason()} says why, for tests, metrics and responses; the message explains it
 * for people and never contains the token, a key or a secret.
 */
public class JwtVerificationException extends AuthenticationException {
    /** Why a token was refused. */
    public enum Reason {
        /** Not three parts in canonical unpadded Base64URL holding JSON objects in UTF-8. */
        MALFORMED,
        /** Longer than the verifier's size limit. */
        OVERSIZED,
        /** JSON nested deeper than the verifier's limit. */
        NESTING_TOO_DEEP,
        /** A JSON object names a member twice. */
        DUPLICATE_MEMBER,
        /** A JWE (encrypted token) where a signed token (JWS) is expected. */
        ENCRYPTED,
        /** An unsecured token: {@code alg} is {@code none} in any spelling. */
        ALG_NONE,
        /** {@code alg} is not in the verifier's allowlist. */
        ALG_NOT_ALLOWED,
        /** The header uses {@code crit} or {@code b64}, extensions this verifier does not implement. */
        CRITICAL_HEADER,
        /** No key is known for the token's {@code iss}. */
        UNKNOWN_ISSUER,
        /** The issuer's key is of another family than {@code alg} (HMAC vs RSA): the key confusion attack. */
        KEY_TYPE_MISMATCH,
        /** The issuer's key is too short for its algorithm. */
        WEAK_KEY,
        /** The signature does not verify with the issuer's key. */
        BAD_SIGNATURE,
        /** A required claim ({@code iss}, {@code iat}, {@code exp}) is absent. */
        MISSING_CLAIM,
        /** A claim has the wrong JSON type, or a date claim lies outside 1970 to 9999. */
        INVALID_CLAIM,
        /** {@code exp} has passed (allowing for clock skew). */
        EXPIRED,
        /** {@code exp} lies further after {@code iat} than the verifier's maximum token lifetime. */
        LIFETIME_TOO_LONG,
        /** {@code nbf} or {@code iat} lies in the future (allowing for clock skew). */
        NOT_YET_VALID,
        /** {@code iss} is not the expected issuer. */
        WRONG_ISSUER,
        /** {@code aud} does not contain the expected audience. */
        WRONG_AUDIENCE,
        /** The token carries no {@code qsh}. */
        QSH_MISSING,
        /** The {@code qsh} does not match the request's method, path and query. */
        QSH_MISMATCH,
        /** A context token ({@code qsh} = {@code context-qsh}) where the caller requires a request-bound one. */
        CONTEXT_QSH_NOT_ALLOWED
    }

    private final Reason reason;

    public JwtVerificationException(Reason reason, String detail) {
        super("JWT rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
