package io.jiraaccess.core.jira;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Jira's timestamps in REST answers: {@code 2024-03-19T18:45:42.967+0000}, ISO-8601, or epoch milliseconds. */
final class JiraTimes {
    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    private JiraTimes() {
    }

    /**
     * The instant, or null for a missing value and for Jira's "never" ({@code 9999-...}).
     *
     * @throws DateTimeParseException when the text is none of Jira's forms
     */
    static Instant parse(String text) {
        if (text == null || text.isBlank() || text.startsWith("9999")) {
            return null;
        }
        String t = text.trim();
        if (t.matches("\\d{9,}")) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        if (t.matches(".*[+-]\\d{4}$")) {
            return OffsetDateTime.parse(t, JIRA).toInstant();
        }
        return OffsetDateTime.parse(t).toInstant();
    }
}
