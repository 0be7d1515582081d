package io.jiraaccess.daemon.cluster;

import io.jiraaccess.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps two running daemons from sharing one {@code instance}. Quartz takes a scheduler that starts under an instance
 * id as that instance restarting, and releases the jobs the id held at once: right after a crash, but wrong while
 * another daemon still runs under the id (its jobs could then run twice). So when the id checked in recently, the
 * starting daemon watches its check-in for as long as Quartz itself would before declaring it failed: if it moves,
 * another daemon uses the id and the start is refused; if not, the previous holder is gone.
 */
final class InstanceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceGuard.class);
    private static final Duration WATCH_STEP = Duration.ofMillis(500);

    private InstanceGuard() {
    }

    /**
     * Returns once {@code instance} is free to use. Times are the system clock's, as Quartz writes its check-ins.
     *
     * @throws ConfigurationException when another running daemon checks in as {@code instance}
     */
    static void awaitFree(ClusterDatabase db, String instance) throws SQLException {
        OptionalLong first = lastCheckin(db, instance);
        if (first.isEmpty()) {
            return;
        }
        Duration tolerance = ClusterQuartz.CHECKIN_INTERVAL.plus(ClusterQuartz.QUARTZ_GRACE);
        Instant seen = Instant.ofEpochMilli(first.getAsLong());
        if (Instant.now().isAfter(seen.plus(tolerance))) {
            return; // long silent: its holder is gone
        }
        LOG.info("Instance '{}' checked in at {}: watching its check-ins for up to {} s to tell this restart from "
                + "another daemon using the same instance", instance, seen, tolerance.toSeconds() + 1);
        long deadline = System.nanoTime() + tolerance.plus(WATCH_STEP).toNanos();
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_STEP.toMillis()));
            OptionalLong now = lastCheckin(db, instance);
            if (now.isPresent() && now.getAsLong() != first.getAsLong()) {
                throw new ConfigurationException("cluster.instance '" + instance + "' is used by another running "
                        + "daemon (it checked in at " + Instant.ofEpochMilli(now.getAsLong()) + "); give each daemon "
                        + "of the cluster its own instance");
            }
            if (now.isEmpty()) {
                return; // another daemon recovered it: its holder is gone
            }
        }
    }

    private static OptionalLong lastCheckin(ClusterDatabase db, String instance) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT LAST_CHECKIN_TIME FROM QRTZ_SCHEDULER_STATE "
                     + "WHERE SCHED_NAME = ? AND INSTANCE_NAME = ?")) {
            q.setString(1, ClusterQuartz.SCHEDULER_NAME);
            q.setString(2, instance);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Removes {@code instance}'s check-in after its scheduler stopped cleanly, so a restart need not wait and health
     * stops listing it. Only when no fire of it is left: Quartz releases a departed instance's fires through its
     * check-in record, so a record with fires left stays for the others to recover.
     */
    static void leave(ClusterDatabase db, String instance) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement d = c.prepareStatement("DELETE FROM QRTZ_SCHEDULER_STATE s "
                     + "WHERE s.SCHED_NAME = ? AND s.INSTANCE_NAME = ? AND NOT EXISTS (SELECT 1 FROM "
                     + "QRTZ_FIRED_TRIGGERS f WHERE f.SCHED_NAME = s.SCHED_NAME AND f.INSTANCE_NAME = s.INSTANCE_NAME)")) {
            d.setString(1, ClusterQuartz.SCHEDULER_NAME);
            d.setString(2, instance);
            d.executeUpdate();
        }
    }
}
