package io.jiraaccess.core.event;

import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * {@code jira_access.credential.fingerprint}: HMAC-SHA256 of a secret under an installation key, first 16 hex
 * digits. The same token can be followed across events; the token cannot be recovered, nor confirmed by someone
 * who guesses it without the installation key.
 * <p>Which secret: {@code jira_access.credential.fingerprint} is the credential's long-lived secret (the PAT in use,
 * the API token, the OAuth client secret, the Connect shared secret); short-lived access tokens go in
 * {@code jira_access.token.fingerprint}.
 */
public final class Fingerprinter {
    private final byte[] key;

    public Fingerprinter(byte[] installationKey) {
        if (installationKey == null || installationKey.length < 16) {
            throw new IllegalArgumentException("installation key must be at least 16 bytes");
        }
        this.key = installationKey.clone();
    }

    /**
     * The fingerprint of a credential's long-lived secret as configured; for a rotated PAT, fingerprint the
     * token in use with {@link #fingerprint(SecretValue)} instead. Public OAuth clients have no secret: their
     * client id and site stand in, still keyed, so the value is stable and opaque.
     */
    public String fingerprint(CredentialSpec spec) {
        if (spec instanceof PatSpec p) {
            return fingerprint(p.token());
        } else if (spec instanceof ApiTokenSpec a) {
            return fingerprint(a.token());
        } else if (spec instanceof OAuthClientCredentialsSpec c) {
            return fingerprint(c.clientSecret());
        } else if (spec instanceof OAuthRefreshTokenSpec r) {
            return r.clientSecret() != null ? fingerprint(r.clientSecret())
                    : fingerprint(SecretValue.of("public-client|" + r.clientId() + "|" + r.common().siteBase()));
        } else if (spec instanceof ConnectJwtSpec j) {
            return fingerprint(j.sharedSecret());
        }
        throw new IllegalArgumentException("unknown credential kind " + spec.kind());
    }

    public String fingerprint(SecretValue secret) {
        return secret == null ? null : HexFormat.of().formatHex(hmac(secret), 0, 8);
    }

    /**
     * The whole HMAC-SHA256 (64 hex digits) of {@code material}, for keys where a collision must stay out of reach
     * (the token broker's cache keys), not for events.
     */
    public String digest(SecretValue material) {
        return HexFormat.of().formatHex(hmac(material));
    }

    private byte[] hmac(SecretValue secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(secret.utf8());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
