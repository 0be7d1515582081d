package io.jiraaccess.core.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditEventTest {
    static final Instant T = Instant.parse("2025-06-01T10:15:30.123Z");

    static AuditEvent sample() {
        return AuditEvent.builder(EventAction.TOKEN_USED, T)
                .id("ci-runner:42")
                .outcome(true)
                .service("ci-runner")
                .user("ci-bot", "557058:abc")
                .request("GET", "jira.example.com", "/rest/api/2/myself", 200)
                .credential("ci", "pat", "0123456789abcdef", Instant.parse("2026-01-01T00:00:00Z"), List.of("READ"), List.of("ABC"))
                .pipeline("deploy", "17", "https://ci.example.com/job/deploy/17/", "agent-1")
                .jira("https://jira.example.com", "datacenter")
                .seq(42)
                .build();
    }

    @Test
    void builderWritesEcsBasicsAndTheActionsCategoryAndType() {
        AuditEvent e = AuditEvent.builder(EventAction.POLICY_VIOLATION, T).build();
        assertEquals("2025-06-01T10:15:30.123Z", e.get("@timestamp"));
        assertEquals(T, e.timestamp());
        assertEquals("8.11.0", e.get("ecs.version"));
        assertEquals("event", e.get("event.kind"));
        assertEquals("jira_access", e.get("event.module"));
        assertEquals("jira_access.ci", e.dataset());
        assertEquals("policy.violation", e.action());
        assertEquals(List.of("configuration"), e.get("event.category"));
        assertEquals(List.of("denied"), e.get("event.type"));
    }

    @Test
    void dottedPathsBecomeNestedObjects() {
        Map<String, Object> doc = sample().toMap();
        Map<?, ?> event = (Map<?, ?>) doc.get("event");
        assertEquals("token.used", event.get("action"));
        Map<?, ?> credential = (Map<?, ?>) ((Map<?, ?>) doc.get("jira_access")).get("credential");
        assertEquals(Map.of("id", "ci", "kind", "pat", "fingerprint", "0123456789abcdef",
                "expires_at", "2026-01-01T00:00:00Z", "scopes", List.of("READ"), "projects", List.of("ABC")), credential);
        assertEquals("GET", ((Map<?, ?>) ((Map<?, ?>) doc.get("http")).get("request")).get("method"));
        assertEquals(200L, ((Number) ((Map<?, ?>) ((Map<?, ?>) doc.get("http")).get("response")).get("status_code")).longValue());
        assertTrue(doc.containsKey("@timestamp"));
        assertEquals(List.of("@timestamp", "ecs", "event", "service", "user", "http", "url", "jira_access"), List.copyOf(doc.keySet()));
    }

    @Test
    void typedAccessorsReadTheirFields() {
        AuditEvent e = sample();
        assertEquals("ci-runner:42", e.id());
        assertEquals("success", e.outcome());
        assertEquals("ci", e.credentialId());
        assertEquals("0123456789abcdef", e.fingerprint());
        assertEquals(42L, e.seq());
        assertEquals("agent-1", e.getString("jira_access.pipeline.node"));
        assertEquals("200", e.getString("http.response.status_code"));
        assertNull(e.get("no.such.field"));
        assertNull(e.get("event.action.deeper"));
    }

    @Test
    void jsonRoundTripGivesAnEqualEvent() {
        AuditEvent e = sample();
        String json = e.toJson();
        assertTrue(!json.contains("\n"), "NDJSON line must be one line");
        AuditEvent back = AuditEvent.fromJson(json);
        assertEquals(e, back);
        assertEquals(e.hashCode(), back.hashCode());
        assertEquals(json, back.toJson());
        assertEquals(42L, back.seq());
        assertEquals(e, AuditEvent.fromMap(e.toMap()));
    }

    @Test
    void flattenedKeysWrittenByOtherProducersAreFound() {
        AuditEvent e = AuditEvent.fromJson("""
                {"@timestamp":"2025-06-01T00:00:00Z","event.action":"token.used",
                 "jira_access":{"credential.id":"ci","credential":{"kind":"pat"}},
                 "url":{"domain":"jira.example.com"},"http.response.status_code":401}""");
        assertEquals("token.used", e.action());
        assertEquals("ci", e.credentialId());
        assertEquals("pat", e.getString("jira_access.credential.kind"));
        assertEquals("jira.example.com", e.get("url.domain"));
        assertEquals(401, ((Number) e.get("http.response.status_code")).intValue());
    }

    @Test
    void settingNullLeavesTheFieldOutAndRemovesAnExistingOne() {
        AuditEvent e = sample().toBuilder().set("user.name", null).set("never.there.field", null).reason(null).build();
        assertNull(e.get("user.name"));
        assertEquals("557058:abc", e.get("user.id"));
        assertNull(e.toMap().get("never"));
        AuditEvent noScopes = AuditEvent.builder(EventAction.TOKEN_USED, T).credential("c", "pat", null, null, List.of(), null).build();
        assertEquals(Map.of("id", "c", "kind", "pat"), ((Map<?, ?>) ((Map<?, ?>) noScopes.toMap().get("jira_access")).get("credential")));
    }

    @Test
    void instantsAndEnumsAreWrittenAsStrings() {
        AuditEvent e = AuditEvent.builder(EventAction.TOKEN_ISSUED, T).set("jira_access.token.expires_at", T)
                .set("jira_access.credential.kind", io.jiraaccess.core.credential.CredentialKind.OAUTH_CLIENT_CREDENTIALS).build();
        assertEquals("2025-06-01T10:15:30.123Z", e.get("jira_access.token.expires_at"));
        assertEquals("oauth-client-credentials", e.get("jira_access.credential.kind"));
    }

    @Test
    void eventIsImmutableThroughItsMaps() {
        AuditEvent e = sample();
        Map<String, Object> copy = e.toMap();
        copy.put("injected", "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) copy.get("event");
        event.put("action", "tampered");
        assertEquals("token.used", e.action());
        assertNull(e.get("injected"));
    }

    @Test
    void timestampIsRequired() {
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> AuditEvent.builder(EventAction.TOKEN_USED, T).set("@timestamp", null).build());
        assertEquals("@timestamp is required", ex.getMessage());
    }

    @Test
    void badJsonIsRefusedWithoutQuotingTheLine() {
        for (String line : new String[] {"{\"token\": \"s3cr3t-abcdefgh\"", "null", "[1,2]", "\"s3cr3t-abcdefgh\"", "42"}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> AuditEvent.fromJson(line));
            assertTrue(ex.getMessage().startsWith("not a JSON object"), ex.getMessage());
            assertTrue(!ex.getMessage().contains("s3cr3t"), ex.getMessage());
        }
    }

    @Test
    void everyActionHasItsDocumentedName() {
        assertEquals(List.of("token.issued", "token.used", "token.refreshed", "credential.rotated", "credential.revoked",
                        "credential.expiring", "credential.expired", "rotation.failed", "rotation.step", "token.refresh_failed",
                        "policy.violation", "basic_auth.used", "jira.audit"),
                java.util.Arrays.stream(EventAction.values()).map(EventAction::id).toList());
        for (EventAction a : EventAction.values()) {
            assertEquals(a, EventAction.fromId(a.id()));
        }
        assertNull(EventAction.fromId("nope"));
    }
}
