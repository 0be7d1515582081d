package io.jiraaccess.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry: exponential from {@link HttpSettings#baseBackoff()}, capped at
 * {@link HttpSettings#maxBackoff()}, with "equal jitter" (half fixed, half random) so that many clients that failed
 * together do not retry together; or what Jira asked for in {@code Retry-After}, capped the same way.
 */
final class Backoff {
    private final HttpSettings settings;
    private final RandomGenerator random;

    /** @param random jitter source; null for a thread-local one */
    Backoff(HttpSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long base = settings.baseBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long exp = retry >= 31 ? max : Math.min(max, base << Math.max(0, retry - 1));
        if (exp < 0) {
            exp = max;
        }
        long half = exp / 2;
        RandomGenerator r = random == null ? ThreadLocalRandom.current() : random;
        return Duration.ofMillis(half + (exp - half == 0 ? 0 : r.nextLong(exp - half + 1)));
    }

    /** The wait Jira asked for ({@link RetryAfter}), capped at {@link HttpSettings#maxBackoff()}; null when none. */
    Duration retryAfter(String header, Instant now) {
        Duration asked = RetryAfter.parse(header, now);
        return asked == null || asked.compareTo(settings.maxBackoff()) <= 0 ? asked : settings.maxBackoff();
    }
}
