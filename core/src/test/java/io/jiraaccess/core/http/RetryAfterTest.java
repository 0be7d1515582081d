package io.jiraaccess.core.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");

    @Test
    void secondsAreReadAndCappedAtAnHour() {
        assertEquals(Duration.ofSeconds(2), RetryAfter.parse("2", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse(" 0 ", NOW));
        assertEquals(Duration.ofHours(1), RetryAfter.parse("3601", NOW));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("99999999999999999999999", NOW));
    }

    @Test
    void anHttpDateIsTheWaitUntilThenAndAPastDateIsNoWait() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Sat, 14 Mar 2026 10:01:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("Sat, 14 Mar 2026 09:00:00 GMT", NOW));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("Sun, 15 Mar 2026 10:00:00 GMT", NOW));
    }

    @Test
    void anythingElseIsNoAnswer() {
        for (String v : new String[] {null, "", "  ", "-5", "+5", "1.5", "soon", "2026-03-14T10:01:30Z", "5 s"}) {
            assertNull(RetryAfter.parse(v, NOW), v);
        }
    }
}
