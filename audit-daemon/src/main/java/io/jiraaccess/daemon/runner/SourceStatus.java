package io.jiraaccess.daemon.runner;

import io.jiraaccess.daemon.source.Backlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What {@code /health} and {@code /metrics} say about one source: its state, committed cursor, lag, last error,
 * warning and counters. Written by the source's runner, read by the admin API from other threads.
 */
public final class SourceStatus {
    /** The states a source reports. */
    public enum State {
        /** Not polled yet. */
        STARTING("starting"),
        /** Caught up: everything it had is acknowledged. */
        IDLE("idle"),
        /** Reading and indexing. */
        INGESTING("ingesting"),
        /** The source failed; polls are skipped until {@code nextAttemptAt}. */
        BACKING_OFF("backing-off"),
        /**
         * Elasticsearch is unavailable: the source keeps its data and cursor, tries again at {@code nextAttemptAt}
         * (sooner at first, at most every 30 s) and resumes when Elasticsearch is back.
         */
        PAUSED("paused"),
        /** An unexpected error; the route's error handler retried and logged it. */
        FAILING("failing");

        private final String id;

        State(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** An immutable copy for reports. */
    public record Snapshot(String id, String kind, State state, String cursor, Instant lastSuccessAt, String lastError,
                           Instant lastErrorAt, Instant nextAttemptAt, int consecutiveFailures, long lagSeconds,
                           Backlog backlog, long eventsIndexed, long deadLettered, long rejectedLines, long failures,
                           String warning) {
    }

    private final String id;
    private final String kind;
    private final Clock clock;
    private final Supplier<String> warning;
    private final Instant started;
    private State state = State.STARTING;
    private String cursor;
    private Instant lastSuccessAt;
    private Instant caughtUpAt;
    private String lastError;
    private Instant lastErrorAt;
    private Instant nextAttemptAt;
    private int consecutiveFailures;
    private int consecutivePauses;
    private Backlog backlog = Backlog.UNKNOWN;
    private long eventsIndexed;
    private long deadLettered;
    private long rejectedLines;
    private long failures;

    /** @param warning the source's {@code warning}: a problem that does not stop it reading, or null */
    public SourceStatus(String id, String kind, Supplier<String> warning, Clock clock) {
        this.id = id;
        this.kind = kind;
        this.warning = warning;
        this.clock = clock;
        this.started = clock.instant();
    }

    public String id() {
        return id;
    }

    synchronized void ingesting() {
        if (state != State.BACKING_OFF && state != State.PAUSED) {
            state = State.INGESTING;
        }
    }

    /** A batch was acknowledged and the cursor saved. */
    synchronized void committed(String position, int indexed, int refused, int rejected) {
        cursor = position;
        eventsIndexed += indexed;
        deadLettered += refused + rejected;
        rejectedLines += rejected;
        lastSuccessAt = clock.instant();
        consecutiveFailures = 0;
        consecutivePauses = 0;
        nextAttemptAt = null;
        state = State.INGESTING;
    }

    synchronized void cursorLoaded(String position) {
        cursor = position;
    }

    /** A poll ended with everything acknowledged. */
    synchronized void caughtUp(boolean drained, Backlog backlog) {
        Instant now = clock.instant();
        lastSuccessAt = now;
        if (drained) {
            caughtUpAt = now;
        }
        consecutiveFailures = 0;
        consecutivePauses = 0;
        nextAttemptAt = null;
        this.backlog = backlog;
        state = drained ? State.IDLE : State.INGESTING;
    }

    synchronized void backingOff(String error, Duration wait) {
        Instant now = clock.instant();
        failures++;
        consecutiveFailures++;
        lastError = error;
        lastErrorAt = now;
        nextAttemptAt = now.plus(wait);
        state = State.BACKING_OFF;
    }

    synchronized void paused(String error, Duration wait) {
        Instant now = clock.instant();
        failures++;
        consecutivePauses++;
        lastError = error;
        lastErrorAt = now;
        nextAttemptAt = now.plus(wait);
        state = State.PAUSED;
    }

    synchronized int consecutivePauses() {
        return consecutivePauses;
    }

    synchronized void failed(String error) {
        failures++;
        consecutiveFailures++;
        lastError = error;
        lastErrorAt = clock.instant();
        state = State.FAILING;
    }

    synchronized void backlog(Backlog backlog) {
        this.backlog = backlog;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** True while a back-off is in force. */
    synchronized boolean waiting(Instant now) {
        return nextAttemptAt != null && now.isBefore(nextAttemptAt);
    }

    public synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        // lag: how long since the source was last known to be caught up (0 while it is)
        long lag = state == State.IDLE ? 0 : Duration.between(caughtUpAt != null ? caughtUpAt : started, now).toSeconds();
        return new Snapshot(id, kind, state, cursor, lastSuccessAt, lastError, lastErrorAt, nextAttemptAt,
                consecutiveFailures, Math.max(0, lag), backlog, eventsIndexed, deadLettered, rejectedLines, failures,
                warning.get());
    }
}
