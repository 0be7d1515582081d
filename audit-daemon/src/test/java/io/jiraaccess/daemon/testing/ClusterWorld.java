package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.sim.http.RequestLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the cluster tests run against: daemons as real processes sharing one PostgreSQL database (Quartz's clustered
 * job store) and one Elasticsearch; Jenkins controllers (a real core journal behind a {@link JenkinsStandIn} each,
 * fed by a {@link JournalProducer}); each daemon's own spool, fed by a {@link SpoolProducer}; and, optionally, Jira (the
 * simulator: a Cloud site's audit log, fed by a user's requests, and a Data Center site's PAT inventory). Every shared
 * source is polled every second.
 */
public final class ClusterWorld implements AutoCloseable {
    public static final String CLOUD_AUDIT = "jira-corp-cloud-audit";
    public static final String DC_TOKENS = "jira-corp-dc-tokens";
    public static final String AUDIT_PATH = "/rest/api/3/auditing/record";
    public static final String TOKENS_PATH = "/rest/pat/latest/tokens/search";

    private final Path dir;
    public final List<EventJournal> journals = new ArrayList<>();
    public final List<JenkinsStandIn> jenkins = new ArrayList<>();
    public final List<JournalProducer> builds = new ArrayList<>();
    public final Map<String, SpoolProducer> spools = new LinkedHashMap<>();
    public final Map<String, DaemonProcess> daemons = new LinkedHashMap<>();
    public final SimJira jira;
    private final ScheduledExecutorService jiraUser = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jira-user");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private boolean stopped;

    /**
     * @param instances    the daemons' instance names
     * @param controllers  Jenkins controllers
     * @param withJira     whether the Jira sources take part
     */
    public ClusterWorld(Path dir, URI elasticsearch, String database, List<String> instances, int controllers,
                        boolean withJira) throws IOException {
        this.dir = dir;
        this.jira = withJira ? SimJira.fresh() : null;
        if (jira != null && !jira.sim.clock().offset().isZero()) {
            throw new IllegalStateException("the simulator's clock must be the real one: request times are compared with kills");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("admin-token"), TestDaemon.ADMIN_TOKEN + "\n");
        Files.writeString(dir.resolve("jenkins-token"), TestDaemon.JENKINS_TOKEN + "\n");
        Files.writeString(dir.resolve("pg-password"), SharedPostgres.PASSWORD + "\n");
        StringBuilder sources = new StringBuilder("jenkins:\n");
        for (int i = 1; i <= controllers; i++) {
            EventJournal journal = EventJournal.open(dir.resolve("jenkins-" + i + "/journal"), "ci-" + i);
            journals.add(journal);
            JenkinsStandIn standIn = new JenkinsStandIn(journal, TestDaemon.JENKINS_USER, TestDaemon.JENKINS_TOKEN);
            jenkins.add(standIn);
            sources.append("  - { name: ci-%d, url: \"%s\", user: %s, apiToken: \"${file:%s}\", poll: \"* * * * * ?\", timeoutSeconds: 5, batchSize: 500 }\n"
                    .formatted(i, standIn.url(), TestDaemon.JENKINS_USER, dir.resolve("jenkins-token")));
        }
        if (jira != null) {
            Files.writeString(dir.resolve("jira-api-token"), SimJira.ADMIN_API_TOKEN + "\n");
            Files.writeString(dir.resolve("jira-pat"), jira.adminPat + "\n");
            String site = jira.sim.baseUrl();
            sources.append("""
                    jira:
                      - { name: corp-cloud, flavor: cloud, auditPoll: "* * * * * ?", auditLookbackHours: 1, timeoutSeconds: 5,
                          credential: { kind: api-token, site: "%s", email: "%s", token: "${file:%s}" } }
                      - { name: corp-dc, flavor: datacenter, audit: false, tokensPoll: "* * * * * ?", timeoutSeconds: 5,
                          credential: { kind: pat, site: "%s", token: "${file:%s}" } }
                    """.formatted(site, SimJira.ADMIN_EMAIL, dir.resolve("jira-api-token"), site, dir.resolve("jira-pat")));
        }
        for (String instance : instances) {
            Path home = dir.resolve(instance);
            Files.createDirectories(home.resolve("spool"));
            int adminPort = CamelHarness.freePort();
            String yaml = """
                    elasticsearch: { url: "%s" }
                    state: { dir: state }
                    spool: { dir: spool, poll: "* * * * * ?", batchSize: 500 }
                    admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                    policy: { schedule: "0 0 0 1 1 ? 2099" }
                    cluster: { instance: %s, jdbcUrl: "%s", user: %s, password: "${file:%s}" }
                    """.formatted(elasticsearch, adminPort, dir.resolve("admin-token"), instance,
                    SharedPostgres.server().jdbcUrl(database), database, dir.resolve("pg-password")) + sources;
            Path config = Files.writeString(home.resolve("daemon.yaml"), yaml);
            daemons.put(instance, new DaemonProcess(instance, config, home.resolve("daemon.log"),
                    URI.create("http://127.0.0.1:" + adminPort)));
            spools.put(instance, new SpoolProducer(home.resolve("spool"), "other-ci-" + instance, 20));
        }
        for (EventJournal journal : journals) {
            builds.add(new JournalProducer(journal, 5));
        }
    }

    public Path dir() {
        return dir;
    }

    public void startDaemons() {
        daemons.values().forEach(DaemonProcess::start);
        daemons.values().forEach(d -> d.awaitUp(Duration.ofSeconds(180)));
    }

    /** Starts every producer: spool files every 500 ms, journal events every 100 ms, a Jira request every 200 ms. */
    public void startFeeding() {
        spools.values().forEach(s -> s.every(500));
        builds.forEach(b -> b.every(100));
        if (jira != null) {
            jiraUser.scheduleAtFixedRate(this::jiraRequest, 0, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops every producer; what they produced is durable when this returns. */
    public synchronized void stopFeeding() {
        if (stopped) {
            return;
        }
        stopped = true;
        spools.values().forEach(SpoolProducer::close);
        builds.forEach(JournalProducer::close);
        jiraUser.shutdown();
        try {
            jiraUser.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Jira user's request: the simulator records its login in the audit log. */
    private void jiraRequest() {
        try {
            String basic = Base64.getEncoder().encodeToString((SimJira.ADMIN + ":" + SimJira.ADMIN_API_TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            http.send(HttpRequest.newBuilder(URI.create(jira.sim.baseUrl() + "/rest/api/3/myself"))
                    .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the next one goes through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The spool and journal events produced so far. */
    public Set<String> produced() {
        Set<String> out = new HashSet<>();
        spools.values().forEach(s -> out.addAll(s.produced()));
        builds.forEach(b -> out.addAll(b.produced()));
        return out;
    }

    /** Every request the daemons made to a shared source, as the Jenkins stand-ins and the simulator logged them. */
    public PollLog pollLog() {
        PollLog log = new PollLog();
        for (int i = 0; i < jenkins.size(); i++) {
            for (JenkinsStandIn.Request r : jenkins.get(i).log) {
                log.add(new PollLog.Call("jenkins-ci-" + (i + 1), r.receivedAt(), r.answeredAt(), r.userAgent()));
            }
        }
        if (jira != null) {
            for (RequestLog.Entry e : jira.sim.requests()) {
                String source = e.path().equals(AUDIT_PATH) ? CLOUD_AUDIT : e.path().equals(TOKENS_PATH) ? DC_TOKENS : null;
                if (source != null) {
                    log.add(new PollLog.Call(source, e.receivedAt(), e.at(), e.userAgent()));
                }
            }
        }
        return log;
    }

    /** The ids of the shared sources: the Jenkins journals and, with Jira, its audit log and inventory. */
    public List<String> sharedSources() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= jenkins.size(); i++) {
            out.add("jenkins-ci-" + i);
        }
        if (jira != null) {
            out.add(CLOUD_AUDIT);
            out.add(DC_TOKENS);
        }
        return out;
    }

    /** Every daemon's log. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (DaemonProcess d : daemons.values()) {
            try {
                if (Files.exists(d.log())) {
                    b.append(Files.readString(d.log()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        stopFeeding();
        daemons.values().forEach(DaemonProcess::close);
        jenkins.forEach(JenkinsStandIn::close);
        for (EventJournal j : journals) {
            try {
                j.close();
            } catch (RuntimeException e) {
                // closing at the end of a test
            }
        }
    }
}
