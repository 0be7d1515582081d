package io.jiraaccess.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JiraClient} talks to Jira: how often it tries, how long it waits between tries, and how long it waits
 * for Jira at all. Every wait is bounded, so a request finishes (or fails) in bounded time.
 *
 * @param maxAttempts    tries per request, the first included (429, 5xx for idempotent requests, network errors)
 * @param baseBackoff    wait before the first retry; doubled each retry, with jitter
 * @param maxBackoff     longest single wait, also the cap on a {@code Retry-After} Jira asks for
 * @param connectTimeout longest wait for a TCP/TLS connection
 * @param requestTimeout longest wait for a response, per try
 * @param maxRedirects   redirects followed per request before giving up
 */
public record HttpSettings(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration connectTimeout,
                           Duration requestTimeout, int maxRedirects) {
    /** 4 tries, 0.5 s doubling up to 30 s, 10 s to connect, 60 s per response, 5 redirects. */
    public static final HttpSettings DEFAULT = new HttpSettings(4, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(60), 5);

    public HttpSettings {
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, not " + maxAttempts);
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= baseBackoff <= maxBackoff");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: an unbounded wait is never wanted");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be between 0 and 20, not " + maxRedirects);
        }
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(attempts, baseBackoff, maxBackoff, connectTimeout, requestTimeout, maxRedirects);
    }

    public HttpSettings withBackoff(Duration base, Duration max) {
        return new HttpSettings(maxAttempts, base, max, connectTimeout, requestTimeout, maxRedirects);
    }

    public HttpSettings withTimeouts(Duration connect, Duration request) {
        return new HttpSettings(maxAttempts, baseBackoff, maxBackoff, connect, request, maxRedirects);
    }

    public HttpSettings withMaxRedirects(int redirects) {
        return new HttpSettings(maxAttempts, baseBackoff, maxBackoff, connectTimeout, requestTimeout, redirects);
    }
}
