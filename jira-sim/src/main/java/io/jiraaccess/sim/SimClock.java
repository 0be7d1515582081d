package io.jiraaccess.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time: the real clock plus an offset that tests move forward, so every expiry, iat/exp check and
 * audit timestamp in the simulator can be tested without waiting.
 */
public final class SimClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public SimClock(Clock base) {
        this.base = base;
    }

    public SimClock() {
        this(Clock.systemUTC());
    }

    /** Moves simulated time forward (never backward: expiry only ever approaches). */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the simulated clock only moves forward; got " + by);
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    public void resetOffset() {
        offsetMillis.set(0);
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is always UTC");
    }
}
