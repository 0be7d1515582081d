package io.jiraaccess.daemon.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster as its job store records it: every daemon's last check-in ({@code QRTZ_SCHEDULER_STATE}), and whether
 * the database answers. Read every {@link #REFRESH} on a background thread, so {@code /health} answers at once while
 * the database is away and shows since when.
 */
public final class ClusterView implements AutoCloseable {
    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

    /** A daemon that checked in; alive while its last check-in is younger than its interval plus Quartz's grace. */
    public record Instance(String name, Instant lastCheckinAt, Duration checkinInterval) {
        public boolean alive(Instant now) {
            return !now.isAfter(lastCheckinAt.plus(checkinInterval).plus(ClusterQuartz.QUARTZ_GRACE));
        }
    }

    /**
     * @param databaseUp     whether the last read succeeded
     * @param error          why it failed (the driver's message, which names no secret), or null
     * @param downSince      when reads started failing, or null
     * @param instances      the daemons of the last successful read
     */
    public record Snapshot(Instant checkedAt, boolean databaseUp, String error, Instant downSince,
                           List<Instance> instances) {
    }

    private final ClusterDatabase database;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jira-access-cluster-view");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot;

    private ClusterView(ClusterDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.snapshot = new Snapshot(clock.instant(), true, null, null, List.of());
    }

    /** Reads once now, then every {@link #REFRESH}. */
    static ClusterView start(ClusterDatabase database, Clock clock) {
        ClusterView view = new ClusterView(database, clock);
        view.refresh();
        view.timer.scheduleWithFixedDelay(view::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return view;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    void refresh() {
        Snapshot previous = snapshot;
        try (Connection c = database.connection();
             PreparedStatement q = c.prepareStatement("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL "
                     + "FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME")) {
            q.setString(1, ClusterQuartz.SCHEDULER_NAME);
            List<Instance> instances = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    instances.add(new Instance(r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
                            Duration.ofMillis(r.getLong(3))));
                }
            }
            if (!previous.databaseUp()) {
                LOG.info("The cluster's database at {} answers again", database.where());
            }
            snapshot = new Snapshot(clock.instant(), true, null, null, List.copyOf(instances));
        } catch (SQLException | RuntimeException e) {
            String error = ClusterDatabase.scrub(reason(e), null);
            if (previous.databaseUp()) {
                LOG.warn("The cluster's database at {} does not answer ({}); shared sources wait for it, this host's "
                        + "spool goes on", database.where(), error);
            }
            snapshot = new Snapshot(clock.instant(), false, error,
                    previous.databaseUp() ? clock.instant() : previous.downSince(), previous.instances());
        }
    }

    /** The failure and, when the pool wraps it, what the driver said (e.g. that the connection was refused). */
    static String reason(Exception e) {
        Throwable driver = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                driver = t;
            }
        }
        return driver == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + driver.getMessage();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
