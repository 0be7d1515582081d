package io.jiraaccess.sim.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 7636 code challenge checks, S256 and plain. */
public final class Pkce {

    private Pkce() {
    }

    public static boolean verifies(String method, String challenge, String verifier) {
        if (verifier == null || !verifier.matches("[A-Za-z0-9\\-._~]{43,128}")) {
            return false;
        }
        String expected = "S256".equals(method) ? s256(verifier) : verifier;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
