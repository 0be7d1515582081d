package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every ECS and jira_access field DESIGN.md lists for events, with the type Kibana and the daemon rely on. */
    private static final Map<String, String> EVENT_FIELDS = Map.ofEntries(
            Map.entry("@timestamp", "date"),
            Map.entry("ecs.version", "keyword"),
            Map.entry("event.id", "keyword"),
            Map.entry("event.kind", "keyword"),
            Map.entry("event.module", "keyword"),
            Map.entry("event.dataset", "keyword"),
            Map.entry("event.category", "keyword"),
            Map.entry("event.type", "keyword"),
            Map.entry("event.action", "keyword"),
            Map.entry("event.outcome", "keyword"),
            Map.entry("event.reason", "keyword"),
            Map.entry("event.reason.text", "text"),
            Map.entry("message", "text"),
            Map.entry("user.name", "keyword"),
            Map.entry("user.id", "keyword"),
            Map.entry("service.name", "keyword"),
            Map.entry("source.ip", "ip"),
            Map.entry("url.domain", "keyword"),
            Map.entry("url.path", "keyword"),
            Map.entry("http.request.method", "keyword"),
            Map.entry("http.response.status_code", "long"),
            Map.entry("jira_access.credential.id", "keyword"),
            Map.entry("jira_access.credential.kind", "keyword"),
            Map.entry("jira_access.credential.fingerprint", "keyword"),
            Map.entry("jira_access.credential.expires_at", "date"),
            Map.entry("jira_access.credential.scopes", "keyword"),
            Map.entry("jira_access.credential.projects", "keyword"),
            Map.entry("jira_access.pipeline.job", "keyword"),
            Map.entry("jira_access.pipeline.build", "keyword"),
            Map.entry("jira_access.pipeline.url", "keyword"),
            Map.entry("jira_access.pipeline.node", "keyword"),
            Map.entry("jira_access.jira.site", "keyword"),
            Map.entry("jira_access.jira.flavor", "keyword"),
            Map.entry("jira_access.seq", "long"),
            Map.entry("jira_access.token.fingerprint", "keyword"),
            // what PAT rotation emits (core's RotationEvents): searchable, so a rotation can be followed step by step
            Map.entry("jira_access.rotation.id", "keyword"),
            Map.entry("jira_access.rotation.step", "keyword"),
            Map.entry("jira_access.rotation.previous_token_id", "keyword"),
            Map.entry("jira_access.rotation.previous_fingerprint", "keyword"),
            Map.entry("jira_access.rotation.failures", "long"));

    private static final Map<String, String> CREDENTIAL_FIELDS = Map.ofEntries(
            Map.entry("@timestamp", "date"),
            Map.entry("jira_access.credential.id", "keyword"),
            Map.entry("jira_access.credential.kind", "keyword"),
            Map.entry("jira_access.credential.fingerprint", "keyword"),
            Map.entry("jira_access.credential.name", "keyword"),
            Map.entry("jira_access.credential.token_id", "keyword"),
            Map.entry("jira_access.credential.status", "keyword"),
            Map.entry("jira_access.credential.managed", "boolean"),
            Map.entry("jira_access.credential.created_at", "date"),
            Map.entry("jira_access.credential.expires_at", "date"),
            Map.entry("jira_access.credential.last_used_at", "date"),
            Map.entry("jira_access.credential.last_rotated_at", "date"),
            Map.entry("jira_access.credential.scopes", "keyword"),
            Map.entry("jira_access.credential.projects", "keyword"),
            Map.entry("user.name", "keyword"),
            Map.entry("user.id", "keyword"),
            Map.entry("user.email", "keyword"),
            Map.entry("jira_access.jira.site", "keyword"),
            Map.entry("jira_access.jira.flavor", "keyword"),
            Map.entry("service.name", "keyword"),
            Map.entry("jira_access.inventory.source", "keyword"));

    @Test
    void eventsTemplateMapsEveryDesignFieldWithItsType() {
        IndexMapping m = IndexMapping.of(DataContract.EVENTS_TEMPLATE);
        EVENT_FIELDS.forEach((path, type) -> assertEquals(Optional.of(type), m.field(path).map(IndexMapping.Field::type), path));
    }

    @Test
    void credentialsTemplateMapsEveryInventoryFieldWithItsType() {
        IndexMapping m = IndexMapping.of(DataContract.CREDENTIALS_TEMPLATE);
        CREDENTIAL_FIELDS.forEach((path, type) -> assertEquals(Optional.of(type), m.field(path).map(IndexMapping.Field::type), path));
    }

    @Test
    void unknownProducerFieldsAreKeptInSourceButNeverMapped() {
        IndexMapping events = IndexMapping.of(DataContract.EVENTS_TEMPLATE);
        assertEquals("false", events.dynamic(""));
        assertEquals("false", events.dynamic("jira_access"));
        assertEquals("false", events.dynamic("jira_access.jira_audit"));
        assertEquals("false", events.dynamic("jira_access.jira_audit.object"));
        assertEquals("false", IndexMapping.of(DataContract.CREDENTIALS_TEMPLATE).dynamic("user"));
    }

    @Test
    void deadLetterKeepsTheOriginalAsAStringThatIsNeverIndexed() {
        IndexMapping dl = IndexMapping.of(DataContract.DEAD_LETTER_TEMPLATE);
        assertEquals(new IndexMapping.Field("event.original", "keyword", false, false), dl.fields().get("event.original"));
        assertEquals("strict", dl.dynamic(""));
        assertThat(dl.fields().keySet()).containsExactlyInAnyOrder("@timestamp", "event.id", "event.original",
                "error.type", "error.message", "jira_access.ingest.source", "jira_access.ingest.index");
    }

    @Test
    void statusCodeIsNumericSoAStringThereIsAMappingConflict() {
        // the daemon's dead-letter test sends "status_code": "not-a-number"; Elasticsearch must refuse it
        IndexMapping.Field f = IndexMapping.of(DataContract.EVENTS_TEMPLATE).field("http.response.status_code").orElseThrow();
        assertTrue(f.isNumeric());
    }

    @Test
    void templatesTargetTheContractIndexNamesAndEventsGetTheAlias() throws Exception {
        Map<String, String> templates = DataContract.indexTemplates();
        assertEquals(List.of("jira-access-events", "jira-access-credentials", "jira-access-deadletter"), List.copyOf(templates.keySet()));
        assertEquals(List.of(DataContract.EVENTS_INDEX_PREFIX + "*"), IndexMapping.of("jira-access-events").indexPatterns());
        assertEquals(List.of(DataContract.CREDENTIALS_INDEX), IndexMapping.of("jira-access-credentials").indexPatterns());
        assertEquals(List.of(DataContract.DEAD_LETTER_INDEX), IndexMapping.of("jira-access-deadletter").indexPatterns());
        JsonNode events = JSON.readTree(templates.get("jira-access-events"));
        assertTrue(events.path("template").path("aliases").has(DataContract.EVENTS_ALIAS));
    }

    @Test
    void everyTemplateIsComposedOfKnownComponentsAndCarriesTheContractVersion() throws Exception {
        for (Map.Entry<String, String> e : DataContract.indexTemplates().entrySet()) {
            JsonNode t = JSON.readTree(e.getValue());
            assertEquals(DataContract.VERSION, t.path("version").asInt(), e.getKey());
            for (JsonNode c : t.path("composed_of")) {
                assertTrue(DataContract.componentTemplates().containsKey(c.asText()), e.getKey() + " -> " + c);
            }
        }
        for (Map.Entry<String, String> e : DataContract.componentTemplates().entrySet()) {
            assertEquals(DataContract.VERSION, JSON.readTree(e.getValue()).path("version").asInt(), e.getKey());
        }
    }

    @Test
    void indicesAreSizedForASingleNodeAndCapTheirFieldCount() throws Exception {
        JsonNode index = JSON.readTree(DataContract.componentTemplates().get("jira-access-settings"))
                .path("template").path("settings").path("index");
        assertEquals(1, index.path("number_of_shards").asInt());
        assertEquals(0, index.path("number_of_replicas").asInt());
        int limit = index.path("mapping").path("total_fields").path("limit").asInt();
        assertEquals(500, limit);
        for (String t : DataContract.indexTemplates().keySet()) {
            assertThat(IndexMapping.of(t).fields().size()).as(t).isLessThan(limit / 2);
        }
    }

    @Test
    void noFieldUsesATypeTheTestDistributionLacks() {
        // the integ-test-zip distribution has no mapper-extras or wildcard module: match_only_text, wildcard,
        // constant_keyword would make the template fail to install there
        for (String t : DataContract.indexTemplates().keySet()) {
            for (IndexMapping.Field f : IndexMapping.of(t).fields().values()) {
                assertThat(List.of("keyword", "text", "date", "long", "ip", "boolean")).as(f.path()).contains(f.type());
            }
        }
    }

    @Test
    void eventsGoToTheDailyIndexOfTheirOwnUtcDay() {
        assertEquals("jira-access-events-2025.03.14", DataContract.eventsIndex(Instant.parse("2025-03-14T23:59:59.999Z")));
        assertEquals("jira-access-events-2025.03.15", DataContract.eventsIndex(Instant.parse("2025-03-15T00:00:00Z")));
        assertEquals(Optional.of(LocalDate.of(2025, 3, 14)), DataContract.eventsIndexDay("jira-access-events-2025.03.14"));
        assertEquals(Optional.empty(), DataContract.eventsIndexDay("jira-access-events"));
        assertEquals(Optional.empty(), DataContract.eventsIndexDay("jira-access-events-2025.13.01"));
        assertEquals(Optional.empty(), DataContract.eventsIndexDay("jira-access-credentials"));
    }

    @Test
    void mappingOfAnUnknownTemplateNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexMapping.of("jira-access-nope"));
        assertEquals("no index template named 'jira-access-nope'; the templates are "
                + "[jira-access-events, jira-access-credentials, jira-access-deadletter]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataContract.kibanaSavedObjects("../secrets.ndjson"));
        assertEquals("no Kibana saved-object file named '../secrets.ndjson'; the files are [data-views.ndjson, "
                + "token-usage.ndjson, credential-hygiene.ndjson, basic-auth-migration.ndjson, security.ndjson]", e.getMessage());
    }
}
