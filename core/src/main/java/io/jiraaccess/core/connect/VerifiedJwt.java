package io.jiraaccess.core.connect;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verified token says. It holds no token text and no key.
 *
 * @param algorithm  the JWS algorithm, e.g. {@code HS256}
 * @param issuer     {@code iss}
 * @param subject    {@code sub}, or null
 * @param audience   {@code aud}, empty when absent
 * @param issuedAt   {@code iat}
 * @param expiresAt  {@code exp}
 * @param qsh        the token's {@code qsh}: the request hash, or {@link Qsh#CONTEXT_QSH}
 * @param claims     every claim, as parsed JSON (nested objects as maps, arrays as lists)
 */
public record VerifiedJwt(String algorithm, String issuer, String subject, List<String> audience, Instant issuedAt,
                          Instant expiresAt, String qsh, Map<String, Object> claims) {
    public VerifiedJwt {
        audience = List.copyOf(audience);
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** True for a context token, which is not bound to one request. */
    public boolean isContextToken() {
        return Qsh.CONTEXT_QSH.equals(qsh);
    }
}
