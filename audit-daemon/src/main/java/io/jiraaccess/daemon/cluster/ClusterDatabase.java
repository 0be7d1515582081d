package io.jiraaccess.daemon.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.daemon.config.DaemonConfig;
import org.postgresql.Driver;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL database of the cluster's Quartz job store: a small HikariCP pool that Quartz's {@code JobStoreTX}
 * takes its connections from (registered with Quartz's connection manager under {@link #DATA_SOURCE}, so the password
 * never enters the Quartz properties), and that the daemon uses to create Quartz's tables and read the cluster's
 * check-ins. {@link #open} connects once first: a wrong or unreachable database is one {@link ConfigurationException}
 * naming the setting to fix (the daemon exits 2), never a stack trace.
 */
public final class ClusterDatabase implements AutoCloseable {
    /** The name Quartz's {@code org.quartz.jobStore.dataSource} refers to. */
    public static final String DATA_SOURCE = "jira-access-cluster";
    /** Longest wait for a connection: Quartz and the health view fail fast and retry while the database is away. */
    static final int CONNECT_TIMEOUT_SECONDS = 3;

    private final HikariDataSource pool;
    private final String where;

    private ClusterDatabase(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    /**
     * Connects once to check the database and the credentials, then opens the pool.
     *
     * @param maxConnections the pool's size: Quartz's worker threads plus its own housekeeping
     * @throws ConfigurationException when PostgreSQL cannot be reached or refuses the user
     */
    public static ClusterDatabase open(DaemonConfig.Cluster cluster, int maxConnections) {
        String where = withoutQuery(cluster.jdbcUrl());
        String password = cluster.password() == null ? null : cluster.password().reveal();
        Properties props = new Properties();
        props.setProperty("user", cluster.user());
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "jira-access-daemon " + cluster.instance());
        try (Connection c = new Driver().connect(cluster.jdbcUrl(), props)) {
            if (c == null) {
                throw new ConfigurationException("cluster.jdbcUrl: '" + where + "' is not a URL the PostgreSQL driver "
                        + "accepts; write e.g. jdbc:postgresql://db.example.com:5432/jira_access");
            }
        } catch (SQLException e) {
            throw refusal(e, cluster, where, password);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(DATA_SOURCE);
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(cluster.jdbcUrl());
        config.setDataSourceProperties(props);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        config.setValidationTimeout(2000);
        // the pool connects lazily: the check above already proved the database reachable
        config.setInitializationFailTimeout(-1);
        return new ClusterDatabase(new HikariDataSource(config), where);
    }

    /** The JDBC URL without its query, for messages. */
    public String where() {
        return where;
    }

    /** A connection from the pool (waits at most a few seconds while the database is away). */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Makes the pool Quartz's data source {@link #DATA_SOURCE}. Quartz closes its data sources when its scheduler
     * shuts down; this one is closed by {@link #close()} instead, after the daemon has left the cluster.
     */
    void registerWithQuartz() {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                // closed by ClusterDatabase.close()
            }

            @Override
            public void initialize() {
                // the pool is ready
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A failed first connection as the line that says what to fix; the password never appears in it. */
    static ConfigurationException refusal(SQLException e, DaemonConfig.Cluster cluster, String where, String password) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = scrub(String.valueOf(e.getMessage()), password);
        String text;
        if (state.startsWith("28")) {
            text = "PostgreSQL at " + where + " refused user '" + cluster.user() + "' (" + message
                    + "); check cluster.user and cluster.password";
        } else if (state.equals("3D000")) {
            text = "PostgreSQL at " + where + " has no such database (" + message + "); create it (createdb) or fix "
                    + "the database name in cluster.jdbcUrl";
        } else if (state.startsWith("08")) {
            text = "cannot connect to PostgreSQL at " + where + " (" + message + "); check that it runs and "
                    + "cluster.jdbcUrl names its host, port and TLS settings";
        } else {
            text = "PostgreSQL at " + where + " refused the connection (" + message + ", SQLState " + state
                    + "); check cluster.jdbcUrl, cluster.user and cluster.password";
        }
        return new ConfigurationException(text);
    }

    static String scrub(String message, String password) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return password == null || password.isEmpty() ? oneLine : oneLine.replace(password, "[redacted]");
    }

    static String withoutQuery(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
