package io.jiraaccess.daemon.index;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsoInstantsTest {
    @Test
    void theEventFormTakesTheShortWay() {
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), IsoInstants.utc("2026-03-14T10:00:00Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.123456789Z"), IsoInstants.utc("2024-02-29T23:59:59.123456789Z"));
        assertEquals(Instant.parse("1969-12-31T23:59:59.5Z"), IsoInstants.utc("1969-12-31T23:59:59.5Z"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), IsoInstants.utc("0000-01-01T00:00:00Z"));
    }

    @Test
    void everythingElseGoesToInstantParse() {
        for (String other : List.of("2026-03-14T10:00:00+02:00", "2026-03-14t10:00:00z", "2026-02-29T10:00:00Z",
                "2026-03-14T24:00:00Z", "2026-03-14T23:59:60Z", "2026-03-14T10:00:00.Z", "2026-03-14T10:00:00.1234567890Z",
                "+12026-03-14T10:00:00Z", "2026-3-14T10:00:00Z", "2026-03-14 10:00:00Z", "")) {
            assertNull(IsoInstants.utc(other), other);
        }
        assertEquals(Instant.parse("2026-03-14T08:00:00Z"), IsoInstants.parse("2026-03-14T10:00:00+02:00"));
    }

    /** Differential: random near-misses of the event form give what Instant.parse gives, value or refusal. */
    @Test
    void agreesWithInstantParseOnMutatedTimes() {
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
            Instant shortWay = IsoInstants.utc(s);
            if (shortWay != null) {
                fast++;
                assertEquals(expected, shortWay, s);
            }
            Instant actual;
            try {
                actual = IsoInstants.parse(s);
            } catch (DateTimeException e) {
                actual = null;
            }
            assertEquals(expected, actual, s);
        }
        assertThat(fast).as("times the short way read").isGreaterThan(20_000);
    }

    @Test
    void dailyIndexNamesFollowTheDayBackAndForth() {
        Instant day = Instant.parse("2026-03-14T23:59:59.999Z");
        assertEquals("jira-access-events-2026.03.14", IndexNames.dailyIndex(day));
        assertEquals("jira-access-events-2026.03.15", IndexNames.dailyIndex(day.plusMillis(1)));
        assertEquals("jira-access-events-2026.03.14", IndexNames.dailyIndex(day));
        assertEquals("jira-access-events-1969.12.31", IndexNames.dailyIndex(Instant.parse("1969-12-31T12:00:00Z")));
        assertNotNull(IndexNames.dailyIndex(Instant.EPOCH));
        assertEquals("jira-access-events-1970.01.01", IndexNames.dailyIndex(Instant.EPOCH));
    }
}
