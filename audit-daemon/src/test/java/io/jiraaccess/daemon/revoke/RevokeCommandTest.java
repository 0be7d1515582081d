package io.jiraaccess.daemon.revoke;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.cli.DaemonCli;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.SpoolEvents;
import io.jiraaccess.sim.control.UserSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code audit-daemon revoke} against the simulator: secrets come from files named in the configuration, as an
 * operator would write it.
 */
class RevokeCommandTest {
    @TempDir
    Path dir;

    private final SimJira jira = SimJira.fresh();
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private long ciPat;
    private long ciRotated;
    private long alicePat;
    private String bobToken;

    @BeforeEach
    void world() throws Exception {
        jira.sim.addUser(UserSpec.named("ci-bot").password("ci-bot-pw-31").projects("DEMO"));
        jira.sim.addUser(UserSpec.named("alice").password("alice-pw-31").projects("DEMO"));
        jira.sim.addUser(UserSpec.named("bob").displayName("Bob Builder").email("bob@example.com").projects("DEMO"));
        ciPat = jira.sim.createPat("ci-bot", "laptop", 30).token().id();
        ciRotated = jira.sim.createPat("ci-bot", "jira-access-deploy-rot20260101T000000Z-a1b2c3", 60).token().id();
        alicePat = jira.sim.createPat("alice", "scripts", 30).token().id();
        bobToken = jira.sim.addApiToken("bob", "ci-pipeline", "bob-token-revoke-test-9", jira.sim.now().plus(Duration.ofDays(9)));
        Files.writeString(dir.resolve("admin-pat"), jira.adminPat);
        Files.writeString(dir.resolve("admin-api-token"), SimJira.ADMIN_API_TOKEN);
        Files.writeString(dir.resolve("org-key"), SimJira.ORG_KEY);
        String yaml = jira.jiraYaml("").replace("${env:ADMIN_PAT}", "${file:" + dir.resolve("admin-pat") + "}")
                .replace("${env:ADMIN_API_TOKEN}", "${file:" + dir.resolve("admin-api-token") + "}")
                .replace("${env:ORG_KEY}", "${file:" + dir.resolve("org-key") + "}")
                + "state: { dir: state }\nspool: { dir: spool }\n";
        config = Files.writeString(dir.resolve("daemon.yaml"), yaml);
    }

    private int run(String... args) {
        CommandLine cli = DaemonCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Set<Long> revokedPats() {
        return jira.sim.tokens().stream().filter(t -> t.revokedAt() != null).map(t -> t.id()).collect(Collectors.toSet());
    }

    @Test
    void aDryRunListsTheOwnersTokensAndRevokesNothing() {
        int code = run("revoke", "--config", config.toString(), "--owner", "ci-bot", "--dry-run");

        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("would revoke  corp-dc          pat       " + ciPat), lines.get(0));
        assertTrue(lines.get(1).startsWith("would revoke  corp-dc          pat       " + ciRotated), lines.get(1));
        assertEquals("dry run (--owner ci-bot): 2 token(s) would be revoked; nothing was changed", lines.get(2));
        assertEquals(Set.of(), revokedPats());
        assertEquals(List.of(), SpoolEvents.read(dir.resolve("spool")));
        assertNoSecrets();
    }

    @Test
    void revokingByOwnerRevokesExactlyThoseTokensAndSpoolsOneEventEach() {
        int code = run("revoke", "--config", config.toString(), "--owner", "ci-bot");

        assertEquals(0, code, err.toString());
        assertEquals(Set.of(ciPat, ciRotated), revokedPats());
        assertTrue(out.toString().contains("--owner ci-bot: 2 revoked, 0 already gone, 0 failed; credential.revoked events are in "
                + dir.resolve("spool")), out.toString());
        List<AuditEvent> events = SpoolEvents.read(dir.resolve("spool"));
        assertEquals(Set.of(Long.toString(ciPat), Long.toString(ciRotated)),
                events.stream().map(e -> e.getString("jira_access.credential.token_id")).collect(Collectors.toSet()));
        for (AuditEvent e : events) {
            assertEquals("credential.revoked", e.action());
            assertEquals("jira_access.enforcement", e.dataset());
            assertEquals("success", e.outcome());
            assertEquals("bulk", e.getString("jira_access.policy.rule"));
            assertEquals("cli", e.getString("jira_access.enforcement.initiator"));
            assertEquals("bulk revocation (--owner ci-bot) by cli", e.getString("event.reason"));
        }
        assertNoSecrets();
    }

    @Test
    void aCredentialIdTakesTheTokensItsRotationsCreated() {
        assertEquals(0, run("revoke", "--config", config.toString(), "--credential", "deploy"));
        assertEquals(Set.of(ciRotated), revokedPats());
    }

    @Test
    void aCloudOwnerIsFoundByDisplayNameAndRevokedThroughTheOrgAdminApi() {
        assertEquals(0, run("revoke", "--config", config.toString(), "--owner", "Bob Builder"));
        assertEquals(Set.of(bobToken), jira.sim.apiTokens().stream().filter(t -> t.revokedAt() != null)
                .map(t -> t.id()).collect(Collectors.toSet()));
        assertEquals(Set.of(), revokedPats());
    }

    @Test
    void allWithoutTheConfirmationFlagIsRefusedAndRevokesNothing() {
        int code = run("revoke", "--config", config.toString(), "--all");

        assertEquals(2, code);
        assertEquals("audit-daemon: --all revokes every active token of every configured Jira site; run it with "
                + "--dry-run first, then add --confirm-all to do it\n", err.toString());
        assertEquals(Set.of(), revokedPats());
    }

    @Test
    void allWithTheConfirmationRevokesEveryActiveTokenOfEverySite() {
        int code = run("revoke", "--config", config.toString(), "--all", "--confirm-all");

        assertEquals(0, code, err.toString());
        assertEquals(Set.of(ciPat, ciRotated, alicePat, jira.adminPatId), revokedPats());
        assertEquals(jira.sim.apiTokens().size(), jira.sim.apiTokens().stream().filter(t -> t.revokedAt() != null).count());
    }

    @Test
    void twoFiltersAreAUsageMistake() {
        assertEquals(2, run("revoke", "--config", config.toString(), "--owner", "bob", "--site", jira.sim.baseUrl()));
        assertEquals("audit-daemon: name exactly one of --owner NAME, --site URL, --credential ID or --all (got 2)\n",
                err.toString());
    }

    @Test
    void aRefusedAdministratorCredentialExitsWithTheAuthenticationCode() throws Exception {
        Files.writeString(dir.resolve("admin-pat"), "not-a-valid-token");
        Files.writeString(dir.resolve("org-key"), "not-a-valid-key");

        int code = run("revoke", "--config", config.toString(), "--owner", "ci-bot");

        assertEquals(3, code, out + "\n" + err);
        assertTrue(err.toString().contains("audit-daemon: corp-dc: "), err.toString());
        assertEquals(Set.of(), revokedPats());
        assertFalse(err.toString().contains("not-a-valid-token"));
    }

    private void assertNoSecrets() {
        String all = out + "\n" + err + "\n" + SpoolEvents.text(dir.resolve("spool"));
        for (String s : jira.secrets()) {
            assertFalse(all.contains(s));
        }
    }
}
