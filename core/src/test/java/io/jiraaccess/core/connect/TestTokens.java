package io.jiraaccess.core.connect;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Hand-made tokens for attack tests, signed with the JDK's HMAC, independent of the code under test and of Nimbus. */
final class TestTokens {
    private TestTokens() {
    }

    static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code b64(header).b64(claims).HMAC} with the given JCA algorithm, e.g. {@code HmacSHA256}. */
    static String signed(String headerJson, String claimsJson, byte[] key, String jcaAlgorithm) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        return input + "." + b64(hmac(input, key, jcaAlgorithm));
    }

    static String hs256(String headerJson, String claimsJson, byte[] key) {
        return signed(headerJson, claimsJson, key, "HmacSHA256");
    }

    static byte[] hmac(String input, byte[] key, String jcaAlgorithm) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same bytes in a non-canonical spelling: the last character with an unused low bit set (the JDK's decoder
     * ignores it), or null when the part's length leaves no unused bits.
     */
    static String withUnusedBitsSet(String canonical) {
        int unusedBits = switch (canonical.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if (unusedBits == 0) {
            return null;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(canonical.charAt(canonical.length() - 1));
        return canonical.substring(0, canonical.length() - 1) + alphabet.charAt(last | 1);
    }
}
