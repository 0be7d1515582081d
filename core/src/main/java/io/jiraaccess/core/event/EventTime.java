package io.jiraaccess.core.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * What an event's {@code @timestamp} may be, the one rule for every reader and writer of events: an ISO-8601
 * date-time with an offset ({@code 2026-03-14T10:00:00Z}, {@code 2026-03-14T10:00:00.5+01:00},
 * {@code 2026-03-14T10:00Z}: as {@link Instant#parse} or {@link OffsetDateTime#parse} read it) or whole epoch
 * milliseconds, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z (what Elasticsearch and a daily index name can hold).
 * <p>The form every event carries ({@code yyyy-MM-ddTHH:mm:ss[.f]Z}) is read by a short way: java.time's general
 * parser was about a third of the audit daemon's CPU per event. Any other text goes to java.time, so the answer is
 * always the one it gives.
 */
public final class EventTime {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final int SECONDS_PER_DAY = 86_400;

    private EventTime() {
    }

    /**
     * The instant of a {@code @timestamp} value as parsed JSON holds it (a string, or an {@code Integer} or
     * {@code Long} of epoch milliseconds), or null when it is none of those or outside the years 1970 to 9999.
     */
    public static Instant of(Object value) {
        if (value instanceof String s) {
            return of(s);
        }
        if (value instanceof Long || value instanceof Integer) {
            return ofEpochMilli(((Number) value).longValue());
        }
        return null;
    }

    /** The instant of a {@code @timestamp} written as text, or null when the rule does not read it. */
    public static Instant of(String text) {
        Instant t = utc(text);
        if (t == null) {
            try {
                t = Instant.parse(text);
            } catch (DateTimeException notAnInstant) {
                try {
                    t = OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeException notAnOffsetDateTime) {
                    return null;
                }
            }
        }
        return inRange(t);
    }

    /** The instant of a {@code @timestamp} written as epoch milliseconds, or null outside the years 1970 to 9999. */
    public static Instant ofEpochMilli(long millis) {
        return inRange(Instant.ofEpochMilli(millis));
    }

    /** As {@link Instant#parse}, exception included, with the short way for the form every event carries. */
    public static Instant parseInstant(String text) {
        Instant fast = utc(text);
        return fast != null ? fast : Instant.parse(text);
    }

    private static Instant inRange(Instant t) {
        return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, or null for any other text. */
    static Instant utc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(s, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30: java.time says why
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
