package io.jiraaccess.core.oauth;

import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Text from an authorization server that goes into our error messages and events. Servers may echo what they were
 * sent, so a description is dropped when it contains any printed form of a secret in play, and token-like words
 * (long runs of token characters, e.g. a refresh token we no longer hold) are masked.
 */
final class ErrorText {
    static final int MAX_DESCRIPTION = 200;
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9._~+/=-]{32,}");

    private ErrorText() {
    }

    /** A server's error description fit for a message, or null when there is none or it cannot be shown. */
    static String description(String raw, Collection<SecretValue> secrets) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (SecretValue s : secrets) {
            if (s == null) {
                continue;
            }
            for (String form : SecretForms.of(s.reveal())) {
                if (raw.contains(form)) {
                    return "description withheld: it quoted a secret";
                }
            }
        }
        String clean = raw.replaceAll("\\p{Cntrl}", " ").strip();
        clean = TOKEN_LIKE.matcher(clean).replaceAll("[redacted]");
        return clean.length() > MAX_DESCRIPTION ? clean.substring(0, MAX_DESCRIPTION) + "..." : clean;
    }

    /** An endpoint as shown in messages: scheme, host, port and path; never user info or query. */
    static String endpoint(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
