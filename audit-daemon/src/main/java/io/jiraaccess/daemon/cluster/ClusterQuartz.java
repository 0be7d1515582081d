package io.jiraaccess.daemon.cluster;

import java.time.Duration;
import java.util.Properties;

/**
 * The Quartz configuration of a cluster, translated from {@code cluster:}: Quartz's JDBC job store
 * ({@code JobStoreTX} with the {@code PostgreSQLDelegate}) in clustered mode, so every daemon schedules the same
 * shared jobs and each fire runs on exactly one of them; a stateful job ({@code @DisallowConcurrentExecution}) is
 * blocked cluster-wide while it runs. The instance id is the configured instance, so a restarted daemon recovers its
 * own unfinished fires at once, and the others recognise it.
 *
 * <p>Take-over: a daemon that stops checking in is declared failed by the others once its last check-in is older
 * than its check-in interval plus Quartz's fixed 7.5 s grace ({@code JobStoreSupport.calcFailedIfAfter}); they look
 * at every check-in, so within {@link #TAKEOVER_BEFORE_POLL} of its death its fires are released, and each released
 * job fires again within its next poll period (a fire already due counts as misfired and fires at once).
 */
public final class ClusterQuartz {
    /** The scheduler name every daemon of a cluster shares ({@code SCHED_NAME} in the tables). */
    public static final String SCHEDULER_NAME = "jira-access-cluster";
    /** How often each daemon checks in; short enough for a quick take-over, long enough to be no load. */
    public static final Duration CHECKIN_INTERVAL = Duration.ofSeconds(5);
    /** Quartz's fixed allowance beyond the check-in interval before it declares a daemon failed. */
    public static final Duration QUARTZ_GRACE = Duration.ofMillis(7500);
    /** A fire this late is a misfire and fires once at once (a poll drains its source: a missed fire adds nothing). */
    public static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(1);
    /**
     * The longest time from a daemon's death to its shared jobs being free to fire elsewhere: its last check-in may be
     * one interval old, it is declared failed after interval plus grace, which another daemon notices at its next
     * check-in (one more interval), and the misfire handler fires a released job within its threshold.
     */
    public static final Duration TAKEOVER_BEFORE_POLL = CHECKIN_INTERVAL.multipliedBy(2).plus(QUARTZ_GRACE)
            .plus(MISFIRE_THRESHOLD);
    /** Worker threads: polls of shared sources that may run at once on one daemon. */
    public static final int THREADS = 10;
    /** Wait between retries while the database is away. */
    static final Duration DB_RETRY_INTERVAL = Duration.ofSeconds(2);

    private ClusterQuartz() {
    }

    /** The longest take-over of a shared source polled every {@code pollPeriod}. */
    public static Duration takeoverBound(Duration pollPeriod) {
        return TAKEOVER_BEFORE_POLL.plus(pollPeriod);
    }

    /** The properties of the clustered scheduler of daemon {@code instance}; the pool is {@link ClusterDatabase}. */
    public static Properties properties(String instance) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instance);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", ClusterDatabase.DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_INTERVAL.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD.toMillis()));
        p.setProperty("org.quartz.jobStore.dbRetryInterval", String.valueOf(DB_RETRY_INTERVAL.toMillis()));
        // trigger acquisition and firing under the row lock, as Quartz recommends for clusters
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Connections the pool needs: one per worker thread, plus the cluster manager, the misfire handler and the view. */
    static int poolSize() {
        return THREADS + 4;
    }
}
