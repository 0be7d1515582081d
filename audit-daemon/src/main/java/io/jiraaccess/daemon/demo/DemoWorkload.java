package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.journal.SpoolWriter;
import io.jiraaccess.core.oauth.JdkHttpSender;
import io.jiraaccess.core.oauth.OAuthAuthenticators;
import io.jiraaccess.core.oauth.PkceAuthorization;
import io.jiraaccess.core.rotation.JiraPatApiFactory;
import io.jiraaccess.core.rotation.PatRotator;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.ForwardingCredentialStore;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.daemon.enforcement.EnforcementEvents;
import io.jiraaccess.daemon.inventory.DcPatInventory;
import io.jiraaccess.daemon.inventory.InventoryToken;
import io.jiraaccess.daemon.spool.SpoolDrop;
import io.jiraaccess.sim.JiraSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A synthetic CI workload against an embedded Jira simulator, deterministic for a seed: Jenkins-style builds on three
 * controllers and their agents use credentials of every kind (Data Center PATs, Cloud API tokens over Basic, OAuth
 * client credentials, an OAuth refresh token, a Connect app) through core's real {@link JiraClient}; the events go
 * into a spool directory through core's {@link SpoolWriter} (one file per build, as a CI run writes them), while the
 * simulator records the matching Jira audit log.
 * <p>Over a run it produces {@code token.used}, {@code basic_auth.used} (Cloud API tokens), {@code token.issued} and
 * {@code token.refreshed} (OAuth), {@code policy.violation} (a job straying into a project outside its credential's
 * {@code allow.projects}), failed authentications with status 401 (after the security team revoked a leaked token, a
 * job keeps using it), {@code credential.rotated} and {@code credential.revoked} (core's {@link PatRotator} rotating
 * {@code dc-ci-pat}, grace period 0), and one {@code credential.revoked} in {@code jira_access.enforcement} (the
 * incident revocation through the Jira API). The seeded tokens give the inventory tokens expiring within days and
 * tokens created months ago. Every CI event carries {@code source.ip}: the address of the agent that ran it.
 * <p>Every job runs once in each round of ten builds; the order within a round, the agent and the requests are drawn
 * from {@code Random(seed)}, so the sequence of events
 * (actions, jobs, builds, outcomes, statuses, ids) repeats for the same seed and tag; timestamps, secrets and hence
 * fingerprints differ between runs.
 *
 * <pre>{@code
 * try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
 *      DemoWorkload w = DemoWorkload.builder(sim, spoolDir).seed(42).build()) {
 *     DemoWorkload.Summary s = w.runBuilds(60);        // synchronous
 *     // or w.start(Duration.ofSeconds(2)) for a steady stream until close()
 * }
 * }</pre>
 */
public final class DemoWorkload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkload.class);
    private static final HttpSettings HTTP = HttpSettings.DEFAULT.withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    private final JiraSimulator sim;
    private final DemoWorld world;
    private final Path spoolDir;
    private final String tag;
    private final Clock clock;
    private final Random random;
    private final int rotateEvery;
    private final int incidentAt;
    private final Map<String, CredentialSpec> credentials;
    private final Map<String, TokenBroker> brokers = new HashMap<>();
    private final Map<String, Integer> buildNumbers = new HashMap<>();
    private final List<DemoCatalog.Job> deck = new ArrayList<>();
    /**
     * Every secret the workload obtained while running (rotated PATs, refresh and access tokens), for leak scans;
     * null unless the builder asked for it (a demo running for hours would keep every expired access token).
     */
    private final Set<String> issued;
    private final CredentialStore store;
    private final Fingerprinter fingerprinter;
    private final SpoolDrop enforcementDrop;
    private final WorkloadCounts counts = new WorkloadCounts();
    private ScheduledExecutorService loop;
    private int builds;
    private int upkeeps;
    private boolean closed;

    private DemoWorkload(Builder b) {
        this.sim = b.sim;
        this.spoolDir = b.spoolDir;
        this.tag = b.tag != null ? b.tag : "demo" + b.seed;
        this.clock = b.clock != null ? b.clock : b.sim.clock();
        this.random = new Random(b.seed);
        this.rotateEvery = b.rotateEvery;
        this.incidentAt = b.incidentAt;
        this.issued = b.recordIssuedSecrets ? Collections.synchronizedSet(new LinkedHashSet<>()) : null;
        this.store = issued == null ? new InMemoryCredentialStore() : new RecordingStore(new InMemoryCredentialStore(), issued);
        this.world = DemoWorld.seed(sim, freePort());
        this.credentials = DemoCatalog.credentials(world);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprinter = new Fingerprinter(key);
        this.enforcementDrop = new SpoolDrop(spoolDir, "enforcement", clock);
        for (DemoCatalog.Controller c : DemoCatalog.CONTROLLERS) {
            brokers.put(c.name(), new TokenBroker(TokenBroker.Settings.DEFAULT, clock, issued == null
                    ? TokenBroker.Listener.NONE : new TokenBroker.Listener() {
                        @Override
                        public void issued(TokenBroker.Key key, AccessToken token, boolean first) {
                            issued.add(token.value().reveal());
                        }
                    }));
        }
        consentReportingApp();
    }

    /** A workload on {@code sim} (fresh: the workload seeds its users, projects and tokens) writing into {@code spoolDir}. */
    public static Builder builder(JiraSimulator sim, Path spoolDir) {
        return new Builder(sim, spoolDir);
    }

    /** The seeded Jira: its site, the administrator's throwaway credentials for the daemon's {@code jira:} list. */
    public DemoWorld world() {
        return world;
    }

    public Path spoolDir() {
        return spoolDir;
    }

    /** The CI credential ids, one of every kind: {@code dc-ci-pat}, {@code cloud-legacy-token}, ... */
    public List<String> credentialIds() {
        return List.copyOf(credentials.keySet());
    }

    /**
     * Every secret the workload obtained from Jira while it ran: the PATs rotation minted, the OAuth refresh tokens
     * and access tokens. Throwaway values of this simulator, for leak scans ({@link DemoWorld#everySecret()} has the
     * seeded ones); never print them. Only when built with {@link Builder#recordIssuedSecrets()}.
     */
    public List<String> issuedSecrets() {
        if (issued == null) {
            throw new IllegalStateException("the workload records the secrets it obtains only when built with "
                    + "recordIssuedSecrets()");
        }
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }

    /** Runs {@code n} builds now, on this thread; returns the totals so far. */
    public Summary runBuilds(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
        return summary();
    }

    /**
     * Runs one build every {@code period} on a background thread until {@link #close()}: a steady, bounded stream for
     * the demo. Failures of a build are logged and the next one runs.
     */
    public synchronized void start(Duration period) {
        if (loop != null) {
            throw new IllegalStateException("the workload is already running");
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-workload");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("demo workload: a build failed ({}); the next one runs as planned", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the workload has written so far. */
    public Summary summary() {
        return counts.snapshot();
    }

    /** Stops the background builds (waiting for the one in progress); everything written stays in the spool. */
    @Override
    public void close() {
        ScheduledExecutorService l;
        synchronized (this) {
            l = loop;
            loop = null;
        }
        if (l != null) {
            l.shutdown();
            try {
                if (!l.awaitTermination(30, TimeUnit.SECONDS)) {
                    l.shutdownNow();
                }
            } catch (InterruptedException e) {
                l.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closed = true;
        }
    }

    /** One build, preceded by the periodic upkeep and the incident when their turn has come. */
    synchronized void step() {
        if (closed) {
            return;
        }
        int index = builds++;
        if (index % rotateEvery == rotateEvery - 1) {
            rotate();
        }
        if (index == incidentAt) {
            incident();
        }
        if (deck.isEmpty()) {
            // every job once per round, in a seeded order: each credential is used within every ten builds
            deck.addAll(DemoCatalog.JOBS);
            Collections.shuffle(deck, random);
        }
        DemoCatalog.Job job = deck.remove(0);
        DemoCatalog.Controller controller = DemoCatalog.controller(job.controller());
        List<String> nodes = List.copyOf(controller.nodes().keySet());
        String node = nodes.get(random.nextInt(nodes.size()));
        String address = controller.nodes().get(node);
        if (random.nextInt(25) == 0) {
            node = DemoCatalog.UNUSUAL_NODE;
            address = DemoCatalog.UNUSUAL_ADDRESS;
        }
        int requests = 1 + random.nextInt(3);
        boolean stray = random.nextInt(12) == 0;
        int build = buildNumbers.merge(job.name(), 1, Integer::sum);
        runBuild(job, build, node, address, requests, stray);
        counts.build();
    }

    private void runBuild(DemoCatalog.Job job, int build, String node, String address, int requests, boolean stray) {
        CredentialSpec spec = credentials.get(job.credentialId());
        String controller = job.controller();
        try (SpoolWriter writer = SpoolWriter.builder(spoolDir, controller)
                .runId(tag + "-" + job.slug() + "-" + build).clock(clock).build()) {
            EventSink sink = counting(withAddress(writer, address));
            AuthContext ctx = new AuthContext(store, brokers.get(controller), sink, fingerprinter, clock, controller);
            if (spec.kind().isOAuth() && build % 4 == 0) {
                // the cached access token is dropped (as after a restart of the agent): the next use refreshes it
                brokers.get(controller).invalidate(OAuthAuthenticators.key(spec, ctx));
            }
            Authenticator auth = Authenticators.create(spec, ctx);
            JiraClient client = JiraClient.builder(auth).events(sink).fingerprinter(fingerprinter)
                    .serviceName(controller).clock(clock).settings(HTTP)
                    .pipeline(job.name(), Integer.toString(build), buildUrl(controller, job, build), node)
                    .build();
            boolean canWrite = spec.allow().operations().isEmpty() || spec.allow().operations().contains(Operation.WRITE);
            for (int i = 0; i < requests; i++) {
                send(client, request(spec, job, build, i, canWrite));
            }
            if (stray) {
                send(client, JiraRequest.get(api(spec) + "/issue/" + job.foreign() + "-1"));
            }
        }
    }

    private JiraRequest request(CredentialSpec spec, DemoCatalog.Job job, int build, int i, boolean canWrite) {
        int choice = random.nextInt(canWrite ? 3 : 2);
        switch (choice) {
            case 0:
                return JiraRequest.get(api(spec) + "/search?jql=project%20%3D%20" + job.project() + "&maxResults=5");
            case 1:
                return JiraRequest.get(api(spec) + "/issue/" + job.project() + "-" + (1 + random.nextInt(3)));
            default:
                return JiraRequest.post(api(spec) + "/issue", "{\"fields\":{\"project\":{\"key\":\"" + job.project()
                        + "\"},\"summary\":\"" + job.name() + " build " + build + " step " + i
                        + "\",\"issuetype\":{\"name\":\"Task\"}}}");
        }
    }

    private void send(JiraClient client, JiraRequest request) {
        try {
            client.send(request);
        } catch (JiraAccessException e) {
            // a policy violation or an unusable credential: the event is what matters here
            LOG.debug("demo workload: {} refused: {}", request, e.getMessage());
        }
    }

    /** The controller's periodic upkeep: rotates {@code dc-ci-pat} and revokes the superseded token (grace 0). */
    private void rotate() {
        String controller = DemoCatalog.ROTATING_CONTROLLER;
        PatSpec spec = (PatSpec) credentials.get(DemoCatalog.ROTATED_CREDENTIAL);
        try (SpoolWriter writer = SpoolWriter.builder(spoolDir, controller)
                .runId(tag + "-upkeep-" + (++upkeeps)).clock(clock).build()) {
            EventSink sink = counting(withAddress(writer, DemoCatalog.controller(controller).nodes().values().iterator().next()));
            AuthContext ctx = new AuthContext(store, brokers.get(controller), sink, fingerprinter, clock, controller);
            PatRotator rotator = PatRotator.builder(ctx, new JiraPatApiFactory(sink, fingerprinter, controller,
                    JiraPatApiFactory.SETTINGS, clock)).build();
            rotator.rotateNow(spec);
            rotator.recover(spec);
        } catch (JiraAccessException e) {
            LOG.warn("demo workload: rotating {} failed: {}", spec.id(), e.getMessage());
        }
    }

    /** The security team takes a leaked token out of use through the Jira API; the job using it fails from now on. */
    private void incident() {
        PatSpec admin = adminPat();
        AuthContext ctx = new AuthContext(store, new TokenBroker(), EventSink.NONE, fingerprinter, clock, "security-team");
        JiraClient client = JiraClient.builder(Authenticators.create(admin, ctx)).serviceName("security-team")
                .clock(clock).settings(HTTP).build();
        DcPatInventory inventory = new DcPatInventory(client, clock);
        try {
            for (InventoryToken t : inventory.list()) {
                if (t.name().equals(DemoCatalog.INCIDENT_TOKEN)) {
                    inventory.revoke(t);
                    AuditEvent e = EnforcementEvents.revoked(t.withStatus(InventoryToken.REVOKED), "manual",
                            "token exposed in a build log of ops/cleanup", "security-team", clock.instant(), null);
                    enforcementDrop.write(List.of(e));
                    counts.count(e);
                }
            }
        } catch (JiraAccessException e) {
            LOG.warn("demo workload: the incident revocation failed: {}", e.getMessage());
        }
    }

    /** The administrator's PAT as a Data Center credential (the daemon's and the security team's). */
    PatSpec adminPat() {
        return (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(world.secrets())).parse("demo admin", """
                id: demo-jira-admin
                kind: pat
                site: %s
                flavor: datacenter
                owner: %s
                token: ${env:%s}
                """.formatted(world.site(), DemoWorld.ADMIN_USER, DemoWorld.ADMIN_PAT), null);
    }

    /** The one-time consent of the reporting app: its refresh token goes into the workload's credential store. */
    private void consentReportingApp() {
        OAuthRefreshTokenSpec spec = (OAuthRefreshTokenSpec) credentials.get("dc-reporting-oauth");
        PkceAuthorization consent = new PkceAuthorization(spec, store, new JdkHttpSender(), clock,
                new PkceAuthorization.Settings(world.reportingRedirectPort(), "/callback", Duration.ofSeconds(30)));
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        consent.authorize(url -> {
            try {
                browser.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException("the demo consent could not reach the simulator", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the demo consent", e);
            }
        });
    }

    private EventSink counting(EventSink sink) {
        return event -> {
            sink.emit(event);
            counts.count(event);
        };
    }

    /** The agent's address as {@code source.ip}: where the request came from. */
    private static EventSink withAddress(EventSink sink, String address) {
        return event -> sink.emit(event.toBuilder().sourceIp(address).build());
    }

    private static String api(CredentialSpec spec) {
        return spec.flavor() == JiraFlavor.CLOUD ? "/rest/api/3" : "/rest/api/2";
    }

    private static String buildUrl(String controller, DemoCatalog.Job job, int build) {
        return "https://" + controller + ".example.com/job/" + job.name().replace("/", "/job/") + "/" + build + "/";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the demo's OAuth redirect", e);
        }
    }

    /** The workload's credential store (in memory: it writes no store file), noting every secret saved in it. */
    private static final class RecordingStore extends ForwardingCredentialStore {
        private final Set<String> issued;

        RecordingStore(CredentialStore delegate, Set<String> issued) {
            super(delegate);
            this.issued = issued;
        }

        @Override
        public void save(String credentialId, CredentialState state) {
            state.secrets().values().forEach(v -> issued.add(v.reveal()));
            super.save(credentialId, state);
        }
    }

    /**
     * What the workload wrote.
     *
     * @param builds   builds run
     * @param actions  events per {@code event.action}
     * @param datasets events per {@code event.dataset}
     */
    public record Summary(int builds, Map<String, Long> actions, Map<String, Long> datasets) {
        public Summary {
            actions = Map.copyOf(actions);
            datasets = Map.copyOf(datasets);
        }

        public long count(String action) {
            return actions.getOrDefault(action, 0L);
        }

        public long total() {
            return actions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Settings of a workload; {@link #build()} seeds the simulator. */
    public static final class Builder {
        private final JiraSimulator sim;
        private final Path spoolDir;
        private long seed = 42;
        private String tag;
        private Clock clock;
        private int rotateEvery = 15;
        private int incidentAt = 12;
        private boolean recordIssuedSecrets;

        private Builder(JiraSimulator sim, Path spoolDir) {
            this.sim = Objects.requireNonNull(sim, "sim");
            this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
        }

        /** Drives every choice (job, agent, requests); default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Prefixes the spool run ids, hence the event ids ({@code <controller>:<tag>-<job>-<build>:<n>}); default
         * {@code demo<seed>}. Give each demo start its own tag so a second start does not overwrite the first's events.
         */
        public Builder tag(String tag) {
            if (tag == null || !tag.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,40}")) {
                throw new IllegalArgumentException("tag must be 1-41 letters, digits, '.', '_' or '-'");
            }
            this.tag = tag;
            return this;
        }

        /** Event timestamps and token expiry; default the simulator's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Every {@code n}-th build is preceded by a rotation of {@code dc-ci-pat}; default 15. */
        public Builder rotateEvery(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("rotateEvery must be at least 1");
            }
            this.rotateEvery = n;
            return this;
        }

        /** Before build {@code index} (from 0), the leaked token is revoked; default 12, negative: never. */
        public Builder incidentAt(int index) {
            this.incidentAt = index;
            return this;
        }

        /**
         * Keeps every secret the workload obtains (rotated PATs, OAuth refresh and access tokens) for
         * {@link #issuedSecrets()}: for leak scans over a bounded run, not for a demo left running.
         */
        public Builder recordIssuedSecrets() {
            this.recordIssuedSecrets = true;
            return this;
        }

        public DemoWorkload build() {
            return new DemoWorkload(this);
        }
    }
}
