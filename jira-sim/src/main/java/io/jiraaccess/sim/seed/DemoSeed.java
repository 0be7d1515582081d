package io.jiraaccess.sim.seed;

import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.ConnectAppSpec;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.model.Secrets;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code --seed demo}: a small, realistic site. Passwords, tokens and client secrets are random for each start;
 * the ones a demo user needs are printed once, in a block marked demo-only. Nothing else prints a secret.
 */
public final class DemoSeed {

    private DemoSeed() {
    }

    public static void apply(JiraSimulator sim, PrintStream out) {
        Instant now = sim.now();
        sim.addProject("DEMO", "Demo project");
        sim.addProject("OPS", "Operations");
        sim.addProject("SEC", "Security");

        String alicePassword = "demo-" + Secrets.randomToken(9);
        String bobToken = "ATATT3xFfGF0" + Secrets.randomToken(24);
        String clientSecret = "demo-" + Secrets.randomToken(18);
        String adminKey = "demo-admin-" + Secrets.randomToken(18);
        String connectSecret = Secrets.randomToken(32);

        User alice = sim.addUser(UserSpec.named("alice").displayName("Alice Admin").email("alice@example.com")
                .password(alicePassword).projects("DEMO", "OPS", "SEC").admin(true));
        User bob = sim.addUser(UserSpec.named("bob").displayName("Bob Builder").email("bob@example.com")
                .apiToken(bobToken, now.plus(Duration.ofDays(300))).apiTokenLabel("ci-pipeline").projects("DEMO"));
        sim.addApiToken("bob", "laptop", "ATATT3xFfGF0" + Secrets.randomToken(24), now.plus(Duration.ofDays(5)));
        sim.addApiToken("bob", "old-script", "ATATT3xFfGF0" + Secrets.randomToken(24), now.minus(Duration.ofDays(3)));
        User ci = sim.addUser(UserSpec.named("ci-bot").displayName("CI Service Account").email("ci-bot@example.com")
                .password("demo-" + Secrets.randomToken(12)).projects("DEMO", "OPS"));

        TokenRegistry.MintedPat alicePat = sim.createPat("alice", "demo-rotation", 90);
        sim.createPat("ci-bot", "jenkins-main", 30);
        sim.createPat("ci-bot", "forgotten-token", null);

        sim.addOAuthClient(OAuthClientSpec.of("demo-ci", clientSecret, "ci-bot")
                .name("Demo CI service account")
                .redirectUris("http://127.0.0.1:8765/callback")
                .scopes("read:jira-work", "write:jira-work", "read:jira-user", "READ", "WRITE"));
        User app = sim.addConnectApp(new ConnectAppSpec("io.jiraaccess.demo", connectSecret, "Jira Access demo app",
                List.of("DEMO")));
        sim.addAdminKey(adminKey);

        var directory = sim.directory();
        directory.addIssue("DEMO", "Set up the CI pipeline", null, "Task", alice.accountId(), now);
        directory.addIssue("DEMO", "Rotate the Jenkins PAT", null, "Story", bob.accountId(), now);
        directory.addIssue("OPS", "Database failover drill", null, "Task", ci.accountId(), now);
        directory.addIssue("SEC", "Review legacy Basic auth users", null, "Bug", alice.accountId(), now);

        out.println("jira-sim demo world:");
        out.println("  projects: DEMO, OPS, SEC (4 issues)");
        out.println("  users: alice (admin; DEMO, OPS, SEC; " + alice.accountId() + "), bob (DEMO; "
                + bob.accountId() + "), ci-bot (DEMO, OPS; " + ci.accountId() + "), app user "
                + app.accountId());
        out.println("  API tokens (bob): ci-pipeline (300 days), laptop (expires in 5 days), old-script (expired)");
        out.println("  PATs: alice/demo-rotation (90 days), ci-bot/jenkins-main (30 days), ci-bot/forgotten-token (never expires)");
        out.println("  OAuth client: demo-ci (client_credentials as ci-bot; redirect http://127.0.0.1:8765/callback)");
        out.println("  Connect app: io.jiraaccess.demo (DEMO)");
        out.println("  org " + sim.orgId() + ", cloudId " + sim.cloudId());
        out.println("---- DEMO ONLY: throwaway credentials of this simulator run, never real ones ----");
        out.println("  alice password (Data Center Basic):  " + alicePassword);
        out.println("  alice PAT demo-rotation (Bearer):     " + alicePat.rawToken());
        out.println("  bob@example.com API token (Cloud):    " + bobToken);
        out.println("  demo-ci client secret:                " + clientSecret);
        out.println("  org admin API key:                    " + adminKey);
        out.println("---- END DEMO ONLY ----");
    }
}
