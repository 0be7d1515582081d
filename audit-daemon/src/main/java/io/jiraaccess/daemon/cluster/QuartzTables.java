package io.jiraaccess.daemon.cluster;

import io.jiraaccess.core.ConfigurationException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quartz's tables in the cluster's database, created on first start from the {@code tables_postgres.sql} that the
 * Quartz jar ships next to its JDBC job store (so they always match the Quartz version the daemon runs). Only the
 * script's {@code CREATE} statements run: its {@code DROP TABLE} lines would wipe a running cluster's schedule. The
 * daemons of a cluster may start together, so the check and the creation run in one transaction under a PostgreSQL
 * advisory lock (PostgreSQL's DDL is transactional: a failure leaves nothing half made).
 */
final class QuartzTables {
    /** Next to {@link JobStoreTX} in the Quartz jar. */
    static final String SCRIPT = "tables_postgres.sql";
    /** An arbitrary key of the advisory lock that serialises table creation between starting daemons. */
    private static final long LOCK_KEY = 0x6a697261_71727a74L;
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE\\s+TABLE\\s+(\\w+)\\b.*");

    private QuartzTables() {
    }

    /** The script's CREATE statements (tables, then indexes), in order. */
    static List<String> createStatements() {
        return createStatements(script());
    }

    static List<String> createStatements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            String s = statement.strip();
            if (s.toUpperCase(Locale.ROOT).startsWith("CREATE ")) {
                out.add(s);
            }
        }
        return out;
    }

    /** The tables the script creates, lower case as PostgreSQL folds unquoted names. */
    static List<String> tableNames(List<String> statements) {
        List<String> names = new ArrayList<>();
        for (String s : statements) {
            Matcher m = CREATE_TABLE.matcher(s);
            if (m.matches()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Creates the tables unless they exist.
     *
     * @return true when this call created them
     * @throws ConfigurationException when only some exist, or the user may not create them
     */
    static boolean ensure(Connection c, String where) throws SQLException {
        List<String> statements = createStatements();
        List<String> tables = tableNames(statements);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            }
            List<String> missing = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                for (String t : tables) {
                    q.setString(1, t);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        if (r.getBoolean(1)) {
                            missing.add(t);
                        }
                    }
                }
            }
            if (missing.isEmpty()) {
                c.commit();
                return false;
            }
            if (missing.size() < tables.size()) {
                c.rollback();
                throw new ConfigurationException("cluster.jdbcUrl: the database at " + where + " has some of Quartz's "
                        + "tables but not " + missing + "; restore them, or drop every qrtz_* table so the daemon "
                        + "creates them again from Quartz's tables_postgres.sql");
            }
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            if ("42501".equals(e.getSQLState())) {
                throw new ConfigurationException("cluster.user may not create Quartz's tables in " + where + " ("
                        + ClusterDatabase.scrub(String.valueOf(e.getMessage()), null) + "); grant it CREATE on the "
                        + "schema, or create them once from Quartz's tables_postgres.sql");
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String script() {
        try (InputStream in = JobStoreTX.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing next to " + JobStoreTX.class.getName()
                        + " in the Quartz jar on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
