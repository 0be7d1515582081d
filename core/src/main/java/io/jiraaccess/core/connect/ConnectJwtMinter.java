package io.jiraaccess.core.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import io.jiraaccess.core.secret.SecretValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Mints Atlassian Connect JWTs: HS256 over {@code iss} (the app key), {@code iat}, {@code exp} = iat + TTL,
 * {@code qsh} and an optional {@code sub}, signed with the installation's shared secret by Nimbus.
 * <p>
 * Minting happens once per request, so the constant work is done once here: the {@link MACSigner} for the secret,
 * the encoded header and the claims prefix with the escaped app key. Per token only the times, the qsh and the
 * signature are computed. Thread-safe.
 */
public final class ConnectJwtMinter {
    /** Nimbus' minimum for HS256: a key as long as the hash (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
    private static final String ENCODED_HEADER = HEADER.toBase64URL().toString();

    private final MACSigner signer;
    private final String claimsPrefix;
    private final long ttlSeconds;

    /**
     * @param appKey       the Connect app key, sent as {@code iss}
     * @param sharedSecret the installation's shared secret (at least {@value #MIN_SECRET_BYTES} bytes of UTF-8)
     * @param ttl          token lifetime, whole seconds, at least one second
     * @throws IllegalArgumentException for a short secret or a bad TTL; the message never contains the secret
     */
    public ConnectJwtMinter(String appKey, SecretValue sharedSecret, Duration ttl) {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        Objects.requireNonNull(ttl, "ttl");
        if (appKey.isEmpty()) {
            throw new IllegalArgumentException("the Connect app key (iss) must not be empty");
        }
        if (ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("the Connect JWT lifetime must be at least one second, was " + ttl);
        }
        byte[] secret = sharedSecret.utf8();
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the Connect shared secret has " + secret.length + " bytes; HS256 needs at least "
                    + MIN_SECRET_BYTES + " (use the sharedSecret from the app's installation payload)");
        }
        try {
            this.signer = new MACSigner(secret);
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException("the Connect shared secret is too short for HS256", e);
        }
        this.claimsPrefix = "{\"iss\":" + JsonText.quote(appKey) + ",\"iat\":";
        this.ttlSeconds = ttl.getSeconds();
    }

    /** A minter with the default lifetime of 180 seconds. */
    public ConnectJwtMinter(String appKey, SecretValue sharedSecret) {
        this(appKey, sharedSecret, io.jiraaccess.core.credential.ConnectJwtSpec.DEFAULT_TTL);
    }

    /** A token for one request, e.g. {@code mint("GET", "/rest/api/2/myself", now)}; the path is relative to the site root. */
    public String mint(String method, String pathAndQuery, Instant issuedAt) {
        return mint(Qsh.qsh(method, pathAndQuery), issuedAt, null);
    }

    /**
     * A token with the given qsh ({@link Qsh#qsh} or {@link Qsh#CONTEXT_QSH}).
     *
     * @param issuedAt {@code iat}; sub-second parts are dropped
     * @param subject  {@code sub}, or null for none
     */
    public String mint(String qsh, Instant issuedAt, String subject) {
        Objects.requireNonNull(qsh, "qsh");
        long iat = issuedAt.getEpochSecond();
        StringBuilder claims = new StringBuilder(claimsPrefix.length() + qsh.length() + 64)
                .append(claimsPrefix).append(iat)
                .append(",\"exp\":").append(iat + ttlSeconds)
                .append(",\"qsh\":");
        JsonText.appendQuoted(claims, qsh);
        if (subject != null) {
            claims.append(",\"sub\":");
            JsonText.appendQuoted(claims, subject);
        }
        claims.append('}');
        String signingInput = ENCODED_HEADER + '.' + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return signingInput + '.' + signer.sign(HEADER, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            // HMAC-SHA256 is in every Java runtime and the key length was checked above
            throw new IllegalStateException("HS256 signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The lifetime of the tokens this minter issues. */
    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }
}
