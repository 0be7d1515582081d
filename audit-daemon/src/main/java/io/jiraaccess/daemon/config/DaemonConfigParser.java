package io.jiraaccess.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.config.ConfigDocuments;
import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.secret.SecretValue;
import org.quartz.CronExpression;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the daemon's YAML configuration strictly: unknown keys and bad values are refused at start with the key
 * path and the fix; schedules must be valid Quartz cron expressions; secrets are {@code ${env:}}/{@code ${file:}}
 * references. Relative paths are resolved against the configuration file's directory (the working directory when
 * there is no file).
 */
public final class DaemonConfigParser {
    public static final String DEFAULT_SPOOL_POLL = "0/10 * * * * ?";
    public static final String DEFAULT_JENKINS_POLL = "0/30 * * * * ?";
    public static final String DEFAULT_AUDIT_POLL = "0 * * * * ?";
    public static final String DEFAULT_TOKENS_POLL = "0 */5 * * * ?";
    public static final String DEFAULT_POLICY_SCHEDULE = "0 */15 * * * ?";
    public static final String DEFAULT_RETENTION_SCHEDULE = "0 30 3 * * ?";
    public static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:8088";
    public static final String DEFAULT_ADMIN_API = "https://api.atlassian.com";
    static final int MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final SecretReferences refs;

    public DaemonConfigParser(SecretReferences refs) {
        this.refs = refs;
    }

    public static DaemonConfigParser fromSystem() {
        return new DaemonConfigParser(SecretReferences.fromSystem());
    }

    /** The configuration with every default, relative paths under the working directory. */
    public DaemonConfig defaults() {
        return parse(new ConfigNode("(defaults)", "", YAML.createObjectNode()), Path.of("").toAbsolutePath());
    }

    /** Reads a configuration file, at most {@value #MAX_BYTES} bytes of it, whatever it is (a device, a FIFO). */
    public DaemonConfig parse(Path file) {
        String text;
        try {
            text = BoundedFiles.utf8(BoundedFiles.read(file, MAX_BYTES));
        } catch (BoundedFiles.TooLarge e) {
            throw new ConfigurationException(file + ": larger than " + MAX_BYTES + " bytes; this is not a daemon "
                    + "configuration (check the --config path)");
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": configuration file does not exist; check the --config path");
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(file + ": configuration file is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigurationException(file + ": configuration file cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base);
    }

    /**
     * Parses YAML text; {@code source} names it in errors, {@code baseDir} anchors relative paths. Read by core's one
     * configuration reader, so a repeated key is refused here as in credential files.
     */
    public DaemonConfig parse(String source, String yaml, Path baseDir) {
        JsonNode tree = ConfigDocuments.readYaml(source, yaml);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigurationException(source + ": expected a mapping of keys to values at the top level");
        }
        return parse(new ConfigNode(source, "", tree), baseDir);
    }

    private DaemonConfig parse(ConfigNode root, Path base) {
        DaemonConfig.Elasticsearch es = elasticsearch(root.child("elasticsearch"), base);
        DaemonConfig.Cluster cluster = ClusterSection.parse(root.child("cluster"), refs);
        ConfigNode stateNode = root.child("state");
        boolean cursorsGiven = stateNode.has("cursors");
        DaemonConfig.State state = state(stateNode, base, cluster != null);
        DaemonConfig.Spool spool = spool(root.child("spool"), base);
        List<DaemonConfig.JiraSource> jira = jira(root);
        List<DaemonConfig.JenkinsSource> jenkins = jenkins(root);
        DaemonConfig.Policy policy = policy(root.child("policy"));
        DaemonConfig.Admin admin = admin(root.child("admin"));
        ConfigNode r = root.child("routes");
        Path routesDir = path(r, "dir", null, base);
        r.rejectUnknown();
        ConfigNode s = root.child("scheduler");
        Path quartz = path(s, "quartzProperties", null, base);
        s.rejectUnknown();
        root.rejectUnknown();
        DaemonConfig.Scheduler scheduler = new DaemonConfig.Scheduler(quartz);
        ClusterSection.check(root, cluster, es, state, cursorsGiven, scheduler);
        return new DaemonConfig(root.source(), es, state, spool, jira, jenkins, policy, admin,
                new DaemonConfig.Routes(routesDir), scheduler, cluster);
    }

    private DaemonConfig.Elasticsearch elasticsearch(ConfigNode n, Path base) {
        URI url = n.optionalUrl("url");
        List<URI> urls = ElasticsearchUrls.parse(n, url);
        url = urls.isEmpty() ? null : urls.get(0);
        SecretValue apiKey = n.optionalSecret("apiKey", refs);
        Path ca = path(n, "caCertificate", null, base);
        int retention = n.integer("retentionDays", 90, 1, 36500);
        String retentionSchedule = cron(n, "retentionSchedule", DEFAULT_RETENTION_SCHEDULE);
        int heap = n.integer("localHeapMegabytes", 512, 256, 32768);
        if (url == null && apiKey != null) {
            throw n.error("apiKey", "is set but url is not; the local node the daemon starts has no API keys: "
                    + "set url to your Elasticsearch or remove apiKey");
        }
        if (ca != null && (url == null || !"https".equalsIgnoreCase(url.getScheme()))) {
            throw n.error("caCertificate", "applies to an https url only; use https in elasticsearch.url or remove caCertificate");
        }
        n.rejectUnknown();
        return new DaemonConfig.Elasticsearch(url, apiKey, ca, retention, retentionSchedule, heap, urls);
    }

    private DaemonConfig.State state(ConfigNode n, Path base, boolean clustered) {
        Path dir = path(n, "dir", "jira-access-state", base);
        String cursors = n.string("cursors", clustered ? "elasticsearch" : "file", Set.of("file", "elasticsearch"));
        n.rejectUnknown();
        return new DaemonConfig.State(dir, cursors.equals("file") ? DaemonConfig.CursorStoreKind.FILE
                : DaemonConfig.CursorStoreKind.ELASTICSEARCH);
    }

    private DaemonConfig.Spool spool(ConfigNode n, Path base) {
        Path dir = path(n, "dir", "jira-access-spool", base);
        String poll = cron(n, "poll", DEFAULT_SPOOL_POLL);
        int batch = n.integer("batchSize", 1000, 1, 10000);
        boolean watch = n.bool("watch", true);
        n.rejectUnknown();
        return new DaemonConfig.Spool(dir, poll, batch, watch);
    }

    private List<DaemonConfig.JiraSource> jira(ConfigNode root) {
        List<DaemonConfig.JiraSource> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        CredentialSpecParser credentials = new CredentialSpecParser(refs);
        for (ConfigNode n : root.children("jira")) {
            String name = name(n, names, "jira");
            String flavor = n.string("flavor", null, Set.of("cloud", "datacenter"));
            if (flavor == null) {
                throw n.error("flavor", "is missing; write flavor: datacenter or flavor: cloud");
            }
            if (!n.has("credential")) {
                throw n.error("credential", "is missing; write the admin credential, e.g. credential: { kind: pat, "
                        + "site: \"https://jira.example.com\", token: \"${env:JIRA_ADMIN_PAT}\" }");
            }
            CredentialSpec credential = credentials.parse(n.child("credential"), name);
            String auditPoll = cron(n, "auditPoll", DEFAULT_AUDIT_POLL);
            String tokensPoll = cron(n, "tokensPoll", DEFAULT_TOKENS_POLL);
            String orgId = n.optionalString("orgId");
            orgId = orgId == null ? "" : orgId.trim();
            SecretValue orgKey = n.optionalSecret("orgAdminKey", refs);
            URI adminApi = n.optionalUrl("adminApiUrl");
            int lookback = n.integer("auditLookbackHours", 24, 0, 24 * 365);
            int timeout = n.integer("timeoutSeconds", 30, 1, 600);
            boolean audit = n.bool("audit", true);
            JiraFlavor f = JiraFlavor.fromId(flavor);
            if (f == JiraFlavor.DATACENTER && (!orgId.isEmpty() || orgKey != null)) {
                throw n.error(orgId.isEmpty() ? "orgAdminKey" : "orgId", "applies to flavor: cloud only (Atlassian "
                        + "organisations); remove it, Data Center tokens are listed with the credential");
            }
            if (!orgId.isEmpty() && orgKey == null) {
                throw n.error("orgAdminKey", "is missing; the org's API tokens are listed with an org admin API key: "
                        + "write orgAdminKey: ${env:NAME} or ${file:PATH}");
            }
            if (orgId.isEmpty() && orgKey != null) {
                throw n.error("orgId", "is missing; write the id of the organisation whose API tokens the orgAdminKey lists");
            }
            if (orgId.length() > 128 || !orgId.matches("[A-Za-z0-9-]*")) {
                throw n.error("orgId", "'" + orgId + "' is not an organisation id (letters, digits and '-'); copy it "
                        + "from admin.atlassian.com");
            }
            n.rejectUnknown();
            out.add(new DaemonConfig.JiraSource(name, f, credential, auditPoll, tokensPoll, orgId, orgKey,
                    adminApi != null ? adminApi : URI.create(DEFAULT_ADMIN_API), Duration.ofHours(lookback),
                    Duration.ofSeconds(timeout), audit));
        }
        return List.copyOf(out);
    }

    private List<DaemonConfig.JenkinsSource> jenkins(ConfigNode root) {
        List<DaemonConfig.JenkinsSource> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode n : root.children("jenkins")) {
            String name = name(n, names, "jenkins");
            URI url = n.url("url", "write the Jenkins base URL, e.g. url: https://jenkins.example.com");
            String user = n.string("user", "write the Jenkins user whose API token reads the journal, e.g. user: audit-bot");
            SecretValue token = n.secret("apiToken", refs,
                    "write apiToken: ${env:NAME} or ${file:PATH} naming that user's Jenkins API token");
            String poll = cron(n, "poll", DEFAULT_JENKINS_POLL);
            int timeout = n.integer("timeoutSeconds", 30, 1, 600);
            int batch = n.integer("batchSize", 1000, 1, 10000);
            n.rejectUnknown();
            out.add(new DaemonConfig.JenkinsSource(name, url, user, token, poll, Duration.ofSeconds(timeout), batch));
        }
        return List.copyOf(out);
    }

    private DaemonConfig.Policy policy(ConfigNode n) {
        int maxAge = n.integer("maxAgeDays", 90, 1, 3650);
        int warn = n.integer("warnBeforeExpiryDays", 14, 0, 3650);
        int unused = n.integer("revokeUnusedAfterDays", 30, 1, 3650);
        boolean unmanaged = n.bool("revokeUnmanaged", false);
        boolean enforce = n.bool("enforce", false);
        String schedule = cron(n, "schedule", DEFAULT_POLICY_SCHEDULE);
        // blank entries are dropped by stringList: an empty prefix cannot call every token managed
        List<String> prefixes = n.has("managedPrefixes") ? n.stringList("managedPrefixes") : List.of("jira-access-");
        n.rejectUnknown();
        return new DaemonConfig.Policy(maxAge, warn, unused, unmanaged, enforce, schedule, prefixes);
    }

    private DaemonConfig.Admin admin(ConfigNode n) {
        String listen = n.optionalString("listen");
        if (listen == null) {
            listen = DEFAULT_ADMIN_LISTEN;
        }
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : "";
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(listen.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            // reported below
        }
        if (host.isEmpty() || port < 0 || port > 65535 || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw n.error("listen", "'" + listen + "' is not host:port; write e.g. listen: \"127.0.0.1:8088\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        SecretValue token = n.optionalSecret("token", refs);
        if (token != null && token.length() < 16) {
            throw n.error("token", "is shorter than 16 characters; use a long random token (e.g. openssl rand -hex 32)");
        }
        n.rejectUnknown();
        return new DaemonConfig.Admin(host, port, token);
    }

    private static String name(ConfigNode n, Set<String> seen, String list) {
        String name = n.string("name", "give each " + list + " entry a short unique name, e.g. name: ci-main");
        if (!name.matches(NAME_PATTERN)) {
            throw n.error("name", "'" + name + "' may only contain letters, digits, '.', '_' and '-' (at most 64)");
        }
        if (!seen.add(name)) {
            throw n.error("name", "'" + name + "' is used by another " + list + " entry; names must be unique");
        }
        return name;
    }

    /** A Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year]. */
    static String cron(ConfigNode n, String key, String defaultValue) {
        String v = n.optionalString(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            CronExpression.validateExpression(v);
        } catch (ParseException e) {
            throw n.error(key, "'" + v + "' is not a Quartz cron expression (" + e.getMessage() + "); write six fields, "
                    + "seconds minutes hours day-of-month month day-of-week, e.g. \"0/10 * * * * ?\" for every 10 seconds");
        }
        return v;
    }

    private static Path path(ConfigNode n, String key, String defaultValue, Path base) {
        String v = n.optionalString(key);
        if (v == null) {
            v = defaultValue;
        }
        if (v == null) {
            return null;
        }
        if (v.indexOf('\0') >= 0) {
            throw n.error(key, "contains a NUL character; write a plain path");
        }
        Path p = Path.of(v);
        return (p.isAbsolute() ? p : base.resolve(p)).normalize();
    }
}
