package io.jiraaccess.dashboards;

import java.time.Duration;
import java.time.Instant;

/** The absolute time range a dashboard shows, applied to a data view's time field. */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a time range needs from before to, got " + from + " .. " + to);
        }
    }

    /** The last {@code span} up to {@code now}, like Kibana's {@code now-7d .. now}. */
    public static TimeRange last(Duration span, Instant now) {
        return new TimeRange(now.minus(span), now);
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
