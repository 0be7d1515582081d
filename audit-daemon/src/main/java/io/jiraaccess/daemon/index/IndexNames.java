package io.jiraaccess.daemon.index;

import io.jiraaccess.dashboards.DataContract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The names of the indices the daemon writes: daily event indices behind one alias and the dead-letter index (all
 * from the data contract), and the daemon's own cursor index.
 */
public final class IndexNames {
    public static final String EVENTS_ALIAS = DataContract.EVENTS_ALIAS;
    public static final String EVENTS_PREFIX = DataContract.EVENTS_INDEX_PREFIX;
    public static final String DEAD_LETTER = DataContract.DEAD_LETTER_INDEX;
    public static final String CURSORS = "jira-access-cursors";

    /** The last day named: events come in time order, so nearly every event is of the day before it. */
    private static volatile Day lastDay = new Day(Long.MIN_VALUE, null);

    private record Day(long epochDay, String index) {
    }

    private IndexNames() {
    }

    /** {@code jira-access-events-YYYY.MM.DD} of the event's UTC day. */
    public static String dailyIndex(Instant eventTime) {
        long epochDay = Math.floorDiv(eventTime.getEpochSecond(), 86_400L);
        Day day = lastDay;
        if (day.epochDay() != epochDay) {
            day = new Day(epochDay, DataContract.eventsIndex(eventTime));
            lastDay = day;
        }
        return day.index();
    }

    /** The day of a daily event index, or empty for any other name. */
    public static Optional<LocalDate> dayOf(String index) {
        return DataContract.eventsIndexDay(index);
    }
}
