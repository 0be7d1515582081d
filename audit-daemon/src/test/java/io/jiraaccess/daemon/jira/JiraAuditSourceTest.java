package io.jiraaccess.daemon.jira;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.control.UserSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jira audit sources against the simulator's Cloud and Data Center audit APIs. */
class JiraAuditSourceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final SimJira jira = SimJira.fresh();
    private String bobTokenId;

    /** bob uses his Cloud API token 3 times, ci-bot his PAT twice, and one wrong password fails. */
    private void traffic() throws Exception {
        jira.sim.addUser(UserSpec.named("bob").email("bob@example.com").projects("DEMO"));
        bobTokenId = jira.sim.addApiToken("bob", "ci-pipeline", "bob-api-token-1f8e2a", jira.sim.now().plus(Duration.ofDays(30)));
        jira.sim.addUser(UserSpec.named("ci-bot").password("ci-bot-pw-77").projects("DEMO"));
        String pat = jira.sim.createPat("ci-bot", "ci", 30).rawToken();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("Basic " + basic("bob@example.com", "bob-api-token-1f8e2a")));
        }
        assertEquals(200, get("Bearer " + pat));
        assertEquals(200, get("Bearer " + pat));
        assertEquals(401, get("Basic " + basic("ci-bot", "wrong")));
    }

    @Test
    void cloudAuditRecordsAreReadExactlyOnceAndApiTokenLoginsBecomeBasicAuthUsed() throws Exception {
        traffic();
        DaemonConfig config = jira.config(dir, "");
        JiraAuditSource source = source(config, "corp-cloud");
        List<AuditEvent> events = drain(source, 500);

        List<String> ids = events.stream().map(AuditEvent::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no duplicates");
        Set<String> expected = jira.sim.auditEntries().stream().map(e -> jira.sim.baseUrl() + ":" + e.id())
                .collect(Collectors.toSet());
        assertEquals(expected, new HashSet<>(ids), "every record of the audit log, exactly");

        long apiTokenLogins = jira.sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.LOGIN
                && "api-token".equals(e.auth().authType())).count();
        List<AuditEvent> basic = events.stream().filter(e -> "basic_auth.used".equals(e.action())).toList();
        assertEquals(apiTokenLogins, basic.size());
        List<AuditEvent> bob = basic.stream().filter(e -> "bob".equals(e.getString("user.name"))).toList();
        assertEquals(3, bob.size());
        for (AuditEvent e : bob) {
            assertEquals("jira_access.jira_audit", e.dataset());
            assertEquals(List.of("authentication"), e.get("event.category"));
            assertEquals("success", e.outcome());
            assertEquals("127.0.0.1", e.getString("source.ip"));
            assertEquals(bobTokenId, e.getString("jira_access.credential.token_id"));
            assertEquals("ci-pipeline", e.getString("jira_access.credential.name"));
            assertEquals("api-token", e.getString("jira_access.credential.kind"));
            assertEquals("api-token", e.getString("jira_access.jira_audit.auth.type"));
            assertEquals(jira.sim.user("bob").accountId(), e.getString("user.id"));
            assertEquals("cloud", e.getString("jira_access.jira.flavor"));
        }
        AuditEvent failed = only(events, e -> "User authentication failed".equals(e.getString("jira_access.jira_audit.summary")));
        assertEquals("jira.audit", failed.action());
        assertEquals("failure", failed.outcome());
        assertEquals(List.of("authentication"), failed.get("event.category"));
        assertEquals(2, events.stream().filter(e -> "personal-access-token".equals(e.getString("jira_access.jira_audit.auth.type"))
                && "jira.audit".equals(e.action())).count() - adminPatLogins(), "ci-bot's two PAT logins are not Basic");
        assertNoSecrets(events);
    }

    @Test
    void dataCenterAuditEventsAreReadExactlyOnceWithHashIds() throws Exception {
        traffic();
        DaemonConfig config = jira.config(dir, "");
        JiraAuditSource source = source(config, "corp-dc");
        List<AuditEvent> events = drain(source, 4);

        List<String> ids = events.stream().map(AuditEvent::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no duplicates");
        List<AuditEntry> all = jira.sim.auditEntries();
        assertEquals(all.size(), events.size(), "one event per audit entry");
        Map<String, Long> expectedActions = all.stream().collect(Collectors.groupingBy(e -> e.kind().action(),
                TreeMap::new, Collectors.counting()));
        Map<String, Long> actions = events.stream().collect(Collectors.groupingBy(
                e -> e.getString("jira_access.jira_audit.summary"), TreeMap::new, Collectors.counting()));
        assertEquals(expectedActions, actions);
        assertEquals(3, events.stream().filter(e -> "basic_auth.used".equals(e.action())
                && "bob".equals(e.getString("user.name"))).count());
        assertTrue(ids.stream().allMatch(i -> i.matches(java.util.regex.Pattern.quote(jira.sim.baseUrl()) + ":dc:[0-9a-f]{32}(#\\d+)?")));
        assertNoSecrets(events);
    }

    @Test
    void theFirstPollReachesBackOnlyAsFarAsTheLookback() throws Exception {
        traffic();
        jira.sim.advanceClock(Duration.ofHours(30));
        assertEquals(200, get("Bearer " + jira.adminPat));
        DaemonConfig config = jira.config(dir, "");
        JiraAuditSource source = new JiraAuditSource("corp-cloud", io.jiraaccess.core.credential.JiraFlavor.CLOUD,
                jira.sim.baseUrl(), jira.site(jira.sites(config, jira.sim.clock()), "corp-cloud").audit(),
                Duration.ofHours(24), 1000, jira.sim.clock());
        List<AuditEvent> events = drain(source, 100);

        assertFalse(events.isEmpty());
        assertTrue(events.stream().allMatch(e -> !e.timestamp().isBefore(jira.sim.now().minus(Duration.ofHours(25)))),
                "nothing from 30 hours ago");
    }

    private long adminPatLogins() {
        return jira.sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.LOGIN && e.auth() != null
                && "personal-access-token".equals(e.auth().authType()) && e.author() != null
                && e.author().name().equals(SimJira.ADMIN)).count();
    }

    private JiraAuditSource source(DaemonConfig config, String name) {
        DaemonConfig.JiraSource j = config.jira().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        JiraSites sites = jira.sites(config, java.time.Clock.systemUTC());
        return new JiraAuditSource(name, j.flavor(), j.site(), jira.site(sites, name).audit(), j.auditLookback(), 1000,
                java.time.Clock.systemUTC());
    }

    /** Reads as the runner does: from the last position until the source says it is exhausted. */
    static List<AuditEvent> drain(EventSource source, int batch) {
        List<AuditEvent> out = new ArrayList<>();
        String position = null;
        for (int i = 0; i < 1000; i++) {
            SourceBatch b = source.read(position, batch);
            for (SourceRecord r : b.records()) {
                if (r instanceof SourceRecord.Event e) {
                    out.add(e.event());
                }
            }
            position = b.endPosition();
            if (b.exhausted()) {
                return out;
            }
        }
        throw new AssertionError("never exhausted");
    }

    private void assertNoSecrets(List<AuditEvent> events) {
        String all = events.stream().map(AuditEvent::toJson).collect(Collectors.joining("\n"));
        for (String s : jira.secrets()) {
            assertFalse(all.contains(s));
        }
        assertFalse(all.contains("bob-api-token-1f8e2a"));
    }

    private static AuditEvent only(List<AuditEvent> events, java.util.function.Predicate<AuditEvent> p) {
        List<AuditEvent> l = events.stream().filter(p).toList();
        assertEquals(1, l.size(), l.toString());
        return l.get(0);
    }

    private int get(String authorization) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(jira.sim.baseUrl() + "/rest/api/2/myself"))
                .header("Authorization", authorization).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String secret) {
        return Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
