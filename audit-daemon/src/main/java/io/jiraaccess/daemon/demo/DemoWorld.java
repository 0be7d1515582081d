package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.ConnectAppSpec;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.control.UserSpec;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jira the demo workload runs against, seeded into a fresh {@link JiraSimulator}: four projects with issues,
 * CI users with personal access tokens and Cloud API tokens of varied ages and expiries (some created months before
 * the simulator started, some expiring within days), an OAuth service account, an OAuth app with a refresh token,
 * a Connect app, and an administrator whose credentials the audit daemon polls with.
 * <p>Secrets are random for every world and exist only in this simulator; they are handed out as
 * {@link SecretValue}s (redacted when printed) and through {@link #secrets()} for {@code ${env:NAME}} references.
 */
public final class DemoWorld {
    /** The Jira administrator (Data Center username, Cloud email) the daemon polls the audit log and inventories as. */
    public static final String ADMIN_USER = "jira-admin";
    public static final String ADMIN_EMAIL = "jira-admin@example.com";
    /** Name of the administrator's PAT (the daemon's Data Center credential). */
    public static final String ADMIN_PAT_NAME = "jira-access-audit-daemon";
    /** Label of the administrator's Cloud API token (the daemon's Cloud credential). */
    public static final String ADMIN_API_TOKEN_LABEL = "audit-daemon";
    public static final List<String> PROJECTS = List.of("DEMO", "OPS", "MOB", "SEC");

    /** Environment-style names of the secrets, as the credential files reference them. */
    static final String CI_PAT = "DEMO_CI_PAT";
    static final String RELEASE_PAT = "DEMO_RELEASE_PAT";
    static final String NIGHTLY_PAT = "DEMO_NIGHTLY_PAT";
    static final String CLEANUP_PAT = "DEMO_CLEANUP_PAT";
    static final String BOB_TOKEN = "DEMO_BOB_TOKEN";
    static final String CAROL_TOKEN = "DEMO_CAROL_TOKEN";
    static final String DEPLOY_SECRET = "DEMO_DEPLOY_CLIENT_SECRET";
    static final String REPORTING_SECRET = "DEMO_REPORTING_CLIENT_SECRET";
    static final String CONNECT_SECRET = "DEMO_CONNECT_SHARED_SECRET";
    public static final String ADMIN_PASSWORD = "DEMO_ADMIN_PASSWORD";
    public static final String ADMIN_PAT = "DEMO_ADMIN_PAT";
    public static final String ADMIN_API_TOKEN = "DEMO_ADMIN_API_TOKEN";
    public static final String ORG_ADMIN_KEY = "DEMO_ORG_ADMIN_KEY";

    private final JiraSimulator sim;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    /** Secrets no credential references (other users' passwords, tokens nothing uses): only leak scans need them. */
    private final List<String> unreferenced = new ArrayList<>();
    /** User (or OAuth client id) and secret of every pair that may travel as HTTP Basic. */
    private final Map<String, String> basicPairs = new LinkedHashMap<>();
    private final Map<String, Long> patIds = new LinkedHashMap<>();
    private final Map<String, Instant> apiTokenExpiries = new LinkedHashMap<>();
    private final Instant seededAt;
    private final int reportingRedirectPort;

    private DemoWorld(JiraSimulator sim, int reportingRedirectPort) {
        this.sim = sim;
        this.seededAt = sim.now();
        this.reportingRedirectPort = reportingRedirectPort;
    }

    /**
     * Seeds {@code sim}, which must not hold these users yet.
     *
     * @param reportingRedirectPort the loopback port registered as the OAuth app's redirect URI (the workload's
     *                              one-time consent listens there)
     */
    static DemoWorld seed(JiraSimulator sim, int reportingRedirectPort) {
        DemoWorld w = new DemoWorld(sim, reportingRedirectPort);
        w.seed();
        return w;
    }

    private void seed() {
        Instant now = seededAt.truncatedTo(ChronoUnit.MILLIS);
        sim.addProject("DEMO", "Demo platform");
        sim.addProject("OPS", "Operations");
        sim.addProject("MOB", "Mobile apps");
        sim.addProject("SEC", "Security (restricted)");

        String adminApiToken = basic(ADMIN_EMAIL, secret(ADMIN_API_TOKEN, "ATATT3x"));
        sim.addUser(UserSpec.named(ADMIN_USER).displayName("Jira Administrator").email(ADMIN_EMAIL)
                .password(basic(ADMIN_USER, secret(ADMIN_PASSWORD, "demo-")))
                .apiToken(adminApiToken, now.plus(Duration.ofDays(365)))
                .apiTokenLabel(ADMIN_API_TOKEN_LABEL).projects("DEMO", "OPS", "MOB", "SEC").admin(true));
        sim.addUser(UserSpec.named("ci-bot").displayName("CI Service Account").email("ci-bot@example.com")
                .password(basic("ci-bot", unreferenced("demo-"))).projects("DEMO", "OPS", "MOB"));
        sim.addUser(UserSpec.named("ops-bot").displayName("Ops Automation").email("ops-bot@example.com")
                .password(basic("ops-bot", unreferenced("demo-"))).projects("OPS", "DEMO"));
        sim.addUser(UserSpec.named("bob").displayName("Bob Builder").email("bob@example.com").projects("DEMO", "MOB"));
        sim.addUser(UserSpec.named("carol").displayName("Carol Release").email("carol@example.com")
                .projects("MOB", "DEMO"));
        sim.addUser(UserSpec.named("svc-deploy").displayName("Deploy Service").email("svc-deploy@example.com")
                .projects("DEMO", "OPS"));

        pat(ADMIN_PAT, ADMIN_USER, ADMIN_PAT_NAME, now, now.plus(Duration.ofDays(365)));
        // the rotated CI token: named as rotation.tokenName so rotation recognises it
        pat(CI_PAT, "ci-bot", "jira-access-dc-ci-pat", now, now.plus(Duration.ofDays(60)));
        pat(RELEASE_PAT, "ci-bot", "jenkins-release-changelog", now, now.plus(Duration.ofDays(9)));
        pat(NIGHTLY_PAT, "ops-bot", "nightly-sync", now.minus(Duration.ofDays(120)), now.plus(Duration.ofDays(245)));
        pat(CLEANUP_PAT, "ops-bot", "legacy-cleanup", now.minus(Duration.ofDays(45)), now.plus(Duration.ofDays(45)));
        var forgotten = sim.createPat("ci-bot", "forgotten-token", now.minus(Duration.ofDays(200)), null);
        unreferenced.add(forgotten.rawToken());
        patIds.put("forgotten-token", forgotten.token().id());

        sim.addApiToken("bob", "ci-pipeline", basic("bob@example.com", secret(BOB_TOKEN, "ATATT3x")), now,
                expiry("ci-pipeline", now.plus(Duration.ofDays(10))));
        sim.addApiToken("bob", "laptop", unreferenced("ATATT3x"), now, now.plus(Duration.ofDays(5)));
        sim.addApiToken("bob", "old-script", unreferenced("ATATT3x"), now.minus(Duration.ofDays(150)),
                now.plus(Duration.ofDays(215)));
        sim.addApiToken("carol", "release-bot", basic("carol@example.com", secret(CAROL_TOKEN, "ATATT3x")),
                now.minus(Duration.ofDays(100)), expiry("release-bot", now.plus(Duration.ofDays(265))));

        sim.addOAuthClient(OAuthClientSpec.of("deploy-service", basic("deploy-service", secret(DEPLOY_SECRET, "demo-")),
                        "svc-deploy")
                .name("Deploy service account").scopes("READ", "WRITE"));
        sim.addOAuthClient(OAuthClientSpec.of("reporting-app", basic("reporting-app", secret(REPORTING_SECRET, "demo-")),
                        "carol")
                .name("Weekly reporting").scopes("READ")
                .redirectUris("http://127.0.0.1:" + reportingRedirectPort + "/callback"));
        sim.addConnectApp(new ConnectAppSpec("io.jiraaccess.demo.sync", secret(CONNECT_SECRET, ""),
                "Jira Access demo sync app", List.of("DEMO", "OPS")));
        sim.addAdminKey(secret(ORG_ADMIN_KEY, "demo-admin-"));

        String reporter = sim.user(ADMIN_USER).accountId();
        for (String project : PROJECTS) {
            for (int i = 1; i <= 3; i++) {
                sim.directory().addIssue(project, project + " demo issue " + i, null, "Task", reporter, now);
            }
        }
    }

    private Instant expiry(String label, Instant at) {
        apiTokenExpiries.put(label, at);
        return at;
    }

    /** When a seeded Cloud API token expires, by label: the credential files record it, as operators do. */
    Instant apiTokenExpiry(String label) {
        return apiTokenExpiries.get(label);
    }

    private void pat(String secretName, String user, String name, Instant createdAt, Instant expiresAt) {
        var minted = sim.createPat(user, name, createdAt, expiresAt);
        secrets.put(secretName, minted.rawToken());
        patIds.put(name, minted.token().id());
    }

    private String secret(String name, String prefix) {
        String value = random(prefix);
        secrets.put(name, value);
        return value;
    }

    private String unreferenced(String prefix) {
        String value = random(prefix);
        unreferenced.add(value);
        return value;
    }

    /** Notes that {@code user:secret} may be sent as HTTP Basic (Jira Basic auth, OAuth client authentication). */
    private String basic(String user, String secret) {
        basicPairs.put(user, secret);
        return secret;
    }

    private static String random(String prefix) {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    public JiraSimulator simulator() {
        return sim;
    }

    /** The simulator's base URL: the site of every credential, Cloud and Data Center alike. */
    public String site() {
        return sim.baseUrl();
    }

    /** When the world was seeded (simulator time). */
    public Instant seededAt() {
        return seededAt;
    }

    /** Jira's id of a seeded PAT by its name ({@code forgotten-token}, {@code legacy-cleanup}, ...). */
    public long patId(String name) {
        Long id = patIds.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no seeded PAT named '" + name + "'; the names are " + patIds.keySet());
        }
        return id;
    }

    /** A secret by its reference name, e.g. {@link #ADMIN_PAT}; never print it. */
    public SecretValue secret(String name) {
        String v = secrets.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no demo secret named '" + name + "'");
        }
        return SecretValue.of(v);
    }

    /** Every secret by reference name, for {@code SecretReferences.fromMap}: throwaway values of this simulator. */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /**
     * Every secret of this world: the ones {@link #secrets()} names and those nothing references (the other users'
     * passwords, API tokens and PATs nothing uses). Throwaway values of this simulator, for leak scans; never print them.
     */
    public List<String> everySecret() {
        List<String> all = new ArrayList<>(secrets.values());
        all.addAll(unreferenced);
        return all;
    }

    /**
     * User (Cloud email, Data Center username, OAuth client id) and secret of every pair of this world that may travel
     * as HTTP Basic, whose header holds {@code base64(user:secret)}: for leak scans; never print them.
     */
    public Map<String, String> basicPairs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(basicPairs));
    }

    int reportingRedirectPort() {
        return reportingRedirectPort;
    }
}
