package io.jiraaccess.core.event;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventTimeTest {
    @Test
    void theEventFormTakesTheShortWay() {
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), EventTime.utc("2026-03-14T10:00:00Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.123456789Z"), EventTime.utc("2024-02-29T23:59:59.123456789Z"));
        assertEquals(Instant.parse("1969-12-31T23:59:59.5Z"), EventTime.utc("1969-12-31T23:59:59.5Z"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), EventTime.utc("0000-01-01T00:00:00Z"));
    }

    @Test
    void everythingElseGoesToJavaTime() {
        for (String other : List.of("2026-03-14T10:00:00+02:00", "2026-03-14t10:00:00z", "2026-02-29T10:00:00Z",
                "2026-03-14T24:00:00Z", "2026-03-14T23:59:60Z", "2026-03-14T10:00:00.Z", "2026-03-14T10:00:00.1234567890Z",
                "+12026-03-14T10:00:00Z", "2026-3-14T10:00:00Z", "2026-03-14 10:00:00Z", "")) {
            assertNull(EventTime.utc(other), other);
        }
        assertEquals(Instant.parse("2026-03-14T08:00:00Z"), EventTime.parseInstant("2026-03-14T10:00:00+02:00"));
        assertEquals(Instant.parse("2026-03-14T08:00:00Z"), EventTime.of("2026-03-14T10:00+02:00"));
    }

    @Test
    void theRuleReadsTextAndWholeEpochMillisecondsFrom1970To9999() {
        assertEquals(Instant.EPOCH, EventTime.of(0L));
        assertEquals(Instant.ofEpochMilli(1773446400000L), EventTime.of(1773446400000L));
        assertEquals(Instant.ofEpochMilli(5), EventTime.of(5));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), EventTime.of("9999-12-31T23:59:59Z"));
        assertNull(EventTime.of("9999-12-31T23:59:59.001Z"));
        assertNull(EventTime.of("1969-12-31T23:59:59Z"));
        assertNull(EventTime.of(-1L));
        assertNull(EventTime.of(1.7e12));
        assertNull(EventTime.of(new BigInteger("99999999999999999999")));
        assertNull(EventTime.of((Object) null));
        assertNull(EventTime.of("2026-03-14T10:00:00"));
        assertNull(EventTime.of("2026-03-14"));
    }

    /** Differential: random near-misses of the event form give what java.time gives, value or refusal. */
    @Test
    void agreesWithJavaTimeOnMutatedTimes() {
        Random random = new Random(20261129);
        String alphabet = "0123456789-:T.Zz+ ";
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) {
                b.append('.').append(String.format("%09d", random.nextInt(1_000_000_000)), 0, 1 + random.nextInt(9));
            }
            b.append('Z');
            for (int m = random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(b.length());
                b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeException e) {
                expected = null;
            }
            Instant shortWay = EventTime.utc(s);
            if (shortWay != null) {
                fast++;
                assertEquals(expected, shortWay, s);
            }
            Instant actual;
            try {
                actual = EventTime.parseInstant(s);
            } catch (DateTimeException e) {
                actual = null;
            }
            assertEquals(expected, actual, s);
            Instant byRule = expected;
            if (byRule == null) {
                try {
                    byRule = OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeException e) {
                    byRule = null;
                }
            }
            if (byRule != null && (byRule.isBefore(Instant.EPOCH) || byRule.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
                byRule = null;
            }
            assertEquals(byRule, EventTime.of(s), s);
        }
        assertThat(fast).as("times the short way read").isGreaterThan(20_000);
    }
}
