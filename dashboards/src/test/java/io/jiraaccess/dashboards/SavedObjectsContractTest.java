package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.dashboards.SavedObjects.SavedObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped saved objects against Kibana's import format and the index templates, and the check itself. */
class SavedObjectsContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SavedObjects ALL = SavedObjects.fromContract();

    @Test
    void shippedSavedObjectsHaveNoProblems() {
        ContractCheck check = ContractCheck.run(ALL);
        assertEquals(List.of(), check.problems());
        // every column, filter and KQL field use of the shipped visualizations was looked at (changes with them)
        assertEquals(147, check.fieldsChecked());
    }

    @Test
    void everyLineParsesAndTheSetHoldsTwoDataViewsFourDashboardsAndTheirLensObjects() throws Exception {
        int lines = 0;
        for (String file : DataContract.kibanaSavedObjectFiles()) {
            for (String line : DataContract.kibanaSavedObjects(file).split("\n")) {
                assertTrue(JSON.readTree(line).isObject(), file);
                lines++;
            }
        }
        assertEquals(ALL.all().size(), lines);
        assertEquals(2, ALL.ofType("index-pattern").size());
        assertEquals(4, ALL.ofType("dashboard").size());
        assertEquals(lines - 6, ALL.ofType("lens").size());
        assertThat(ALL.all()).extracting(SavedObject::id).allMatch(id -> id.matches("jira-access-[a-z0-9-]+"));
    }

    @Test
    void theFourDashboardsOfTheIssueAreThere() {
        assertThat(ALL.ofType("dashboard")).extracting(SavedObject::title).containsExactly(
                "Jira Access: token usage", "Jira Access: credential hygiene",
                "Jira Access: migration off Basic auth", "Jira Access: security");
    }

    @Test
    void dataViewsCoverTheEventsAliasAndDailyIndicesAndTheCredentialsIndexWithoutATimeField() {
        String events = ALL.find("index-pattern", "jira-access-events").orElseThrow().attributes().path("title").asText();
        assertEquals(List.of(DataContract.EVENTS_TEMPLATE), ContractCheck.templatesMatching(events));
        assertTrue(glob(events).matcher(DataContract.EVENTS_ALIAS).matches());
        assertTrue(glob(events).matcher(DataContract.eventsIndex(Instant.EPOCH)).matches());
        JsonNode creds = ALL.find("index-pattern", "jira-access-credentials").orElseThrow().attributes();
        assertEquals(DataContract.CREDENTIALS_INDEX, creds.path("title").asText());
        // current state: a time field would let the dashboard's time range hide credentials not updated lately
        assertTrue(creds.path("timeFieldName").isMissingNode());
    }

    @Test
    void savedObjectsThatAreNotJsonAreRefusedWithTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SavedObjects.parse("x.ndjson", "{\"type\":\"lens\",\"id\":\"a\",\"attributes\":{}}\n{not json"));
        assertThat(e.getMessage()).startsWith("x.ndjson:2: not JSON");
        e = assertThrows(IllegalArgumentException.class, () -> SavedObjects.parse("x.ndjson", "{\"id\":\"a\"}"));
        assertEquals("x.ndjson:1: not a saved object (needs type, id and attributes)", e.getMessage());
    }

    // ---- the check finds what it must (each broken copy of a shipped object yields exactly its problem)

    @Test
    void aFieldTheTemplateDoesNotMapIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-top-pipelines", lens ->
                column(lens, "job").put("sourceField", "jira_access.pipeline.name")))
                .containsExactly("lens/jira-access-top-pipelines (broken:2): column 'job' (terms) names "
                        + "'jira_access.pipeline.name', which jira-access-events does not map");
    }

    @Test
    void termsOnATextFieldIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-top-pipelines", lens ->
                column(lens, "job").put("sourceField", "message")))
                .containsExactly("lens/jira-access-top-pipelines (broken:2): column 'job' (terms) aggregates message, "
                        + "a text field without doc values");
    }

    @Test
    void aDateHistogramOnAKeywordIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-basic-auth-over-time", lens ->
                column(lens, "time").put("sourceField", "event.action")))
                .containsExactly("lens/jira-access-basic-auth-over-time (broken:2): column 'time' (date_histogram) does "
                        + "not suit event.action, a keyword field");
    }

    @Test
    void aSumOverAKeywordIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-top-pipelines", lens -> {
            ObjectNode c = column(lens, "builds");
            c.put("operationType", "sum");
        })).containsExactly("lens/jira-access-top-pipelines (broken:2): column 'builds' (sum) does not suit "
                + "jira_access.pipeline.build, a keyword field");
    }

    @Test
    void kqlOnAMissingFieldOrWithAValueTheFieldCannotHoldIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-usage-failures", lens ->
                query(lens, "event.outcom : \"failure\" and http.response.status_code : forbidden")))
                .containsExactly(
                        "lens/jira-access-usage-failures (broken:2): query KQL phrase on 'event.outcom': "
                                + "jira-access-events does not map that field",
                        "lens/jira-access-usage-failures (broken:2): query KQL match on 'http.response.status_code': "
                                + "'forbidden' is not a valid long");
    }

    @Test
    void aRangeOverAKeywordAndBrokenKqlAreReported() {
        assertThat(problemsOfBrokenLens("jira-access-usage-failures", lens -> query(lens, "event.reason > \"x\"")))
                .containsExactly("lens/jira-access-usage-failures (broken:2): query KQL range on 'event.reason': "
                        + "a range needs a date, number or ip field, not keyword");
        assertThat(problemsOfBrokenLens("jira-access-usage-failures", lens -> query(lens, "event.outcome : (a or")))
                .containsExactly("lens/jira-access-usage-failures (broken:2): query: KQL at 21 of \"event.outcome : (a or\": "
                        + "expected a value for event.outcome");
    }

    @Test
    void aFilterOnAnUnmappedFieldIsReported() {
        assertThat(problemsOfBrokenLens("jira-access-enforcement-revocations", lens -> {
            ObjectNode f = (ObjectNode) lens.path("attributes").path("state").path("filters").get(0);
            ((ObjectNode) f.path("meta")).put("key", "event.set");
            ((ObjectNode) f.path("query")).putObject("match_phrase").put("event.set", "x");
        })).containsExactly("lens/jira-access-enforcement-revocations (broken:2): filter names 'event.set', "
                + "which jira-access-events does not index");
    }

    @Test
    void aReferenceToAMissingDataViewAndAnUnusedReferenceAreReported() {
        assertThat(problemsOfBrokenLens("jira-access-top-pipelines", lens -> {
            ObjectNode ref = (ObjectNode) lens.path("references").get(0);
            ref.put("id", "jira-access-nope");
            ((com.fasterxml.jackson.databind.node.ArrayNode) lens.path("references")).addObject()
                    .put("id", "jira-access-events").put("name", "spare").put("type", "index-pattern");
        })).containsExactly(
                "lens/jira-access-top-pipelines (broken:2): reference indexpattern-datasource-layer-main points to "
                        + "index-pattern/jira-access-nope, which is not in the files",
                "lens/jira-access-top-pipelines (broken:2): declares references [indexpattern-datasource-layer-main, spare] "
                        + "but its attributes use [indexpattern-datasource-layer-main]",
                "lens/jira-access-top-pipelines (broken:2): its layer's data view is missing or matches no single template");
    }

    @Test
    void aDashboardPanelWithoutItsLensObjectAndAnUnknownAttributeAreReported() {
        ObjectNode dashboard = ALL.find("dashboard", "jira-access-security").orElseThrow().json().deepCopy();
        ((ObjectNode) dashboard.path("attributes")).put("owner", "me");
        SavedObjects set = SavedObjects.parse("broken", dataViews() + dashboard + "\n");
        List<String> problems = ContractCheck.run(set).problems();
        assertThat(problems).contains(
                "dashboard/jira-access-security (broken:3): reference 1:panel_1 points to lens/jira-access-security-summary, "
                        + "which is not in the files",
                "dashboard/jira-access-security (broken:3): panel 1 does not reference an existing Lens object",
                "dashboard/jira-access-security (broken:3): attribute 'owner' is refused by Kibana's dashboard schema");
    }

    @Test
    void aLegacyVisualizationOrADuplicateIdIsReported() {
        String legacy = "{\"type\":\"visualization\",\"id\":\"jira-access-events\",\"attributes\":{\"title\":\"x\"},"
                + "\"references\":[],\"coreMigrationVersion\":\"8.8.0\",\"typeMigrationVersion\":\"8.5.0\"}\n";
        assertThat(ContractCheck.run(SavedObjects.parse("broken", dataViews() + legacy)).problems()).containsExactly(
                "visualization/jira-access-events (broken:3): duplicate id jira-access-events",
                "visualization/jira-access-events (broken:3): type visualization is not one these dashboards use "
                        + "(data views, Lens, dashboards)");
    }

    @Test
    void aDataViewMatchingNoTemplateIsReported() {
        ObjectNode dv = ALL.find("index-pattern", "jira-access-credentials").orElseThrow().json().deepCopy();
        ((ObjectNode) dv.path("attributes")).put("title", "jira-access-*");
        dv.put("id", "jira-access-everything");
        assertThat(ContractCheck.run(SavedObjects.parse("broken", dv + "\n")).problems()).containsExactly(
                "index-pattern/jira-access-everything (broken:1): title 'jira-access-*' matches the indices of "
                        + "[jira-access-events, jira-access-credentials, jira-access-deadletter]; it must match exactly one template's");
    }

    // ---- helpers

    private static List<String> problemsOfBrokenLens(String id, Consumer<ObjectNode> breakIt) {
        ObjectNode lens = ALL.find("lens", id).orElseThrow().json().deepCopy();
        assertEquals(List.of(), ContractCheck.run(SavedObjects.parse("broken", withDataViews(lens))).problems(),
                "the unbroken copy is clean");
        breakIt.accept(lens);
        return ContractCheck.run(SavedObjects.parse("broken", withDataViews(lens))).problems();
    }

    /** The Lens object on line 2, between the two data views. */
    private static String withDataViews(ObjectNode lens) {
        String[] dv = dataViews().split("\n");
        return dv[0] + "\n" + lens + "\n" + dv[1] + "\n";
    }

    private static String dataViews() {
        return DataContract.kibanaSavedObjects("data-views.ndjson");
    }

    private static ObjectNode column(ObjectNode lens, String id) {
        return (ObjectNode) lens.path("attributes").path("state").path("datasourceStates").path("formBased")
                .path("layers").path("main").path("columns").path(id);
    }

    private static void query(ObjectNode lens, String kql) {
        ((ObjectNode) lens.path("attributes").path("state").path("query")).put("query", kql);
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
