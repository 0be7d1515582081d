package io.jiraaccess.sim.api;

import io.jiraaccess.sim.http.ApiError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Jira's timestamp formats: REST fields use {@code 2024-03-19T18:45:42.967+0000}. */
public final class JiraTime {

    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JiraTime() {
    }

    public static String format(Instant instant) {
        return JIRA.format(instant);
    }

    /** ISO-8601 in UTC with milliseconds, as Atlassian's admin APIs write it. */
    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /**
     * Parses a query parameter the way Jira's audit APIs accept it: ISO-8601 (with or without offset,
     * Jira's {@code +0000} form included), a date, or epoch milliseconds.
     */
    public static Instant parseParameter(String name, String value) {
        String text = value.trim();
        try {
            if (text.matches("\\d{9,}")) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            if (text.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z")).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiError.badRequest("The value of '" + name + "' is not a valid date-time; use ISO-8601 such as "
                    + "2024-03-19T18:45:42.967+0000 or epoch milliseconds.");
        }
    }
}
