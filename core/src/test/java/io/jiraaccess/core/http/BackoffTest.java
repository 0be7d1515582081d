package io.jiraaccess.core.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    static final HttpSettings SETTINGS = HttpSettings.DEFAULT.withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void delayDoublesWithEqualJitterUpToTheCap() {
        Backoff b = new Backoff(SETTINGS, new Random(1));
        long[] ceilings = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int retry = 1; retry <= ceilings.length; retry++) {
            for (int i = 0; i < 200; i++) {
                long ms = b.delay(retry).toMillis();
                long ceiling = ceilings[retry - 1];
                assertTrue(ms >= ceiling / 2 && ms <= ceiling, "retry " + retry + ": " + ms + " ms outside [" + ceiling / 2 + ", " + ceiling + "]");
            }
        }
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        Backoff b = new Backoff(SETTINGS, new Random(5));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.delay(4).toMillis());
        }
        assertTrue(seen.size() > 20, "only " + seen.size() + " distinct delays");
    }

    @Test
    void retryAfterInSecondsOrAsHttpDateIsHonouredAndCapped() {
        Backoff b = new Backoff(SETTINGS, new Random(1));
        Instant now = Instant.parse("2015-10-21T07:27:57Z");
        assertEquals(Duration.ofSeconds(1), b.retryAfter("1", now));
        assertEquals(Duration.ZERO, b.retryAfter("0", now));
        assertEquals(Duration.ofSeconds(2), b.retryAfter("3600", now));
        assertEquals(Duration.ofSeconds(2), b.retryAfter(" 99999999999 ".trim().substring(0, 10), now));
        assertEquals(Duration.ofMillis(1000), b.retryAfter("Wed, 21 Oct 2015 07:27:58 GMT", now));
        assertEquals(Duration.ofSeconds(2), b.retryAfter("Wed, 21 Oct 2015 08:00:00 GMT", now));
        assertEquals(Duration.ZERO, b.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now));
        assertNull(b.retryAfter(null, now));
        assertNull(b.retryAfter("", now));
        assertNull(b.retryAfter("soon", now));
        assertNull(b.retryAfter("-5", now));
    }
}
