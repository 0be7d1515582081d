package io.jiraaccess.core.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jiraaccess.core.connect.JwtVerificationException.Reason;
import io.jiraaccess.core.secret.SecretValue;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies inbound JWTs (Atlassian Connect style: HS256 with a per-issuer shared secret, qsh bound to the request)
 * and refuses the attacks of RFC 8725. Checks run in this order, each with its own
 * {@link JwtVerificationException.Reason}:
 * <ol>
 *   <li>size (before anything is decoded), five parts = JWE, three canonical unpadded Base64URL parts of strict
 *       UTF-8 JSON objects,
 *       nesting depth and duplicate member names (before Nimbus parses anything);</li>
 *   <li>header: {@code enc} (JWE), {@code alg} = {@code none} in any case, {@code alg} outside the allowlist,
 *       {@code crit}/{@code b64};</li>
 *   <li>{@code iss} present (a string) and a key known for it, of the family {@code alg} names; the signature;</li>
 *   <li>{@code iat} and {@code exp} present, {@code exp} not passed and at most the maximum lifetime after
 *       {@code iat} (1 hour by default: Atlassian recommends 3 minutes, its context tokens last 15), {@code nbf}/
 *       {@code iat} not in the future (all with the clock skew), expected {@code iss}/{@code aud} when configured;</li>
 *   <li>{@code qsh} present and equal to the hash of the request's method, path and query (relative to the
 *       context path), or {@code context-qsh} where the caller allows it.</li>
 * </ol>
 * Immutable and thread-safe: build one and share it.
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *         .sharedSecrets(appKey -> installations.secretOf(appKey))   // null for unknown issuers
 *         .contextPath("/jira")
 *         .build();
 * VerifiedJwt jwt = verifier.verify(token, "GET", "/jira/rest/api/2/myself?expand=groups");
 * }</pre>
 */
public final class JwtVerifier {
    /** Default maximum token length in characters (8 KiB). */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;
    /** Default maximum JSON nesting depth of header and claims. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 16;
    /** Default allowance for clocks that disagree, as Atlassian's own verifiers allow. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /**
     * Default longest {@code exp - iat}: Atlassian recommends tokens that expire 3 minutes after they are issued, its
     * context tokens live 15 minutes, and this project's minter allows at most an hour ({@code ttlSeconds}).
     */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);

    /** Which {@code qsh} values a request accepts. */
    public enum QshRule {
        /** Only the hash of this request. */
        REQUEST,
        /** The hash of this request, or {@code context-qsh} (Connect context tokens; only where the caller expects them). */
        REQUEST_OR_CONTEXT
    }

    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(
            JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512, JWSAlgorithm.RS256);

    private final Set<JWSAlgorithm> algorithms;
    private final Function<String, VerificationKey> keys;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final String expectedIssuer;
    private final String expectedAudience;
    private final String contextPath;
    private final int maxTokenLength;
    private final int maxJsonDepth;

    private JwtVerifier(Builder b) {
        this.algorithms = Set.copyOf(b.algorithms);
        this.keys = b.keys;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.maxLifetime = b.maxLifetime;
        this.expectedIssuer = b.expectedIssuer;
        this.expectedAudience = b.expectedAudience;
        this.contextPath = b.contextPath;
        this.maxTokenLength = b.maxTokenLength;
        this.maxJsonDepth = b.maxJsonDepth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies a token bound to this request ({@link QshRule#REQUEST}). */
    public VerifiedJwt verify(String token, String method, String pathAndQuery) {
        return verify(token, method, pathAndQuery, QshRule.REQUEST);
    }

    /**
     * @param token        the compact JWT (from {@code Authorization: JWT <token>} or {@code ?jwt=})
     * @param method       the request's HTTP method
     * @param pathAndQuery the request's raw path and query as received, context path included
     * @param rule         whether a context token is acceptable for this request
     * @throws JwtVerificationException when the token is refused, with the reason
     */
    public VerifiedJwt verify(String token, String method, String pathAndQuery, QshRule rule) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(rule, "rule");
        CompactJws jws = CompactJws.read(token, maxTokenLength, maxJsonDepth, algorithms);
        JWSAlgorithm alg = jws.algorithm();
        JWTClaimsSet claims = jws.claims();

        String issuer = claims.getIssuer();
        if (issuer == null) {
            throw new JwtVerificationException(Reason.MISSING_CLAIM, "the token has no iss claim");
        }
        VerificationKey key = keys.apply(issuer);
        if (key == null) {
            throw new JwtVerificationException(Reason.UNKNOWN_ISSUER, "no key is known for issuer " + printable(issuer));
        }
        verifySignature(token, alg, key, issuer);

        Instant now = clock.instant();
        Instant issuedAt = requiredTime(claims.getIssueTime(), "iat");
        Instant expiresAt = requiredTime(claims.getExpirationTime(), "exp");
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            throw new JwtVerificationException(Reason.EXPIRED, "the token expired at " + expiresAt);
        }
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new JwtVerificationException(Reason.LIFETIME_TOO_LONG, "the token is valid for " + lifetime
                    + " (exp - iat), longer than the maximum of " + maxLifetime + "; mint tokens that expire sooner "
                    + "after they are issued");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
            throw new JwtVerificationException(Reason.NOT_YET_VALID, "the token is not valid before " + notBefore.toInstant());
        }
        if (now.plus(clockSkew).isBefore(issuedAt)) {
            throw new JwtVerificationException(Reason.NOT_YET_VALID, "the token was issued in the future, at " + issuedAt);
        }
        if (expectedIssuer != null && !expectedIssuer.equals(issuer)) {
            throw new JwtVerificationException(Reason.WRONG_ISSUER, "the token was issued by " + printable(issuer)
                    + ", not by " + printable(expectedIssuer));
        }
        List<String> audience = claims.getAudience();
        if (expectedAudience != null && !audience.contains(expectedAudience)) {
            throw new JwtVerificationException(Reason.WRONG_AUDIENCE, "the token is not for audience " + printable(expectedAudience));
        }
        String qsh = stringClaim(claims, "qsh");
        checkQsh(qsh, method, pathAndQuery, rule);
        return new VerifiedJwt(alg.getName(), issuer, stringClaim(claims, "sub"), audience, issuedAt, expiresAt, qsh,
                claims.toJSONObject());
    }

    private void verifySignature(String token, JWSAlgorithm alg, VerificationKey key, String issuer) {
        boolean hmac = JWSAlgorithm.Family.HMAC_SHA.contains(alg);
        JWSVerifier verifier;
        try {
            if (key instanceof VerificationKey.Hmac h) {
                if (!hmac) {
                    throw keyMismatch(alg, issuer, "a shared secret");
                }
                byte[] secret = h.secret().utf8();
                if (secret.length * 8 < minHmacBits(alg)) {
                    throw new JwtVerificationException(Reason.WEAK_KEY, "the shared secret for issuer " + printable(issuer)
                            + " is shorter than " + alg.getName() + " requires (" + minHmacBits(alg) / 8 + " bytes)");
                }
                verifier = new MACVerifier(secret);
            } else if (key instanceof VerificationKey.Rsa r) {
                if (hmac) {
                    throw keyMismatch(alg, issuer, "an RSA public key");
                }
                verifier = new RSASSAVerifier(r.publicKey());
            } else {
                throw new IllegalStateException("unknown key type");
            }
            if (!SignedJWT.parse(token).verify(verifier)) {
                throw new JwtVerificationException(Reason.BAD_SIGNATURE, "the signature does not verify with the key of issuer "
                        + printable(issuer));
            }
        } catch (ParseException e) {
            throw new JwtVerificationException(Reason.MALFORMED, "the token is not a JWS");
        } catch (JOSEException e) {
            throw new JwtVerificationException(Reason.BAD_SIGNATURE, "the signature cannot be verified with the key of issuer "
                    + printable(issuer));
        }
    }

    private static JwtVerificationException keyMismatch(JWSAlgorithm alg, String issuer, String keyKind) {
        return new JwtVerificationException(Reason.KEY_TYPE_MISMATCH, "issuer " + printable(issuer) + " has " + keyKind
                + ", which cannot verify " + alg.getName() + " tokens");
    }

    private static int minHmacBits(JWSAlgorithm alg) {
        if (JWSAlgorithm.HS512.equals(alg)) {
            return 512;
        }
        return JWSAlgorithm.HS384.equals(alg) ? 384 : 256;
    }

    private static Instant requiredTime(Date date, String claim) {
        if (date == null) {
            throw new JwtVerificationException(Reason.MISSING_CLAIM, "the token has no " + claim + " claim");
        }
        return date.toInstant();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new JwtVerificationException(Reason.INVALID_CLAIM, "the " + name + " claim is not a string");
        }
    }

    private void checkQsh(String qsh, String method, String pathAndQuery, QshRule rule) {
        if (qsh == null) {
            throw new JwtVerificationException(Reason.QSH_MISSING, "the token has no qsh claim");
        }
        if (Qsh.CONTEXT_QSH.equals(qsh)) {
            if (rule != QshRule.REQUEST_OR_CONTEXT) {
                throw new JwtVerificationException(Reason.CONTEXT_QSH_NOT_ALLOWED,
                        "a context token (qsh context-qsh) is not accepted for " + printable(method) + " requests here");
            }
            return;
        }
        try {
            String expected = Qsh.hash(Qsh.canonicalRequest(method, pathAndQuery, contextPath, Qsh.NameOrder.DECODED));
            if (expected.equals(qsh)) {
                return;
            }
            // Atlassian's Java library orders parameter names by their encoded form; accept its tokens too
            if (Qsh.ordersDiffer(pathAndQuery)
                    && Qsh.hash(Qsh.canonicalRequest(method, pathAndQuery, contextPath, Qsh.NameOrder.ENCODED)).equals(qsh)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new JwtVerificationException(Reason.QSH_MISMATCH, "the request cannot be canonicalized: " + e.getMessage());
        }
        throw new JwtVerificationException(Reason.QSH_MISMATCH, "the qsh does not match " + printable(method.toUpperCase(Locale.ROOT))
                + " on this path and query");
    }

    /** Attacker-chosen text in a message: printable ASCII only, and short. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.append(s.length() > 64 ? "...'" : "'").toString();
    }

    /** Settings for a {@link JwtVerifier}; {@link #build()} refuses incomplete or conflicting ones. */
    public static final class Builder {
        private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(Set.of(JWSAlgorithm.HS256));
        private Function<String, VerificationKey> keys;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private String expectedIssuer;
        private String expectedAudience;
        private String contextPath = "";
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
        private int maxJsonDepth = DEFAULT_MAX_JSON_DEPTH;

        private Builder() {
        }

        /** The accepted algorithms, replacing the default (HS256 only). Supported: HS256, HS384, HS512, RS256. */
        public Builder algorithms(JWSAlgorithm... allowed) {
            if (allowed.length == 0) {
                throw new IllegalArgumentException("allow at least one algorithm, e.g. JWSAlgorithm.HS256");
            }
            for (JWSAlgorithm a : allowed) {
                if (!SUPPORTED.contains(a)) {
                    throw new IllegalArgumentException("algorithm " + a + " is not supported; use HS256, HS384, HS512 or RS256");
                }
            }
            algorithms.clear();
            algorithms.addAll(List.of(allowed));
            return this;
        }

        /** The key for each issuer ({@code iss}); return null for unknown issuers. */
        public Builder keys(Function<String, VerificationKey> byIssuer) {
            if (keys != null) {
                throw new IllegalStateException("a key lookup is already set: call keys(...) or sharedSecrets(...) once");
            }
            this.keys = Objects.requireNonNull(byIssuer, "byIssuer");
            return this;
        }

        /** Shared secrets by issuer (Connect: the app key or client key); return null for unknown issuers. */
        public Builder sharedSecrets(Function<String, SecretValue> byIssuer) {
            Objects.requireNonNull(byIssuer, "byIssuer");
            return keys(iss -> {
                SecretValue secret = byIssuer.apply(iss);
                return secret == null ? null : VerificationKey.hmac(secret);
            });
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far clocks may disagree for {@code exp}, {@code nbf} and {@code iat}; 30 s by default, at most 5 min. */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes, was " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** The longest {@code exp - iat} accepted; 1 hour by default, between 1 second and 24 hours. */
        public Builder maxLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("maxLifetime must be between 1 second and 24 hours, was " + lifetime);
            }
            this.maxLifetime = lifetime;
            return this;
        }

        /** Refuse tokens whose {@code iss} is not this. */
        public Builder expectedIssuer(String issuer) {
            this.expectedIssuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Refuse tokens whose {@code aud} does not contain this. */
        public Builder expectedAudience(String audience) {
            this.expectedAudience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The site's context path (e.g. {@code /jira}), removed from request paths before the qsh is computed. */
        public Builder contextPath(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw new IllegalArgumentException("a context path starts with /, e.g. /jira; was " + printable(path));
            }
            this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /** The longest token accepted, in characters; 8 KiB by default. */
        public Builder maxTokenLength(int chars) {
            if (chars < 64 || chars > 1024 * 1024) {
                throw new IllegalArgumentException("maxTokenLength must be between 64 and 1048576, was " + chars);
            }
            this.maxTokenLength = chars;
            return this;
        }

        /** The deepest JSON nesting accepted in header and claims; 16 by default. */
        public Builder maxJsonDepth(int depth) {
            if (depth < 1 || depth > 64) {
                throw new IllegalArgumentException("maxJsonDepth must be between 1 and 64, was " + depth);
            }
            this.maxJsonDepth = depth;
            return this;
        }

        public JwtVerifier build() {
            if (keys == null) {
                throw new IllegalStateException("no keys: call sharedSecrets(issuer -> secret) or keys(issuer -> key)");
            }
            return new JwtVerifier(this);
        }
    }
}
