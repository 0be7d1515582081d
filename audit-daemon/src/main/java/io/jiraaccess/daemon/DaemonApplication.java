package io.jiraaccess.daemon;

import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.daemon.admin.AdminAuthorizer;
import io.jiraaccess.daemon.admin.AdminRevoke;
import io.jiraaccess.daemon.admin.AdminToken;
import io.jiraaccess.daemon.admin.DaemonStatus;
import io.jiraaccess.daemon.admin.HealthReport;
import io.jiraaccess.daemon.admin.MetricsReport;
import io.jiraaccess.daemon.camel.DaemonCamel;
import io.jiraaccess.daemon.camel.QuartzSchedulers;
import io.jiraaccess.daemon.cluster.Cluster;
import io.jiraaccess.daemon.cluster.ClusterHealth;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.cursor.CursorStore;
import io.jiraaccess.daemon.cursor.ElasticsearchCursorStore;
import io.jiraaccess.daemon.cursor.FileCursorStore;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchHealth;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import io.jiraaccess.daemon.enforcement.Enforcer;
import io.jiraaccess.daemon.index.BulkSettings;
import io.jiraaccess.daemon.index.EventIndexer;
import io.jiraaccess.daemon.index.IndexRetention;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.IndexingUnavailableException;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.inventory.HeldTokens;
import io.jiraaccess.daemon.inventory.ManagedTokens;
import io.jiraaccess.daemon.inventory.TokenInventorySource;
import io.jiraaccess.daemon.jira.JiraAuditSource;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.daemon.revoke.BulkRevoker;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.JenkinsJournalSource;
import io.jiraaccess.daemon.source.SpoolSource;
import io.jiraaccess.daemon.source.SpoolWatch;
import io.jiraaccess.daemon.spool.SpoolDrop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running daemon: Elasticsearch (a URL, or a local node it starts), the indexer, the cursor store, one runner per
 * source, the admin API and the Camel routes that schedule them; with {@code cluster:}, its membership of the cluster
 * (joined first, so a wrong database stops the start before anything else). {@link #close()} stops them in reverse
 * order: no new polls, Camel, a final flush, the client, the local node, the cluster.
 */
public final class DaemonApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonApplication.class);

    /** What tests and benchmarks may change; the defaults are what {@code run} uses. */
    public static final class Options {
        private Clock clock = Clock.systemUTC();
        private BulkSettings bulk = BulkSettings.DEFAULT;
        private SourceRunner.Settings runner = SourceRunner.Settings.DEFAULT;
        private IndexTemplateSource templates = IndexTemplateSource.standard();
        private HttpSettings jiraHttp = JiraSites.HTTP;
        private final Map<String, String> camelProperties = new LinkedHashMap<>();

        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options bulk(BulkSettings bulk) {
            this.bulk = bulk;
            return this;
        }

        /** Runner settings; the batch size of each source still comes from its configuration. */
        public Options runner(SourceRunner.Settings runner) {
            this.runner = runner;
            return this;
        }

        public Options templates(IndexTemplateSource templates) {
            this.templates = templates;
            return this;
        }

        /** Retries and back-off of the daemon's Jira requests (each site's timeoutSeconds still applies). */
        public Options jiraHttp(HttpSettings settings) {
            this.jiraHttp = settings;
            return this;
        }

        /** A Camel property placeholder, e.g. {@code jira-access.errors.redeliveryDelay}. */
        public Options camelProperty(String key, String value) {
            camelProperties.put(key, value);
            return this;
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<SourceRunner> runners = new ArrayList<>();
    private final DaemonConfig config;
    private LocalElasticsearch local;
    private ElasticsearchConnection es;
    private URI esUrl;
    private DaemonStatus status;
    private AdminToken adminToken;
    private DaemonCamel camel;
    private Enforcer enforcer;
    private Cluster cluster;
    /** Records per read of a Jira audit log or inventory, and the most a read holds in memory. */
    static final int JIRA_BATCH = 1000;
    static final int JIRA_WINDOW = 2000;

    private DaemonApplication(DaemonConfig config) {
        this.config = config;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static DaemonApplication start(DaemonConfig config, Options options) throws Exception {
        DaemonApplication app = new DaemonApplication(config);
        try {
            app.doStart(options);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    private void doStart(Options o) throws Exception {
        if (config.cluster() != null) {
            cluster = Cluster.join(config.cluster(), o.clock);
            resources.add(cluster);
        }
        DaemonConfig.Elasticsearch esConfig = config.elasticsearch();
        URI url = esConfig.url();
        if (url == null) {
            local = LocalElasticsearch.builder()
                    .runDir(config.state().dir().resolve("elasticsearch"))
                    .heapMegabytes(esConfig.localHeapMegabytes())
                    .start();
            resources.add(local);
            url = local.url();
        }
        esUrl = url;
        es = ElasticsearchConnection.open(esConfig.urls().isEmpty() ? List.of(url) : esConfig.urls(), esConfig.apiKey(),
                esConfig.caCertificate());
        resources.add(es);
        ElasticsearchHealth esHealth = new ElasticsearchHealth(es);
        TemplateInstaller templates = new TemplateInstaller(es, o.templates);
        try {
            templates.ensureInstalled();
        } catch (IndexingUnavailableException e) {
            LOG.warn("Elasticsearch at {} is not available yet ({}); sources wait for it", url, e.getMessage());
        }
        EventIndexer indexer = new EventIndexer(es, o.bulk, o.clock);
        resources.add(indexer);
        CursorStore cursors = config.state().cursors() == DaemonConfig.CursorStoreKind.FILE
                ? new FileCursorStore(config.state().dir().resolve("cursors"), o.clock)
                : new ElasticsearchCursorStore(es, o.clock);

        Map<String, Object> beans = new HashMap<>();
        List<DaemonCamel.SourceRoute> routes = new ArrayList<>();
        SourceRunner spool = addSource(new SpoolSource(config.spool().dir()), config.spool().poll(),
                config.spool().batchSize(), cursors, indexer, templates, o, beans, routes);
        for (DaemonConfig.JenkinsSource j : config.jenkins()) {
            JenkinsJournalSource jenkins = new JenkinsJournalSource(j.name(), j.url(), j.user(), j.apiToken(),
                    j.timeout(), o.clock);
            resources.add(jenkins);
            addSource(jenkins, j.poll(), j.batchSize(), cursors, indexer, templates, o, beans, routes);
        }
        Fingerprinter fingerprinter = new Fingerprinter(InstallationKey.loadOrCreate(config.state().dir()));
        JiraSites sites = JiraSites.open(config.jira(), fingerprinter, o.jiraHttp, o.clock);
        ManagedTokens managed = new ManagedTokens(config.policy().managedPrefixes(), new HeldTokens(es));
        List<Enforcer.Target> targets = new ArrayList<>();
        for (JiraSites.Site site : sites.sites()) {
            DaemonConfig.JiraSource j = site.config();
            if (j.audit()) {
                addSource(new JiraAuditSource(j.name(), j.flavor(), j.site(), site.audit(), j.auditLookback(),
                        JIRA_WINDOW, o.clock), j.auditPoll(), JIRA_BATCH, cursors, indexer, templates, o, beans, routes);
            }
            if (site.inventory() != null) {
                addSource(new TokenInventorySource(j.name(), site.inventory(), managed, JiraSites.SERVICE, o.clock),
                        j.tokensPoll(),
                        JIRA_BATCH, cursors, indexer, templates, o, beans, routes);
                targets.add(new Enforcer.Target(j.name(), site.inventory()));
            }
        }
        SpoolDrop drop = new SpoolDrop(config.spool().dir(), "enforcement", o.clock);
        enforcer = new Enforcer(config.policy(), targets, managed, drop, o.clock);
        beans.put("enforcement", enforcer);
        beans.put("adminRevoke", new AdminRevoke(new BulkRevoker(targets, new SpoolDrop(config.spool().dir(),
                "revocation", o.clock), o.clock, "admin-api")));

        adminToken = AdminToken.resolve(config.admin().token(), config.state().dir());
        if (adminToken.file() != null) {
            LOG.info("Admin API token is in {} (send it as Authorization: Bearer <token>)", adminToken.file());
        }
        status = new DaemonStatus(runners.stream().map(SourceRunner::status).toList(), url, esHealth::check,
                indexer::bulkRequests, indexer::failedBulkRequests, o.clock).elasticsearchHealth(esHealth)
                .cluster(cluster == null ? null : ClusterHealth.of(cluster));
        beans.put("indexRetention", new IndexRetention(es, esConfig.retentionDays(), o.clock));
        beans.put("adminAuthorizer", new AdminAuthorizer(adminToken));
        beans.put("healthReport", new HealthReport(status));
        beans.put("metricsReport", new MetricsReport(status));

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jira-access.retention.schedule", esConfig.retentionSchedule());
        properties.put("jira-access.policy.schedule", config.policy().schedule());
        properties.putAll(o.camelProperties);
        QuartzSchedulers quartz = cluster != null
                ? QuartzSchedulers.clustered(cluster.quartzProperties(), cluster.polls())
                : QuartzSchedulers.standalone(config.scheduler().quartzProperties());
        camel = new DaemonCamel(beans, properties, routes, config.routes().dir(), config.admin().host(),
                config.admin().port(), quartz);
        camel.start();
        if (config.spool().watch()) {
            try {
                resources.add(SpoolWatch.start(config.spool().dir(), spool.loggedPoll("polled for a new file")));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot watch the spool directory {} ({}); new files are read at the scheduled polls ({})",
                        config.spool().dir(), e.toString(), config.spool().poll());
            }
        }
        LOG.info("Jira Access audit daemon running{}: {} source(s) {}, Elasticsearch {}, admin API http://{}:{}/health",
                cluster == null ? "" : " as cluster instance '" + cluster.instance() + "'", runners.size(),
                runners.stream().map(r -> r.source().id()).toList(), url, config.admin().host(), config.admin().port());
    }

    private SourceRunner addSource(EventSource source, String cron, int batchSize, CursorStore cursors,
                                   EventIndexer indexer, TemplateInstaller templates, Options o,
                                   Map<String, Object> beans, List<DaemonCamel.SourceRoute> routes) {
        // the spool is this host's own: scheduled here alone, its cursor kept apart from the other hosts' spools
        boolean hostLocal = source instanceof SpoolSource;
        CursorStore store = hostLocal && cluster != null ? cluster.hostCursors(cursors) : cursors;
        SourceRunner runner = new SourceRunner(source, store, indexer, templates, o.runner.withBatchSize(batchSize), o.clock);
        runners.add(runner);
        DaemonCamel.SourceRoute route = new DaemonCamel.SourceRoute(source.id(), cron, hostLocal);
        beans.put(route.beanName(), runner);
        routes.add(route);
        return runner;
    }

    public DaemonConfig config() {
        return config;
    }

    public DaemonStatus status() {
        return status;
    }

    public List<SourceRunner> runners() {
        return List.copyOf(runners);
    }

    /** The enforcement job (also run by its Quartz route on policy.schedule). */
    public Enforcer enforcer() {
        return enforcer;
    }

    public AdminToken adminToken() {
        return adminToken;
    }

    /** The URL of the Elasticsearch the daemon writes to (the local node's when it started one). */
    public URI elasticsearchUrl() {
        return esUrl;
    }

    /** The Elasticsearch the daemon writes to. */
    public ElasticsearchConnection elasticsearch() {
        return es;
    }

    public URI adminUrl() {
        return URI.create("http://" + (config.admin().host().contains(":") ? "[" + config.admin().host() + "]"
                : config.admin().host()) + ":" + config.admin().port());
    }

    /** Camel's context, for route tests. */
    public org.apache.camel.CamelContext camelContext() {
        return camel == null ? null : camel.context();
    }

    @Override
    public synchronized void close() {
        runners.forEach(SourceRunner::stop);
        if (camel != null) {
            camel.close();
            camel = null;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
