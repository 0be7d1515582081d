package io.jiraaccess.daemon.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The period a report covers: {@code [from, to)}. A plain date means a whole UTC day: {@code --from 2026-11-01
 * --to 2026-11-30} covers 1 November 00:00 UTC up to (not including) 1 December 00:00 UTC. ISO date-times with an
 * offset ({@code 2026-11-01T08:00:00+01:00}, {@code ...Z}) are taken as written; without an offset they are UTC.
 */
public record ReportPeriod(Instant from, Instant to) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public ReportPeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a report period needs --from and --to");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period is empty: --from " + from + " is not before --to " + to
                    + " (a --to date includes that whole day)");
        }
    }

    /**
     * Parses the command line's {@code --from} and {@code --to}.
     *
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    public static ReportPeriod parse(String from, String to) {
        return new ReportPeriod(instant("--from", from, false), instant("--to", to, true));
    }

    private static Instant instant(String option, String text, boolean endOfDay) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date: write 2026-11-01, "
                    + "2026-11-01T08:00:00Z or 2026-11-01T08:00:00+01:00");
        }
    }

    /** E.g. {@code 2026-11-01 00:00 UTC}. */
    public static String show(Instant t) {
        return SHOWN.format(t);
    }

    /** For headings: {@code 2026-11-01 00:00 UTC – 2026-12-01 00:00 UTC}. */
    public String describe() {
        return show(from) + " \u2013 " + show(to);
    }
}
