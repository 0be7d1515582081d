package io.jiraaccess.core.rotation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the rotator treats failures. A failed cycle is retried no sooner than {@code firstBackoff}, doubling with each
 * further failure up to {@code maxBackoff}; after {@code markAfterFailures} failures in a row the credential is
 * marked and a {@code rotation.failed} event raised. Retries go on at {@code maxBackoff} after that (an outage can
 * last days), until a cycle succeeds and clears the mark.
 */
public record RotationSettings(Duration firstBackoff, Duration maxBackoff, int markAfterFailures) {
    /** Retry after 5 minutes, doubling to at most a day; mark after 5 failed cycles. */
    public static final RotationSettings DEFAULT = new RotationSettings(Duration.ofMinutes(5), Duration.ofHours(24), 5);

    public RotationSettings {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("firstBackoff must be positive, or failures would be retried in a tight loop");
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than firstBackoff ("
                    + firstBackoff + ")");
        }
        if (markAfterFailures < 1 || markAfterFailures > 100) {
            throw new IllegalArgumentException("markAfterFailures must be between 1 and 100, not " + markAfterFailures);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration backoff(int failures) {
        Duration d = firstBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
