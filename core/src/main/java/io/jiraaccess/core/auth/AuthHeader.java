package io.jiraaccess.core.auth;

import io.jiraaccess.core.secret.SecretValue;

/**
 * The value of an {@code Authorization} header: {@code Bearer ...}, {@code Basic ...} or {@code JWT ...}.
 * {@link #toString()} is redacted.
 */
public record AuthHeader(String scheme, SecretValue credentials) {
    /** The full header value, e.g. {@code Bearer abc}: for the wire only. */
    public String value() {
        return scheme + " " + credentials.reveal();
    }

    @Override
    public String toString() {
        return scheme + " ****";
    }
}
