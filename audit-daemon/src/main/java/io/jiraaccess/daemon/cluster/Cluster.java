package io.jiraaccess.daemon.cluster;

import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.cursor.CursorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;

/**
 * This daemon as a member of a cluster ({@code cluster:}): the database checked and Quartz's tables in place, the
 * instance free to use, the pool registered as Quartz's data source, and the view and listener that health reports.
 * The daemon's clustered scheduler is built from {@link #quartzProperties()} with {@link #polls()} as its listener;
 * {@link #close()} runs after that scheduler has shut down.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final DaemonConfig.Cluster config;
    private final ClusterDatabase database;
    private final ClusterView view;
    private final ClusterPolls polls;

    private Cluster(DaemonConfig.Cluster config, ClusterDatabase database, ClusterView view, ClusterPolls polls) {
        this.config = config;
        this.database = database;
        this.view = view;
        this.polls = polls;
    }

    /**
     * Joins the cluster's database.
     *
     * @throws io.jiraaccess.core.ConfigurationException when the database cannot be reached, refuses the user, has
     *                                                   half of Quartz's tables, or another daemon uses the instance
     */
    public static Cluster join(DaemonConfig.Cluster config, Clock clock) {
        ClusterDatabase db = ClusterDatabase.open(config, ClusterQuartz.poolSize());
        try {
            try (Connection c = db.connection()) {
                if (QuartzTables.ensure(c, db.where())) {
                    LOG.info("Created Quartz's tables in {} from Quartz's {}", db.where(), QuartzTables.SCRIPT);
                }
            }
            InstanceGuard.awaitFree(db, config.instance());
            db.registerWithQuartz();
            Cluster cluster = new Cluster(config, db, ClusterView.start(db, clock), new ClusterPolls(config.instance(), clock));
            LOG.info("Cluster instance '{}': shared sources are scheduled by Quartz's clustered job store in {} "
                    + "(check-in every {} s)", config.instance(), db.where(), ClusterQuartz.CHECKIN_INTERVAL.toSeconds());
            return cluster;
        } catch (SQLException e) {
            db.close();
            throw ClusterDatabase.refusal(e, config, db.where(),
                    config.password() == null ? null : config.password().reveal());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public String instance() {
        return config.instance();
    }

    /** The clustered scheduler's properties (its data source is this cluster's pool). */
    public Properties quartzProperties() {
        return ClusterQuartz.properties(config.instance());
    }

    /** The clustered scheduler's listener: what runs here, and the User-Agent of each fire's requests. */
    public ClusterPolls polls() {
        return polls;
    }

    public ClusterView view() {
        return view;
    }

    /** The cursor store of this host's own sources (its spool), inside the store the cluster shares. */
    public CursorStore hostCursors(CursorStore shared) {
        return new InstanceCursors(shared, config.instance());
    }

    /** Leaves the cluster: call once the clustered scheduler has shut down. */
    @Override
    public void close() {
        view.close();
        try {
            InstanceGuard.leave(database, config.instance());
        } catch (SQLException e) {
            LOG.warn("Could not remove instance '{}' from the cluster's check-ins ({}); the others drop it after {} s",
                    config.instance(), ClusterDatabase.scrub(String.valueOf(e.getMessage()), null),
                    ClusterQuartz.CHECKIN_INTERVAL.plus(ClusterQuartz.QUARTZ_GRACE).toSeconds());
        }
        database.close();
    }
}
