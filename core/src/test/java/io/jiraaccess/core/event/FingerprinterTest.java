package io.jiraaccess.core.event;

import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprinterTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final CredentialSpec.Common COMMON = new CredentialSpec.Common("ci", URI.create("https://jira.example.com"),
            null, null, null, AllowPolicy.DEFAULT);

    final Fingerprinter fp = new Fingerprinter(KEY);

    @Test
    void fingerprintIsTheFirst16HexDigitsOfTheHmac() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("my-token".getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertEquals(expected, fp.fingerprint(SecretValue.of("my-token")));
        assertTrue(fp.fingerprint(SecretValue.of("x")).matches("[0-9a-f]{16}"));
    }

    @Test
    void sameSecretSameFingerprintOtherSecretOrKeyAnother() {
        String a = fp.fingerprint(SecretValue.of("token-a"));
        assertEquals(a, new Fingerprinter(KEY).fingerprint(SecretValue.of("token-a")));
        assertNotEquals(a, fp.fingerprint(SecretValue.of("token-b")));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertNotEquals(a, new Fingerprinter(otherKey).fingerprint(SecretValue.of("token-a")));
    }

    @Test
    void keyIsCopiedSoLaterChangesToTheArrayDoNotMatter() {
        byte[] key = KEY.clone();
        Fingerprinter f = new Fingerprinter(key);
        String before = f.fingerprint(SecretValue.of("t"));
        key[3] ^= 7;
        assertEquals(before, f.fingerprint(SecretValue.of("t")));
    }

    @Test
    void specFingerprintIsTheLongLivedSecret() {
        SecretValue pat = SecretValue.of("pat-value");
        SecretValue api = SecretValue.of("api-value");
        SecretValue client = SecretValue.of("client-secret");
        SecretValue shared = SecretValue.of("s".repeat(40));
        assertEquals(fp.fingerprint(pat), fp.fingerprint(new PatSpec(COMMON, pat, null)));
        assertEquals(fp.fingerprint(api), fp.fingerprint(new ApiTokenSpec(COMMON, "a@b.c", api, null)));
        assertEquals(fp.fingerprint(client), fp.fingerprint(new OAuthClientCredentialsSpec(COMMON, URI.create("https://t"), "id", client, null, null)));
        assertEquals(fp.fingerprint(client), fp.fingerprint(new OAuthRefreshTokenSpec(COMMON, URI.create("https://t"), URI.create("https://a"),
                "id", client, SecretValue.of("refresh"), null, null)));
        assertEquals(fp.fingerprint(shared), fp.fingerprint(new ConnectJwtSpec(COMMON, "app", shared, null)));
    }

    @Test
    void publicOAuthClientGetsAStableFingerprintFromItsIdAndSite() {
        OAuthRefreshTokenSpec a = new OAuthRefreshTokenSpec(COMMON, URI.create("https://t"), URI.create("https://a"), "pub", null, null, null, null);
        OAuthRefreshTokenSpec b = new OAuthRefreshTokenSpec(COMMON, URI.create("https://t"), URI.create("https://a"), "other", null, null, null, null);
        assertEquals(fp.fingerprint(a), fp.fingerprint(a));
        assertTrue(fp.fingerprint(a).matches("[0-9a-f]{16}"));
        assertNotEquals(fp.fingerprint(a), fp.fingerprint(b));
    }

    @Test
    void shortKeysAndNullSecretsAreHandled() {
        assertThrows(IllegalArgumentException.class, () -> new Fingerprinter(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new Fingerprinter(null));
        assertNull(fp.fingerprint((SecretValue) null));
    }
}
