package io.jiraaccess.daemon.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.ingest.Ingest;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.daemon.testing.SimJira;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.http.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token inventories of the simulator as documents of the credentials index. */
class TokenInventorySourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final SimJira jira = SimJira.fresh();

    @AfterEach
    void clearFaults() {
        jira.sim.clearFaults();
    }

    private TokenInventorySource source(String name) {
        DaemonConfig config = jira.config(dir, "");
        JiraSites sites = jira.sites(config, jira.sim.clock());
        return new TokenInventorySource(name, jira.site(sites, name).inventory(),
                new ManagedTokens(ManagedTokens.DEFAULT_PREFIXES, () -> Set.of()), JiraSites.SERVICE, jira.sim.clock());
    }

    /** The documents the ingest stage makes of a batch. */
    private static List<IndexDocument> docs(SourceBatch b) {
        return new Ingest("jira-inventory", null, Clock.systemUTC()).ingest(b).documents();
    }

    private static Map<String, JsonNode> byTokenName(SourceBatch b) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (IndexDocument d : docs(b)) {
            if (d.event()) {
                continue;
            }
            assertEquals(DataContract.CREDENTIALS_INDEX, d.index());
            JsonNode doc = JSON.readTree(d.json());
            out.put(doc.path("jira_access").path("credential").path("name").asText(d.eventId()), doc);
        }
        return out;
    }

    @Test
    void everyDataCenterPatIsOneDocumentAndARevokedOneIsMarkedAtTheNextListing() throws Exception {
        Instant now = jira.sim.now().truncatedTo(ChronoUnit.MILLIS);
        jira.sim.addUser(UserSpec.named("ci-bot").email("ci-bot@example.com").password("pw-ci-bot-3").projects("DEMO"));
        long old = jira.sim.createPat("ci-bot", "forgotten", now.minus(Duration.ofDays(200)), null).token().id();
        long rotated = jira.sim.createPat("ci-bot", "jira-access-ci-rot20260101T000000Z-a1b2c3", now,
                now.plus(Duration.ofDays(9))).token().id();
        TokenInventorySource source = source("corp-dc");

        SourceBatch first = source.read(null, 1000);
        Map<String, JsonNode> docs = byTokenName(first);
        assertEquals(Set.of("forgotten", "jira-access-ci-rot20260101T000000Z-a1b2c3", SimJira.ADMIN_PAT_NAME), docs.keySet());
        JsonNode f = docs.get("forgotten");
        assertEquals("pat", f.at("/jira_access/credential/kind").asText());
        assertEquals(Long.toString(old), f.at("/jira_access/credential/token_id").asText());
        assertEquals("active", f.at("/jira_access/credential/status").asText());
        assertFalse(f.at("/jira_access/credential/managed").asBoolean());
        assertEquals(now.minus(Duration.ofDays(200)).toString(), f.at("/jira_access/credential/created_at").asText());
        assertTrue(f.at("/jira_access/credential/expires_at").isMissingNode(), "never expires");
        assertEquals("ci-bot/forgotten", f.at("/jira_access/credential/id").asText());
        assertEquals("ci-bot", f.at("/user/name").asText());
        assertEquals(jira.sim.baseUrl(), f.at("/jira_access/jira/site").asText());
        assertEquals("dc_pat", f.at("/jira_access/inventory/source").asText());
        JsonNode r = docs.get("jira-access-ci-rot20260101T000000Z-a1b2c3");
        assertTrue(r.at("/jira_access/credential/managed").asBoolean());
        assertEquals(now.plus(Duration.ofDays(9)).toString(), r.at("/jira_access/credential/expires_at").asText());
        for (IndexDocument d : docs(first)) {
            assertEquals(IndexDocument.Op.INDEX, d.op());
        }
        List<JsonNode> issued = new java.util.ArrayList<>();
        for (IndexDocument d : docs(first)) {
            if (d.event()) {
                issued.add(JSON.readTree(d.json()));
            }
        }
        assertEquals(3, issued.size(), "each token listed for the first time is issued once");
        JsonNode forgottenIssued = issued.stream().filter(e -> e.at("/jira_access/credential/name").asText()
                .equals("forgotten")).findFirst().orElseThrow();
        assertEquals("token.issued", forgottenIssued.at("/event/action").asText());
        assertEquals("jira_access.inventory", forgottenIssued.at("/event/dataset").asText());
        assertEquals(now.minus(Duration.ofDays(200)).toString(), forgottenIssued.at("/@timestamp").asText());
        assertEquals(jira.sim.baseUrl() + ":" + old + ":active", forgottenIssued.at("/event/id").asText());
        assertTrue(first.exhausted());

        assertEquals(204, jira.sim.tokens().stream().filter(t -> t.id() == rotated).findFirst().map(t -> {
            t.revoke(jira.sim.now());
            return 204;
        }).orElseThrow());
        SourceBatch second = source.read(first.endPosition(), 1000);
        List<IndexDocument> marks = docs(second).stream().filter(d -> d.op() == IndexDocument.Op.UPSERT).toList();
        assertEquals(1, marks.size());
        assertEquals(DocumentIds.of(InventoryToken.key(jira.sim.baseUrl(), "pat", Long.toString(rotated))), marks.get(0).id());
        assertEquals("revoked", JSON.readTree(marks.get(0).json()).at("/jira_access/credential/status").asText());
        assertEquals(2, docs(second).size() - 1, "the two live tokens again, no second token.issued");
        assertTrue(docs(second).stream().noneMatch(IndexDocument::event));
        assertEquals(docs(first).get(0).id(), docs(second).get(0).id(), "stable _id");
    }

    @Test
    void cloudApiTokensCarryTheOrgInventorysStatus() throws Exception {
        Instant now = jira.sim.now().truncatedTo(ChronoUnit.MILLIS);
        jira.sim.addUser(UserSpec.named("bob").displayName("Bob Builder").email("bob@example.com").projects("DEMO"));
        String active = jira.sim.addApiToken("bob", "ci-pipeline", "bob-token-active-1", now, now.plus(Duration.ofDays(10)));
        jira.sim.addApiToken("bob", "old", "bob-token-expired-2", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        jira.sim.addApiToken("bob", "gone", "bob-token-revoked-3", now, now.plus(Duration.ofDays(100)));
        jira.sim.apiTokens().stream().filter(t -> t.label().equals("gone")).findFirst().orElseThrow().revoke(now);

        Map<String, JsonNode> docs = byTokenName(source("corp-cloud").read(null, 1000));

        assertEquals(Set.of("ci-pipeline", "old", "gone", "audit-daemon"), docs.keySet());
        assertEquals("active", docs.get("ci-pipeline").at("/jira_access/credential/status").asText());
        assertEquals("expired", docs.get("old").at("/jira_access/credential/status").asText());
        assertEquals("revoked", docs.get("gone").at("/jira_access/credential/status").asText());
        JsonNode a = docs.get("ci-pipeline");
        assertEquals(active, a.at("/jira_access/credential/token_id").asText());
        assertEquals("api-token", a.at("/jira_access/credential/kind").asText());
        assertEquals("Bob Builder", a.at("/user/name").asText());
        assertEquals("bob@example.com", a.at("/user/email").asText());
        assertEquals(jira.sim.user("bob").accountId(), a.at("/user/id").asText());
        assertEquals("cloud_org", a.at("/jira_access/inventory/source").asText());
        assertEquals("cloud", a.at("/jira_access/jira/flavor").asText());
    }

    @Test
    void jiraFailuresMakeTheSourceBackOffWithJirasRetryAfter() {
        TokenInventorySource source = source("corp-dc");
        jira.sim.faults(new Faults(0, 0, 503, false, 1, 7));

        assertThatThrownBy(() -> source.read(null, 1000))
                .isInstanceOfSatisfying(SourceUnavailableException.class, e -> {
                    assertEquals(Duration.ofSeconds(7), e.retryAfter());
                    assertTrue(e.getMessage().startsWith("Jira corp-dc token inventory: "), e.getMessage());
                    jira.secrets().forEach(s -> assertFalse(e.getMessage().contains(s)));
                });
    }
}
