package io.jiraaccess.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Holds one secret (a token, a password, a shared secret). {@link #toString()} is redacted, so a secret that
 * reaches a log line, an exception message or a debugger shows {@code ****} instead of its value; the value
 * comes out only through {@link #reveal()}, which callers use at the last moment (building a header, signing).
 */
public final class SecretValue {
    private static final String REDACTED = "****";

    private final char[] value;

    private SecretValue(char[] value) {
        this.value = value;
    }

    /** Wraps a secret; refuses null and empty values, which are always configuration mistakes. */
    public static SecretValue of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret value must not be empty");
        }
        return new SecretValue(value.toCharArray());
    }

    /** Wraps a secret, or returns null for a null or empty value (optional secrets). */
    public static SecretValue ofNullable(String value) {
        return value == null || value.isEmpty() ? null : of(value);
    }

    /** The plain value. Every call site is a place a secret leaves its holder: keep them few. */
    public String reveal() {
        return new String(value);
    }

    public byte[] utf8() {
        return reveal().getBytes(StandardCharsets.UTF_8);
    }

    public int length() {
        return value.length;
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    /** Constant-time comparison, so equality checks do not leak the value through timing. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SecretValue other)) {
            return false;
        }
        return MessageDigest.isEqual(utf8(), other.utf8());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
