package io.jiraaccess.daemon.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.inventory.ManagedTokens;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.daemon.spool.SpoolDrop;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.daemon.testing.SpoolEvents;
import io.jiraaccess.sim.control.UserSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Enforcement against the simulator, its clock moved forward: the exact alerts and revocations, as the spool and
 * the simulator's {@code /_sim/tokens} and {@code /_sim/api-tokens} show them.
 */
class EnforcerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DaemonConfig.Policy DRY = new DaemonConfig.Policy(90, 14, 30, false, false, "0 * * * * ?");
    private static final DaemonConfig.Policy ENFORCE = new DaemonConfig.Policy(90, 14, 30, false, true, "0 * * * * ?");

    @TempDir
    Path dir;

    private final SimJira jira = SimJira.fresh();
    private Instant t0;
    private long oldPat;
    private long idlePat;
    private long soonPat;
    private String legacyToken;
    private String laptopToken;

    /**
     * ci-bot's PATs: {@code old-token} (100 days old, never used), {@code idle-token} (40 days, never used),
     * {@code soon-token} (expires in 10 days), {@code fresh-token}; bob's Cloud API tokens: {@code legacy} (120 days
     * old), {@code laptop} (expires in 5 days).
     */
    @BeforeEach
    void world() {
        t0 = jira.sim.now().truncatedTo(ChronoUnit.MILLIS);
        jira.sim.addUser(UserSpec.named("ci-bot").password("ci-bot-pw-19").projects("DEMO"));
        jira.sim.addUser(UserSpec.named("bob").email("bob@example.com").projects("DEMO"));
        oldPat = jira.sim.createPat("ci-bot", "old-token", t0.minus(Duration.ofDays(100)), null).token().id();
        idlePat = jira.sim.createPat("ci-bot", "idle-token", t0.minus(Duration.ofDays(40)), t0.plus(Duration.ofDays(50)))
                .token().id();
        soonPat = jira.sim.createPat("ci-bot", "soon-token", t0, t0.plus(Duration.ofDays(10))).token().id();
        jira.sim.createPat("ci-bot", "fresh-token", t0, t0.plus(Duration.ofDays(60)));
        legacyToken = jira.sim.addApiToken("bob", "legacy", "bob-legacy-token-0a1b", t0.minus(Duration.ofDays(120)),
                t0.plus(Duration.ofDays(200)));
        laptopToken = jira.sim.addApiToken("bob", "laptop", "bob-laptop-token-2c3d", t0, t0.plus(Duration.ofDays(5)));
    }

    private Enforcer enforcer(DaemonConfig.Policy policy) {
        DaemonConfig config = jira.config(dir, "");
        JiraSites sites = jira.sites(config, jira.sim.clock());
        List<Enforcer.Target> targets = new ArrayList<>();
        sites.sites().forEach(s -> targets.add(new Enforcer.Target(s.name(), s.inventory())));
        return new Enforcer(policy, targets, new ManagedTokens(ManagedTokens.DEFAULT_PREFIXES, Set::of),
                new SpoolDrop(dir.resolve("spool"), "enforcement", jira.sim.clock()), jira.sim.clock());
    }

    @Test
    void aDryRunAlertsOncePerDayAndRevokesNothing() throws Exception {
        Enforcer e = enforcer(DRY);
        e.run();
        e.run();
        List<AuditEvent> events = SpoolEvents.read(dir.resolve("spool"));

        Set<String> expected = Set.of(
                "credential.expiring expiring pat soon-token",
                "credential.expiring expiring api-token laptop",
                "policy.violation max-age pat old-token",
                "policy.violation unused pat old-token",
                "policy.violation unused pat idle-token",
                "policy.violation max-age api-token legacy",
                "policy.violation unused api-token legacy");
        assertEquals(expected, summaries(events));
        assertEquals(14, events.size(), "two evaluations wrote the same seven alerts");
        assertEquals(7, events.stream().map(AuditEvent::id).distinct().count(), "with the same ids: no new alert");
        for (AuditEvent ev : events) {
            assertEquals("jira_access.enforcement", ev.dataset());
            if (ev.action().equals("policy.violation")) {
                assertEquals(List.of("dry-run", "would-revoke"), ev.get("tags"));
            }
        }
        assertEquals(Set.of(), revokedPats());
        assertEquals(Set.of(), revokedApiTokens());
        assertNoSecrets();
    }

    @Test
    void expiryAlertsComeOnceAtTheExpiryTimeAfterTheClockPassesIt() throws Exception {
        jira.sim.advanceClock(Duration.ofDays(11));
        enforcer(DRY).run();
        enforcer(DRY).run();
        List<AuditEvent> expired = SpoolEvents.read(dir.resolve("spool")).stream()
                .filter(e -> e.action().equals("credential.expired")).toList();

        assertEquals(4, expired.size());
        assertEquals(Set.of("credential.expired expired pat soon-token", "credential.expired expired api-token laptop"),
                summaries(expired));
        assertEquals(2, expired.stream().map(AuditEvent::id).distinct().count());
        assertEquals(Set.of(t0.plus(Duration.ofDays(10)), t0.plus(Duration.ofDays(5))),
                expired.stream().map(AuditEvent::timestamp).collect(Collectors.toSet()));
    }

    @Test
    void enforcingRevokesExactlyTheViolatingTokensThroughTheJiraApi() throws Exception {
        jira.sim.advanceClock(Duration.ofDays(11));
        EnforcementReport report = enforcer(ENFORCE).run();
        List<AuditEvent> revoked = SpoolEvents.read(dir.resolve("spool")).stream()
                .filter(e -> e.action().equals("credential.revoked")).toList();

        assertEquals(Set.of(Long.toString(oldPat), Long.toString(idlePat)), revokedPats());
        assertEquals(Set.of(legacyToken), revokedApiTokens());
        assertEquals(3, report.count(EnforcementReport.Action.REVOKED));
        assertEquals(Set.of("credential.revoked max-age,unused pat old-token",
                "credential.revoked unused pat idle-token", "credential.revoked max-age,unused api-token legacy"),
                summaries(revoked));
        revoked.forEach(e -> assertEquals("success", e.outcome()));
        revoked.forEach(e -> assertEquals("enforcement", e.getString("jira_access.enforcement.initiator")));

        enforcer(ENFORCE).run();
        assertEquals(3, SpoolEvents.read(dir.resolve("spool")).stream()
                .filter(e -> e.action().equals("credential.revoked")).count(), "revoked tokens are not revoked again");
        assertEquals(Set.of(Long.toString(oldPat), Long.toString(idlePat)), revokedPats());
        assertNoSecrets();
    }

    @Test
    void theAdministratorsOwnTokensAreAlertedOnButNotRevokedAutomatically() throws Exception {
        long adminOld = jira.sim.createPat(SimJira.ADMIN, "old-admin-script", t0.minus(Duration.ofDays(100)), null)
                .token().id();
        EnforcementReport report = enforcer(ENFORCE).run();

        assertFalse(revokedPats().contains(Long.toString(adminOld)));
        assertEquals(Set.of(Long.toString(oldPat), Long.toString(idlePat)), revokedPats());
        EnforcementReport.Finding f = report.findings().stream().filter(x -> x.token().name().equals("old-admin-script"))
                .findFirst().orElseThrow();
        assertEquals(EnforcementReport.Action.ALERTED, f.action());
        assertEquals(List.of("max-age", "unused"), f.rules());
        assertEquals(2, SpoolEvents.read(dir.resolve("spool")).stream().filter(e -> e.action().equals("policy.violation")
                && "old-admin-script".equals(e.getString("jira_access.credential.name"))).count());
    }

    @Test
    void revokeUnmanagedTakesTokensNoJiraAccessCredentialHoldsAndLeavesManagedNames() throws Exception {
        long managed = jira.sim.createPat("ci-bot", "jira-access-ci-rot20260101T000000Z-a1b2c3", t0,
                t0.plus(Duration.ofDays(60))).token().id();
        DaemonConfig.Policy policy = new DaemonConfig.Policy(3650, 0, 3650, true, true, "0 * * * * ?");
        enforcer(policy).run();

        Set<String> revoked = revokedPats();
        assertFalse(revoked.contains(Long.toString(managed)));
        assertFalse(revoked.contains(Long.toString(jira.adminPatId)), "jira-access-audit is a managed name");
        assertEquals(Set.of(Long.toString(oldPat), Long.toString(idlePat), Long.toString(soonPat), freshId()), revoked);
        assertEquals(Set.of(legacyToken, laptopToken), revokedApiTokens(),
                "every Cloud API token but the administrator's own (the daemon reads the audit log with it)");
        assertFalse(revokedApiTokens().contains(adminApiTokenId()));
    }

    private String freshId() {
        return jira.sim.tokens().stream().filter(t -> t.name().equals("fresh-token")).findFirst().orElseThrow().id() + "";
    }

    private String adminApiTokenId() {
        return jira.sim.apiTokens().stream().filter(t -> t.label().equals("audit-daemon")).findFirst().orElseThrow().id();
    }

    /** "action rule kind name" for each event. */
    private static Set<String> summaries(List<AuditEvent> events) {
        return events.stream().map(e -> e.action() + " " + e.getString("jira_access.policy.rule") + " "
                + e.getString("jira_access.credential.kind") + " " + e.getString("jira_access.credential.name"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> revokedPats() throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode t : simGet("/_sim/tokens")) {
            if (!t.path("revokedAt").isNull()) {
                out.add(t.path("id").asText());
            }
        }
        return out;
    }

    private Set<String> revokedApiTokens() throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode t : simGet("/_sim/api-tokens")) {
            if (!t.path("revokedAt").isNull()) {
                out.add(t.path("id").asText());
            }
        }
        return out;
    }

    private JsonNode simGet(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jira.sim.baseUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private void assertNoSecrets() {
        String text = SpoolEvents.text(dir.resolve("spool"));
        for (String s : jira.secrets()) {
            assertFalse(text.contains(s));
        }
    }
}
