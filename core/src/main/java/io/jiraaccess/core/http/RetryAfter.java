package io.jiraaccess.core.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Retry-After} header of a 429 or 503 answer (RFC 9110, section 10.2.3): a number of seconds or an
 * HTTP date. The one reading of it for every client: Jira, the Atlassian admin API, a Jenkins journal.
 */
public final class RetryAfter {
    /** The longest wait honoured: a server asking for more is waited for an hour, then asked again. */
    public static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /**
     * The wait asked for, never negative (a date in the past is no wait) and at most {@link #MAX}; null when the
     * header is absent or neither form.
     *
     * @param now the time a date is measured from
     */
    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        Duration asked;
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            asked = v.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                asked = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(MAX) > 0 ? MAX : asked;
    }
}
