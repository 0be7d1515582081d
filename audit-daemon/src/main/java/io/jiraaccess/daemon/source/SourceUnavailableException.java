package io.jiraaccess.daemon.source;

import java.time.Duration;

/**
 * A source cannot be read now (HTTP 5xx, 429, a timeout, an unreadable answer, refused credentials). The runner
 * backs off, at least {@code retryAfter} when the source asked for it, and reports the message in {@code /health}.
 * Messages never contain credentials.
 */
public class SourceUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    public SourceUnavailableException(String message) {
        this(message, null, null);
    }

    public SourceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the source asked us to wait (429 Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
