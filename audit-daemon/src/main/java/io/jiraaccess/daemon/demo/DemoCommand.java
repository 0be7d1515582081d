package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.sim.JiraSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code audit-daemon demo}: the daemon ({@code run}) with an embedded Jira simulator configured as both a Cloud and a
 * Data Center site in its {@code jira:} list, and the {@link DemoWorkload} feeding the spool at a bounded rate, so a
 * new user sees documents of every dataset arrive within a minute. Prints where to look, never a secret, and writes
 * the HTML compliance report into its directory every minute ({@link DemoReport}) for those without a Kibana. Ctrl-C
 * stops the workload, the report, the daemon (and its local Elasticsearch) and the simulator.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the daemon against an embedded Jira simulator (Cloud and Data Center) with a synthetic CI "
                + "workload. Without --elasticsearch-url a local Elasticsearch is started. Ctrl-C stops everything.")
public final class DemoCommand implements Callable<Integer> {
    private static final DateTimeFormatter TAG = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the demo keeps its state and spool (default: ./jira-access-demo)")
    Path dir = Path.of("jira-access-demo");

    @Option(names = "--elasticsearch-url", paramLabel = "URL", description = "a running Elasticsearch 8.x (default: a local node)")
    URI elasticsearchUrl;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT", description = "the admin API (default: 127.0.0.1:8088)")
    String adminListen = "127.0.0.1:8088";

    @Option(names = "--build-every", paramLabel = "SECONDS", description = "one CI build every this many seconds (default: 2)")
    int buildEvery = 2;

    @Option(names = "--seed", description = "drives the workload's choices (default: 42)")
    long seed = 42;

    @Option(names = "--enforce", description = "let enforcement revoke violating tokens (default: dry run, alerts only)")
    boolean enforce;

    @Option(names = "--report-every", paramLabel = "SECONDS",
            description = "write the HTML compliance report into DIR this often (default: 60)")
    int reportEvery = 60;

    @Override
    public Integer call() throws Exception {
        if (buildEvery < 1 || buildEvery > 3600) {
            throw new ConfigurationException("--build-every must be between 1 and 3600 seconds");
        }
        if (reportEvery < 5 || reportEvery > 3600) {
            throw new ConfigurationException("--report-every must be between 5 and 3600 seconds");
        }
        // the workload strays into forbidden projects and keeps using a revoked token on purpose: keep the client's
        // notes about it out of the demo's console
        System.setProperty("org.slf4j.simpleLogger.log.io.jiraaccess.core.http.JiraClient", "warn");
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir.toAbsolutePath().normalize();
        Files.createDirectories(work);
        JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
        DemoWorkload workload = null;
        DaemonApplication app = null;
        DemoReport report = null;
        try {
            workload = DemoWorkload.builder(sim, work.resolve("spool")).seed(seed)
                    .tag("demo-" + TAG.format(sim.now())).build();
            DaemonConfig config = new DaemonConfigParser(SecretReferences.fromMap(workload.world().secrets()))
                    .parse("(demo)", yaml(work, sim), work);
            app = DaemonApplication.start(config, new DaemonApplication.Options());
            // the workload's events are on the simulator's clock: so is the report's period
            report = new DemoReport(app.elasticsearch(), config.policy(), work.resolve(DemoReport.FILE), sim.now(),
                    sim.clock());
            workload.start(Duration.ofSeconds(buildEvery));
            report.start(Duration.ofSeconds(reportEvery));
            printWhereToLook(out, app, sim, work, report.file());
            CountDownLatch stopped = new CountDownLatch(1);
            DemoWorkload w = workload;
            DaemonApplication a = app;
            DemoReport r = report;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(w, r, a, sim);
                stopped.countDown();
            }, "audit-daemon-demo-shutdown"));
            stopped.await();
            return 0;
        } catch (Exception | Error e) {
            stop(workload, report, app, sim);
            throw e;
        }
    }

    private String yaml(Path work, JiraSimulator sim) {
        String site = sim.baseUrl();
        String es = elasticsearchUrl == null ? "" : "elasticsearch: { url: \"" + elasticsearchUrl + "\" }\n";
        return es + """
                state: { dir: "%s" }
                spool: { dir: "%s", poll: "0/5 * * * * ?" }
                admin: { listen: "%s" }
                jira:
                  - name: demo-dc
                    flavor: datacenter
                    credential: { kind: pat, site: "%s", token: "${env:%s}" }
                    auditPoll: "0/15 * * * * ?"
                    tokensPoll: "5/30 * * * * ?"
                    auditLookbackHours: 1
                  - name: demo-cloud
                    flavor: cloud
                    credential: { kind: api-token, site: "%s", email: "%s", token: "${env:%s}" }
                    orgId: "%s"
                    orgAdminKey: "${env:%s}"
                    adminApiUrl: "%s"
                    auditPoll: "7/15 * * * * ?"
                    tokensPoll: "20/30 * * * * ?"
                    auditLookbackHours: 1
                policy: { enforce: %s, schedule: "10/30 * * * * ?" }
                """.formatted(work.resolve("state"), work.resolve("spool"), adminListen, site, DemoWorld.ADMIN_PAT,
                site, DemoWorld.ADMIN_EMAIL, DemoWorld.ADMIN_API_TOKEN, sim.orgId(), DemoWorld.ORG_ADMIN_KEY, site, enforce);
    }

    private void printWhereToLook(PrintWriter out, DaemonApplication app, JiraSimulator sim, Path work, Path report) {
        String es = app.elasticsearchUrl().toString().replaceAll("/$", "");
        URI admin = app.adminUrl();
        Path tokenFile = app.adminToken().file();
        String bearer = tokenFile != null ? "$(cat " + tokenFile + ")" : "<the admin token you configured>";
        out.println();
        out.println("Jira Access demo is running. Ctrl-C stops everything it started.");
        out.println("  Jira simulator (Cloud and Data Center): " + sim.baseUrl()
                + "  (throwaway users and tokens; none is printed)");
        out.println("  CI workload: a build every " + buildEvery + " s on jenkins-main, jenkins-release, jenkins-legacy,"
                + " spooled to " + work.resolve("spool"));
        out.println("  Elasticsearch: " + es);
        out.println("  indices: jira-access-events (alias of jira-access-events-YYYY.MM.DD), jira-access-credentials,"
                + " jira-access-deadletter");
        out.println("  admin API: " + admin + "/health and " + admin + "/metrics; bearer token in "
                + (tokenFile != null ? tokenFile : "admin.token"));
        out.println("  enforcement: " + (enforce ? "enforcing (revokes violating tokens)" : "dry run (alerts only)")
                + " every 30 s");
        out.println("  compliance report (HTML, open it in a browser; no Kibana needed): " + report
                + " (written every " + reportEvery + " s)");
        out.println("With a Kibana 8.x, import the dashboards: java -jar " + jar()
                + " import-dashboards --kibana-url KIBANA_URL [--api-key KEY | --user USER --password PASSWORD]");
        out.println("Try:");
        out.println("  curl -s '" + es + "/jira-access-events/_search?size=0&pretty' -H 'Content-Type: application/json'"
                + " -d '{\"aggs\":{\"datasets\":{\"terms\":{\"field\":\"event.dataset\"}},"
                + "\"actions\":{\"terms\":{\"field\":\"event.action\"}}}}'");
        out.println("  curl -s '" + es + "/jira-access-events/_search?q=event.action:basic_auth.used&size=3&pretty'");
        out.println("  curl -s '" + es + "/jira-access-credentials/_search?q=jira_access.credential.status:active"
                + "&size=5&pretty'");
        out.println("  curl -s -H \"Authorization: Bearer " + bearer + "\" " + admin + "/health");
        out.println("  curl -s -X POST -H \"Authorization: Bearer " + bearer + "\" -H 'Content-Type: application/json' "
                + admin + "/revoke -d '{\"owner\":\"bob\",\"dryRun\":true}'");
        out.println("Documents of every dataset arrive within a minute.");
        out.flush();
    }

    /** This jar, as the command that runs it names it; the build's path when run from classes. */
    private static String jar() {
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.toString().endsWith(".jar")) {
                return code.toString();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the build's path
        }
        return "audit-daemon/target/audit-daemon.jar";
    }

    private static void stop(DemoWorkload workload, DemoReport report, DaemonApplication app, JiraSimulator sim) {
        if (workload != null) {
            workload.close();
        }
        if (report != null) {
            report.close();
        }
        if (app != null) {
            app.close();
        }
        sim.close();
    }
}
