package io.jiraaccess.daemon.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The names of the daemon's indices: daily event indices behind one alias, the dead-letter and cursor indices. */
public final class IndexNames {
    public static final String EVENTS_ALIAS = "jira-access-events";
    public static final String EVENTS_PREFIX = EVENTS_ALIAS + "-";
    public static final String DEAD_LETTER = "jira-access-dead-letter";
    public static final String CURSORS = "jira-access-cursors";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private IndexNames() {
    }

    /** {@code jira-access-events-YYYY.MM.DD} of the event's UTC day. */
    public static String dailyIndex(Instant eventTime) {
        return EVENTS_PREFIX + DAY.format(eventTime);
    }

    /** The day of a daily event index, or empty for any other name. */
    public static Optional<LocalDate> dayOf(String index) {
        if (!index.startsWith(EVENTS_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(index.substring(EVENTS_PREFIX.length()), DateTimeFormatter.ofPattern("yyyy.MM.dd")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
