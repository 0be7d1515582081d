package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Jira simulator per test JVM, reset by each test to a Jira administrator ({@value #ADMIN}, password, Cloud API
 * token, a PAT named {@value #ADMIN_PAT_NAME}) and an org admin key: what the daemon's {@code jira:} entries need,
 * as a Data Center site ({@code corp-dc}) and a Cloud site with an org ({@code corp-cloud}) on the same simulator.
 */
public final class SimJira {
    public static final String ADMIN = "jira-admin";
    public static final String ADMIN_EMAIL = "jira-admin@example.com";
    public static final String ADMIN_PAT_NAME = "jira-access-audit";
    public static final String ADMIN_PASSWORD = "admin-Password-51d";
    public static final String ADMIN_API_TOKEN = "TESTATATT-admin-api-token-8c2f6d";
    public static final String ORG_KEY = "org-admin-key-4b9e7a1c";

    private static JiraSimulator shared;

    public final JiraSimulator sim;
    public final String adminPat;
    public final long adminPatId;
    public final Map<String, String> env = new HashMap<>();

    private SimJira() {
        sim = shared();
        sim.reset();
        sim.addProject("DEMO", "Demo");
        sim.addUser(UserSpec.named(ADMIN).displayName("Jira Admin").email(ADMIN_EMAIL).password(ADMIN_PASSWORD)
                .apiToken(ADMIN_API_TOKEN, sim.now().plus(Duration.ofDays(365))).apiTokenLabel("audit-daemon")
                .projects("DEMO").admin(true));
        var minted = sim.createPat(ADMIN, ADMIN_PAT_NAME, 365);
        adminPat = minted.rawToken();
        adminPatId = minted.token().id();
        sim.addAdminKey(ORG_KEY);
        env.put("ADMIN_PAT", adminPat);
        env.put("ADMIN_API_TOKEN", ADMIN_API_TOKEN);
        env.put("ORG_KEY", ORG_KEY);
    }

    public static SimJira fresh() {
        return new SimJira();
    }

    public static synchronized JiraSimulator shared() {
        if (shared == null) {
            shared = new JiraSimulator().start("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "jira-sim-stop"));
        }
        return shared;
    }

    /** The secrets a test must not find anywhere. */
    public List<String> secrets() {
        return List.of(adminPat, ADMIN_API_TOKEN, ORG_KEY, ADMIN_PASSWORD);
    }

    /** {@code jira:} entries for both sites, polls every second; {@code extra} is appended to each entry's map. */
    public String jiraYaml(String extra) {
        String site = sim.baseUrl();
        return """
                jira:
                  - { name: corp-dc, flavor: datacenter, auditPoll: "* * * * * ?", tokensPoll: "* * * * * ?", timeoutSeconds: 5%s,
                      credential: { kind: pat, site: "%s", token: "${env:ADMIN_PAT}" } }
                  - { name: corp-cloud, flavor: cloud, auditPoll: "* * * * * ?", tokensPoll: "* * * * * ?", timeoutSeconds: 5%s,
                      orgId: "%s", orgAdminKey: "${env:ORG_KEY}", adminApiUrl: "%s",
                      credential: { kind: api-token, site: "%s", email: "%s", token: "${env:ADMIN_API_TOKEN}" } }
                """.formatted(extra, site, extra, sim.orgId(), site, site, ADMIN_EMAIL);
    }

    /** A daemon configuration of both sites plus {@code more} top-level YAML. */
    public DaemonConfig config(Path dir, String more) {
        return new DaemonConfigParser(SecretReferences.fromMap(env)).parse("test.yaml", jiraYaml("") + more, dir);
    }

    /** The sites, clients with one quick retry: tests see failures fast. */
    public JiraSites sites(DaemonConfig config, Clock clock) {
        return JiraSites.open(config.jira(), new Fingerprinter(new byte[32]), QUICK, clock);
    }

    public static final HttpSettings QUICK = HttpSettings.DEFAULT.withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

    public JiraSites.Site site(JiraSites sites, String name) {
        return sites.sites().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
