package io.jiraaccess.daemon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.dashboards.CredentialDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialUpdatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String SITE = "https://jira.example.com";

    private static AuditEvent.Builder event(EventAction action, Instant at) {
        return AuditEvent.builder(action, at).id("ci:" + action + at.toEpochMilli()).outcome(true).service("ci-main")
                .user("ann", null).jira(SITE, "datacenter")
                .credential("jira-pat", "pat", "sha256:ab", null, null, null);
    }

    private static CredentialFacts facts(AuditEvent e) {
        return Facts.of(e);
    }

    private static List<IndexDocument> documents(CredentialUpdates updates) {
        return updates.merges().stream().map(Facts::document).toList();
    }

    private static JsonNode credential(IndexDocument d) throws Exception {
        return JSON.readTree(d.jsonText()).path("jira_access").path("credential");
    }

    @Test
    void usesAndRotationsOfABatchBecomeOneMergeWithTheLatestTimes() throws Exception {
        CredentialUpdates updates = new CredentialUpdates("jenkins");
        updates.observe(facts(event(EventAction.TOKEN_USED, T0.plusSeconds(30)).build()));
        updates.observe(facts(event(EventAction.TOKEN_USED, T0).build())); // older, read later: does not move the time back
        updates.observe(facts(event(EventAction.CREDENTIAL_ROTATED, T0.plusMillis(1500))
                .set("jira_access.credential.token_id", "17").set("jira_access.credential.name", "jira-access-1").build()));
        List<IndexDocument> docs = documents(updates);
        assertEquals(1, docs.size());
        IndexDocument d = docs.get(0);
        assertEquals(IndexDocument.Op.UPSERT, d.op());
        JsonNode c = credential(d);
        assertEquals("2026-11-29T10:00:30Z", c.path("last_used_at").asText());
        assertEquals("2026-11-29T10:00:01.500Z", c.path("last_rotated_at").asText());
        assertEquals("17", c.path("token_id").asText());
        assertTrue(c.path("managed").asBoolean());
        assertEquals("active", c.path("status").asText());
        JsonNode doc = JSON.readTree(d.jsonText());
        assertEquals("2026-11-29T10:00:30Z", doc.path("@timestamp").asText(), "the latest event of the credential");
        assertEquals("ann", doc.path("user").path("name").asText());
        assertEquals("ci-main", doc.path("service").path("name").asText());
        assertEquals("datacenter", doc.path("jira_access").path("jira").path("flavor").asText());
        assertEquals(d.jsonText(), documents(updates).get(0).jsonText(), "writing the merges changes nothing");

        updates.observe(facts(event(EventAction.TOKEN_USED, T0.plusSeconds(90)).build()));
        assertEquals("2026-11-29T10:01:30Z", credential(documents(updates).get(0)).path("last_used_at").asText(),
                "a later use after the merges were written still moves the time on");
    }

    @Test
    void aRevocationMarksTheJiraTokenAndEveryTimeTheEventsRuleReadsOrdersMerges() throws Exception {
        CredentialUpdates updates = new CredentialUpdates("jenkins");
        updates.observe(Facts.of("{\"@timestamp\":1773446400000,\"event\":{\"action\":\"token.used\"},"
                + "\"jira_access\":{\"credential\":{\"id\":\"x\"},\"jira\":{\"site\":\"s\"}}}"));
        assertEquals("2026-03-14T00:00:00Z", JSON.readTree(documents(updates).get(0).jsonText()).path("@timestamp").asText(),
                "epoch milliseconds are a time like any other");
        updates = new CredentialUpdates("jenkins");
        updates.observe(facts(event(EventAction.CREDENTIAL_REVOKED, T0)
                .set("jira_access.credential.token_id", "17").set("jira_access.credential.name", "jira-access-1").build()));
        List<IndexDocument> docs = documents(updates);
        assertEquals(2, docs.size(), "the Jira token, and the CI credential that names it");
        assertEquals(CredentialDocument.tokenKey(SITE, "pat", "17"), docs.get(0).eventId());
        JsonNode c = credential(docs.get(0));
        assertEquals("revoked", c.path("status").asText());
        assertEquals("ann/jira-access-1", c.path("id").asText());
        assertEquals("dc_pat", JSON.readTree(docs.get(0).jsonText()).path("jira_access").path("inventory").path("source").asText());
        assertFalse(docs.get(1).jsonText().contains("last_used_at"));
    }
}
