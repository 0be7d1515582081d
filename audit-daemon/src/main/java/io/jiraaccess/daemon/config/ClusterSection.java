package io.jiraaccess.daemon.config;

import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.secret.SecretValue;

import java.util.Locale;

/**
 * Reads the {@code cluster:} section ({@code instance}, {@code jdbcUrl}, {@code user}, {@code password}) and the rules
 * that tie it to the rest of the configuration: every daemon of a cluster writes to the same Elasticsearch and keeps
 * its cursors there, and Quartz is configured by this section or by {@code scheduler.quartzProperties}, not both.
 */
final class ClusterSection {
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    private ClusterSection() {
    }

    /** The section, or null when it is absent (the daemon runs alone). */
    static DaemonConfig.Cluster parse(ConfigNode n, SecretReferences refs) {
        if (!n.isPresent()) {
            return null;
        }
        String instance = n.string("instance", "name this daemon, unique in the cluster, e.g. instance: audit-1");
        if (!instance.matches(NAME_PATTERN)) {
            throw n.error("instance", "'" + instance + "' may only contain letters, digits, '.', '_' and '-' (at most 64)");
        }
        String jdbcUrl = n.string("jdbcUrl", "write the PostgreSQL database of the cluster's Quartz job store, e.g. "
                + "jdbcUrl: \"jdbc:postgresql://db.example.com:5432/jira_access?sslmode=verify-full\"");
        checkJdbcUrl(n, jdbcUrl);
        String user = n.string("user", "write the PostgreSQL user the daemons connect as, e.g. user: jira_access");
        SecretValue password = n.optionalSecret("password", refs);
        n.rejectUnknown();
        return new DaemonConfig.Cluster(instance, jdbcUrl, user, password);
    }

    /**
     * The cross-section rules of a cluster.
     *
     * @param cursorsGiven whether {@code state.cursors} was written (a cluster defaults it to elasticsearch)
     */
    static void check(ConfigNode root, DaemonConfig.Cluster cluster, DaemonConfig.Elasticsearch es,
                      DaemonConfig.State state, boolean cursorsGiven, DaemonConfig.Scheduler scheduler) {
        if (cluster == null) {
            return;
        }
        if (scheduler.quartzProperties() != null) {
            throw new ConfigNode(root.source(), "scheduler", null).error("quartzProperties", "is set together with "
                    + "cluster; the cluster section configures Quartz's clustered job store itself: remove one of them");
        }
        if (es.url() == null) {
            throw new ConfigNode(root.source(), "elasticsearch", null).error("url", "is missing; the daemons of a "
                    + "cluster (cluster:) must all write to the same Elasticsearch: set elasticsearch.url or "
                    + "elasticsearch.urls");
        }
        if (cursorsGiven && state.cursors() != DaemonConfig.CursorStoreKind.ELASTICSEARCH) {
            throw new ConfigNode(root.source(), "state", null).error("cursors", "is file, but the daemons of a cluster "
                    + "take over each other's sources and must share their cursors: write cursors: elasticsearch "
                    + "(or leave it out)");
        }
    }

    /**
     * A PostgreSQL JDBC URL; off loopback it must verify the server's certificate, because the daemons send the
     * database password (the same rule as plain http, which is accepted for localhost only). A password written in
     * the URL is refused: it belongs in {@code password}, as a secret reference.
     */
    static void checkJdbcUrl(ConfigNode n, String url) {
        if (!url.startsWith(JDBC_PREFIX) || url.length() == JDBC_PREFIX.length()) {
            throw n.error("jdbcUrl", "must be a PostgreSQL JDBC URL, e.g. \"jdbc:postgresql://db.example.com:5432/jira_access"
                    + "?sslmode=verify-full\" (the cluster's job store is PostgreSQL)");
        }
        String rest = url.substring(JDBC_PREFIX.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1).toLowerCase(Locale.ROOT);
        for (String param : query.split("&")) {
            if (param.startsWith("password=")) {
                throw n.error("jdbcUrl", "holds a password; remove it from the URL and write password: ${env:NAME} "
                        + "or ${file:PATH}");
            }
        }
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? (q < 0 ? rest : rest.substring(0, q)) : rest.substring(0, slash);
        boolean allLoopback = !hosts.isEmpty();
        for (String hostPort : hosts.split(",")) {
            allLoopback &= ConfigNode.isLoopback(host(hostPort));
        }
        boolean verified = (("&" + query + "&").contains("&sslmode=verify-full&")
                || ("&" + query + "&").contains("&sslmode=verify-ca&"));
        if (!allLoopback && !verified) {
            throw n.error("jdbcUrl", "reaches PostgreSQL off this machine without verifying its certificate; append "
                    + "sslmode=verify-full (and sslrootcert=PATH for a private CA), or use localhost");
        }
    }

    private static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(1, end);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
