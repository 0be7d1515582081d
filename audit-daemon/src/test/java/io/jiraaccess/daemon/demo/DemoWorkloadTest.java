package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.model.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoWorkloadTest {
    @TempDir
    Path dir;

    @Test
    void aSeededRunWritesEveryEventTheDashboardsNeedAndJiraAuditsTheSameBasicAuthUses() throws IOException {
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload w = DemoWorkload.builder(sim, dir.resolve("spool")).seed(42).build()) {
            DemoWorkload.Summary summary = w.runBuilds(40);
            List<AuditEvent> events = read(dir.resolve("spool"));

            assertEquals(40, summary.builds());
            assertEquals(summary.total(), events.size());
            assertEquals(Set.of("token.used", "basic_auth.used", "token.issued", "token.refreshed", "policy.violation",
                    "credential.rotated", "credential.revoked", "rotation.step"), actions(events));
            assertEquals(Map.of("jira_access.ci", summary.total() - 1, "jira_access.enforcement", 1L), summary.datasets());
            assertEquals(2, summary.count("credential.rotated"), "builds 15 and 30 are preceded by a rotation");
            assertEquals(3, events.stream().filter(e -> "credential.revoked".equals(e.action())).count(),
                    "two superseded tokens and the leaked one");
            AuditEvent incident = only(events, e -> "jira_access.enforcement".equals(e.dataset()));
            assertEquals("credential.revoked", incident.action());
            assertEquals("token exposed in a build log of ops/cleanup", incident.getString("event.reason"));
            assertEquals(Long.toString(w.world().patId("legacy-cleanup")), incident.getString("jira_access.credential.token_id"));
            assertTrue(sim.tokens().stream().anyMatch(t -> t.name().equals("legacy-cleanup") && t.revokedAt() != null));

            List<AuditEvent> basic = events.stream().filter(e -> "basic_auth.used".equals(e.action())).toList();
            assertFalse(basic.isEmpty());
            for (AuditEvent e : basic) {
                assertTrue(Set.of("bob", "carol").contains(e.getString("user.name")), e.toJson());
                assertTrue(e.getString("source.ip").startsWith("10.20.") || e.getString("source.ip").equals("203.0.113.77"));
                assertEquals("api-token", e.getString("jira_access.credential.kind"));
            }
            long basicOk = basic.stream().filter(e -> "success".equals(e.outcome())).count();
            long jiraApiTokenLogins = sim.auditEntries().stream().filter(a -> a.kind() == AuditKind.LOGIN
                    && a.auth() != null && "api-token".equals(a.auth().authType())).count();
            assertEquals(basicOk, jiraApiTokenLogins, "each successful Basic call is one api-token login in Jira's audit log");

            assertTrue(events.stream().anyMatch(e -> "token.used".equals(e.action())
                    && "api-token".equals(e.getString("jira_access.credential.kind")) && e.getString("jira_access.pipeline.job") != null));
            assertTrue(events.stream().anyMatch(e -> "policy.violation".equals(e.action()) && e.getString("event.reason") != null
                    && e.getString("jira_access.pipeline.job") != null));
            List<AuditEvent> refused = events.stream().filter(e -> "token.used".equals(e.action())
                    && Long.valueOf(401).equals(e.get("http.response.status_code"))).toList();
            assertFalse(refused.isEmpty());
            refused.forEach(e -> assertEquals("dc-cleanup-pat", e.credentialId()));
            assertEquals(Set.of("jenkins-main", "jenkins-release", "jenkins-legacy", "jira-access-daemon"),
                    events.stream().map(e -> e.getString("service.name")).collect(Collectors.toSet()));
            assertEquals(Set.of(sim.baseUrl()), events.stream().map(e -> e.getString("jira_access.jira.site"))
                    .collect(Collectors.toSet()));
            assertEquals(Set.of("cloud", "datacenter"), events.stream().map(e -> e.getString("jira_access.jira.flavor"))
                    .collect(Collectors.toSet()));
            assertEquals(Set.copyOf(w.credentialIds()), events.stream().filter(e -> "token.used".equals(e.action()))
                    .map(AuditEvent::credentialId).collect(Collectors.toSet()), "every kind of credential was used");

            String spool = spoolText(dir.resolve("spool"));
            String audit = sim.auditEntries().stream().map(AuditEntry::toString).collect(Collectors.joining("\n"));
            for (String secret : w.world().secrets().values()) {
                assertFalse(spool.contains(secret), "a secret reached the spool");
                assertFalse(audit.contains(secret), "a secret reached Jira's audit log");
            }
        }
    }

    @Test
    void withRecordingEverySecretThePatsAndApiTokensOfTheSimulatorAreAmongTheWorldsAndTheIssuedOnes() {
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload w = DemoWorkload.builder(sim, dir.resolve("spool")).seed(42).rotateEvery(5)
                     .recordIssuedSecrets().build()) {
            w.runBuilds(20);
            List<String> issued = w.issuedSecrets();
            Set<String> hashes = new java.util.HashSet<>();
            w.world().everySecret().forEach(s -> hashes.add(Secrets.hash(s)));
            issued.forEach(s -> hashes.add(Secrets.hash(s)));

            assertEquals(4, w.summary().count("credential.rotated"));
            assertEquals(6 + 4, sim.tokens().size(), "the seeded PATs and one per rotation");
            sim.tokens().forEach(t -> assertTrue(hashes.contains(t.tokenHash()), "PAT " + t.name()));
            assertEquals(5, sim.apiTokens().size());
            sim.apiTokens().forEach(t -> assertTrue(hashes.contains(t.tokenHash()), "API token " + t.label()));
            // the rotated PATs, the reporting app's refresh token(s), access tokens of both OAuth credentials
            assertTrue(issued.size() >= 4 + 1 + 2, "issued secrets: " + issued.size());
            assertTrue(w.world().basicPairs().keySet().containsAll(Set.of("bob@example.com", "carol@example.com",
                    "jira-admin@example.com", "jira-admin", "deploy-service", "reporting-app")), w.world().basicPairs().keySet().toString());
        }
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload w = DemoWorkload.builder(sim, dir.resolve("spool2")).build()) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, w::issuedSecrets,
                    "a workload not asked to record keeps no secret it obtains");
        }
    }

    @Test
    void theSameSeedGivesTheSameEvents() throws IOException {
        List<String> first = trail(dir.resolve("a"), 7);
        List<String> second = trail(dir.resolve("b"), 7);
        assertEquals(first, second);
        assertTrue(first.size() > 40, "a meaningful trail: " + first.size());
    }

    private List<String> trail(Path spool, long seed) throws IOException {
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0);
             DemoWorkload w = DemoWorkload.builder(sim, spool).seed(seed).build()) {
            w.runBuilds(25);
            List<String> out = new ArrayList<>();
            for (AuditEvent e : read(spool)) {
                out.add(String.join(" ", e.id().replace(sim.baseUrl(), "SITE"), e.action(), e.getString("service.name"),
                        e.getString("jira_access.pipeline.job"), e.getString("jira_access.pipeline.build"),
                        e.credentialId(), e.outcome(), String.valueOf(e.get("http.response.status_code"))));
            }
            out.sort(null);
            return out;
        }
    }

    /** The events of every spool file, by time. */
    static List<AuditEvent> read(Path spool) throws IOException {
        List<AuditEvent> out = new ArrayList<>();
        for (Path f : SpoolFiles.list(spool)) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    out.add(AuditEvent.fromJson(line));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(AuditEvent::timestamp));
        return out;
    }

    private static String spoolText(Path spool) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path f : SpoolFiles.list(spool)) {
            b.append(Files.readString(f));
        }
        return b.toString();
    }

    private static Set<String> actions(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::action).collect(Collectors.toCollection(TreeSet::new));
    }

    private static AuditEvent only(List<AuditEvent> events, java.util.function.Predicate<AuditEvent> p) {
        List<AuditEvent> l = events.stream().filter(p).toList();
        assertEquals(1, l.size(), l.toString());
        return l.get(0);
    }
}
