package io.jiraaccess.daemon.config;

import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon's configuration, as read by {@link DaemonConfigParser}. Every setting has a default, so the daemon runs
 * with no file at all. Secrets are {@link SecretValue}s: their {@code toString()} is redacted.
 */
public record DaemonConfig(
        String source,
        Elasticsearch elasticsearch,
        State state,
        Spool spool,
        List<JiraSource> jira,
        List<JenkinsSource> jenkins,
        Policy policy,
        Admin admin,
        Routes routes,
        Scheduler scheduler,
        Cluster cluster) {

    /**
     * @param url               a running Elasticsearch, or null to start a local node from the unpacked distribution
     * @param apiKey            encoded API key (null: none)
     * @param caCertificate     PEM file with the CA to trust (null: the JVM's trust store)
     * @param retentionDays     daily event indices older than this are deleted
     * @param retentionSchedule Quartz cron of the retention job
     * @param localHeapMegabytes heap of the local node, when there is no url
     * @param urls              every node the client may send to ({@code url} first); empty when there is no url
     */
    public record Elasticsearch(URI url, SecretValue apiKey, Path caCertificate, int retentionDays,
                                String retentionSchedule, int localHeapMegabytes, List<URI> urls) {
        public Elasticsearch {
            urls = List.copyOf(urls);
        }
    }

    /** Where cursors (and the generated admin token, and the local node's data) live. */
    public record State(Path dir, CursorStoreKind cursors) {
    }

    /** {@code file}: one file per source in the state dir; {@code elasticsearch}: an index, for several daemons. */
    public enum CursorStoreKind {
        FILE, ELASTICSEARCH
    }

    /**
     * The spool directory other CI systems drop NDJSON files into; with {@code watch}, a new file is also read as soon
     * as it appears, between the scheduled polls.
     */
    public record Spool(Path dir, String poll, int batchSize, boolean watch) {
    }

    /**
     * A Jira site whose audit log and token inventory are polled, and whose tokens enforcement and bulk revocation
     * act on.
     *
     * @param credential    a Jira administrator's credential (audit log, Data Center PAT search and revocation)
     * @param orgId         Cloud: the organisation whose API tokens are inventoried ("" for none)
     * @param orgAdminKey   Cloud: the org admin API key for the token inventory and revocation (null when no orgId)
     * @param adminApi      Cloud: the org admin API's base URL ({@code https://api.atlassian.com})
     * @param auditLookback how far back the first poll of the audit log reaches
     * @param timeout       longest wait for one answer from Jira
     * @param audit         whether the audit log is polled
     */
    public record JiraSource(String name, JiraFlavor flavor, CredentialSpec credential, String auditPoll,
                             String tokensPoll, String orgId, SecretValue orgAdminKey, URI adminApi,
                             Duration auditLookback, Duration timeout, boolean audit) {
        /** The site's base URL as events name it. */
        public String site() {
            return credential.common().siteBase();
        }

        /** Whether a token inventory is polled: always on Data Center, on Cloud with an org. */
        public boolean tokens() {
            return flavor == JiraFlavor.DATACENTER || !orgId.isEmpty();
        }
    }

    /** A Jenkins controller whose event journal is polled. */
    public record JenkinsSource(String name, URI url, String user, SecretValue apiToken, String poll,
                                Duration timeout, int batchSize) {
    }

    /**
     * Expiry policy over the token inventories, evaluated on {@code schedule}; {@code enforce} revokes, else it only
     * alerts (dry run). {@code managedPrefixes}: names of tokens Jira Access manages (see {@code ManagedTokens}).
     */
    public record Policy(int maxAgeDays, int warnBeforeExpiryDays, int revokeUnusedAfterDays, boolean revokeUnmanaged,
                         boolean enforce, String schedule, List<String> managedPrefixes) {
        public Policy {
            managedPrefixes = List.copyOf(managedPrefixes);
        }

        public Policy(int maxAgeDays, int warnBeforeExpiryDays, int revokeUnusedAfterDays, boolean revokeUnmanaged,
                      boolean enforce, String schedule) {
            this(maxAgeDays, warnBeforeExpiryDays, revokeUnusedAfterDays, revokeUnmanaged, enforce, schedule,
                    List.of("jira-access-"));
        }
    }

    /** The admin API: bind address and bearer token (null: generated into the state dir). */
    public record Admin(String host, int port, SecretValue token) {
    }

    /** A directory of {@code *.camel.yaml} files replacing the packaged routes (null: the packaged ones). */
    public record Routes(Path dir) {
    }

    /** Quartz: an optional properties file, e.g. a clustered JDBC job store so each poll fires on one daemon. */
    public record Scheduler(Path quartzProperties) {
    }

    /**
     * Several daemons as one cluster (null: this daemon runs alone): Quartz's clustered JDBC job store in this
     * PostgreSQL database decides which daemon fires each shared source; {@code instance} names this daemon (its
     * Quartz instance id, its spool's cursor, its health and its requests' {@code User-Agent}).
     *
     * @param password null when the server needs none (trust or certificate authentication)
     */
    public record Cluster(String instance, String jdbcUrl, String user, SecretValue password) {
    }
}
