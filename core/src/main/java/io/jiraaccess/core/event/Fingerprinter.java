package io.jiraaccess.core.event;

import io.jiraaccess.core.secret.SecretValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * {@code jira_access.credential.fingerprint}: HMAC-SHA256 of a secret under an installation key, first 16 hex
 * digits. The same token can be followed across events; the token cannot be recovered, nor confirmed by someone
 * who guesses it without the installation key.
 */
public final class Fingerprinter {
    private final byte[] key;

    public Fingerprinter(byte[] installationKey) {
        if (installationKey == null || installationKey.length < 16) {
            throw new IllegalArgumentException("installation key must be at least 16 bytes");
        }
        this.key = installationKey.clone();
    }

    public String fingerprint(SecretValue secret) {
        if (secret == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(secret.utf8());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
