package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.dashboards.SavedObjects.Reference;
import io.jiraaccess.dashboards.SavedObjects.SavedObject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds the Kibana saved objects to Kibana's import format and to the index templates they read. */
class SavedObjectsContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SavedObjects ALL = SavedObjects.fromContract();
    /** Kibana 8.19's dashboard attribute schema (v1/v2) forbids any other key. */
    private static final Set<String> DASHBOARD_ATTRIBUTES = Set.of("title", "description", "kibanaSavedObjectMeta",
            "timeRestore", "timeFrom", "timeTo", "refreshInterval", "controlGroupInput", "panelsJSON", "optionsJSON",
            "hits", "version");
    private static final Map<String, String> TYPE_MIGRATION_VERSIONS = Map.of(
            "index-pattern", "8.0.0", "lens", "8.9.0", "dashboard", "10.2.0");
    private static final Set<String> LENS_VISUALIZATIONS = Set.of("lnsXY", "lnsDatatable", "lnsMetric", "lnsPie");
    private static final Pattern DATE_MATH = Pattern.compile("now([+-]\\d+[smhdwMy])*(/[smhdwMy])?");

    @Test
    void everyLineOfEveryFileIsASavedObjectOfAKnownTypeAndVersion() throws Exception {
        int lines = 0;
        for (String file : DataContract.kibanaSavedObjectFiles()) {
            for (String line : DataContract.kibanaSavedObjects(file).split("\n")) {
                JsonNode o = JSON.readTree(line);
                lines++;
                String type = o.path("type").asText();
                assertEquals(TYPE_MIGRATION_VERSIONS.get(type), o.path("typeMigrationVersion").asText(), file + " " + o.path("id"));
                assertEquals("8.8.0", o.path("coreMigrationVersion").asText(), file + " " + o.path("id"));
                assertTrue(o.path("references").isArray(), file + " " + o.path("id"));
                assertThat(o.path("id").asText()).as(file).matches("jira-access-[a-z0-9-]+");
            }
        }
        assertEquals(ALL.all().size(), lines);
        assertEquals(2, ALL.ofType("index-pattern").size());
        assertEquals(4, ALL.ofType("dashboard").size());
        assertEquals(lines - 6, ALL.ofType("lens").size());
    }

    @Test
    void idsAreUniqueAcrossAllFiles() {
        Set<String> seen = new HashSet<>();
        for (SavedObject o : ALL.all()) {
            assertTrue(seen.add(o.id()), "duplicate id " + o.id() + " at " + o.origin());
        }
    }

    @Test
    void everyReferenceResolvesInsideTheFilesAndIsUsed() throws Exception {
        for (SavedObject o : ALL.all()) {
            Set<String> used = new LinkedHashSet<>();
            if (o.type().equals("lens")) {
                o.attributes().path("state").path("datasourceStates").path("formBased").path("layers").fieldNames()
                        .forEachRemaining(l -> used.add("indexpattern-datasource-layer-" + l));
                for (JsonNode f : o.attributes().path("state").path("filters")) {
                    used.add(f.path("meta").path("index").asText());
                }
            } else if (o.type().equals("dashboard")) {
                for (JsonNode p : JSON.readTree(o.attributes().path("panelsJSON").asText())) {
                    used.add(p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText());
                }
            }
            Set<String> declared = new LinkedHashSet<>();
            for (Reference r : o.references()) {
                assertTrue(ALL.find(r.type(), r.id()).isPresent(), o.origin() + " references missing " + r.type() + "/" + r.id());
                declared.add(r.name());
            }
            assertEquals(used, declared, o.origin() + ": the references declared are exactly the ones the attributes use");
        }
    }

    @Test
    void everyDashboardPanelIsALensObjectByReferenceOnTheGrid() throws Exception {
        for (SavedObject d : ALL.ofType("dashboard")) {
            assertThat(d.attributes().properties()).extracting(Map.Entry::getKey).allMatch(DASHBOARD_ATTRIBUTES::contains);
            JsonNode panels = JSON.readTree(d.attributes().path("panelsJSON").asText());
            assertThat(panels.size()).as(d.id()).isGreaterThanOrEqualTo(5);
            List<int[]> cells = new ArrayList<>();
            for (JsonNode p : panels) {
                String index = p.path("panelIndex").asText();
                assertEquals("lens", p.path("type").asText(), d.id() + " panel " + index);
                assertEquals("panel_" + index, p.path("panelRefName").asText());
                assertEquals(index, p.path("gridData").path("i").asText());
                Reference ref = d.reference(index + ":panel_" + index).orElseThrow();
                assertEquals("lens", ref.type());
                assertTrue(ALL.find("lens", ref.id()).isPresent(), d.id() + " panel " + index + " -> " + ref.id());
                JsonNode g = p.path("gridData");
                int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
                assertTrue(x >= 0 && w > 0 && x + w <= 48 && h > 0, d.id() + " panel " + index + " is off the 48-wide grid");
                for (int[] c : cells) {
                    boolean overlap = x < c[0] + c[2] && c[0] < x + w && y < c[1] + c[3] && c[1] < y + h;
                    assertTrue(!overlap, d.id() + " panel " + index + " overlaps another");
                }
                cells.add(new int[] {x, y, w, h});
            }
            assertEquals("{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}",
                    d.attributes().path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
        }
    }

    @Test
    void theFourDashboardsOfTheIssueAreThere() {
        assertThat(ALL.ofType("dashboard")).extracting(SavedObject::title).containsExactly(
                "Jira Access: token usage", "Jira Access: credential hygiene",
                "Jira Access: migration off Basic auth", "Jira Access: security");
    }

    @Test
    void everyLensObjectIsAFormBasedLensVisualizationWhoseAccessorsAreItsColumns() {
        for (SavedObject lens : ALL.ofType("lens")) {
            JsonNode a = lens.attributes();
            assertThat(a.properties()).extracting(Map.Entry::getKey)
                    .allMatch(k -> Set.of("title", "description", "visualizationType", "state").contains(k));
            assertTrue(LENS_VISUALIZATIONS.contains(a.path("visualizationType").asText()), lens.id());
            JsonNode layers = a.path("state").path("datasourceStates").path("formBased").path("layers");
            assertEquals(1, layers.size(), lens.id());
            String layerId = layers.fieldNames().next();
            JsonNode layer = layers.get(layerId);
            Set<String> columns = new LinkedHashSet<>();
            layer.path("columns").fieldNames().forEachRemaining(columns::add);
            Set<String> order = new LinkedHashSet<>();
            layer.path("columnOrder").forEach(c -> order.add(c.asText()));
            assertEquals(columns, order, lens.id() + ": columnOrder lists every column once");
            assertEquals(columns, accessors(a.path("visualizationType").asText(), a.path("state").path("visualization"), layerId),
                    lens.id() + ": the visualization shows every column of the layer, and only those");
        }
    }

    @Test
    void everyFieldAVisualizationNamesExistsInTheTemplateWithATypeThatSuitsTheOperation() {
        int checked = 0;
        for (SavedObject lens : ALL.ofType("lens")) {
            IndexMapping mapping = mappingOf(dataViewOf(lens));
            JsonNode state = lens.attributes().path("state");
            checked += checkKql(lens, mapping, "query", state.path("query").path("query").asText());
            for (JsonNode f : state.path("filters")) {
                String key = f.path("meta").path("key").asText();
                IndexMapping.Field field = field(lens, mapping, key, "filter");
                assertTrue(field.indexed(), lens.id() + " filters on unindexed " + key);
                for (String named : dslFields(f.path("query"))) {
                    assertEquals(key, named, lens.id() + ": a filter's query names the field its meta names");
                }
                checked++;
            }
            JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
            for (Map.Entry<String, JsonNode> layer : layers.properties()) {
                for (Map.Entry<String, JsonNode> c : layer.getValue().path("columns").properties()) {
                    checked += checkColumn(lens, mapping, c.getKey(), c.getValue());
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void dataViewTitlesMatchExactlyTheIndicesOfOneTemplateAndTheirTimeFieldIsADate() {
        for (SavedObject dv : ALL.ofType("index-pattern")) {
            String title = dv.attributes().path("title").asText();
            List<String> matching = new ArrayList<>();
            for (String template : DataContract.indexTemplates().keySet()) {
                for (String pattern : DataContract.mapping(template).indexPatterns()) {
                    if (glob(title).matcher(sampleIndex(pattern)).matches()) {
                        matching.add(template);
                    }
                }
            }
            assertEquals(1, matching.size(), dv.id() + " (" + title + ") matches the indices of " + matching);
            String timeField = dv.attributes().path("timeFieldName").asText("");
            if (!timeField.isEmpty()) {
                assertTrue(DataContract.mapping(matching.get(0)).field(timeField).orElseThrow().isDate(), dv.id());
            }
        }
        SavedObject events = ALL.find("index-pattern", "jira-access-events").orElseThrow();
        assertTrue(glob(events.attributes().path("title").asText()).matcher(DataContract.EVENTS_ALIAS).matches());
        assertTrue(glob(events.attributes().path("title").asText()).matcher(DataContract.eventsIndex(java.time.Instant.EPOCH)).matches());
        SavedObject creds = ALL.find("index-pattern", "jira-access-credentials").orElseThrow();
        assertEquals(DataContract.CREDENTIALS_INDEX, creds.attributes().path("title").asText());
        assertEquals("", creds.attributes().path("timeFieldName").asText(""),
                "credentials are current state: a time field would let the dashboard's time range hide them");
    }

    // ---- helpers

    private static Set<String> accessors(String type, JsonNode vis, String layerId) {
        Set<String> out = new LinkedHashSet<>();
        switch (type) {
            case "lnsXY" -> {
                for (JsonNode l : vis.path("layers")) {
                    assertEquals(layerId, l.path("layerId").asText());
                    add(out, l.path("xAccessor"));
                    add(out, l.path("splitAccessor"));
                    l.path("accessors").forEach(x -> add(out, x));
                }
            }
            case "lnsDatatable" -> {
                assertEquals(layerId, vis.path("layerId").asText());
                vis.path("columns").forEach(c -> add(out, c.path("columnId")));
            }
            case "lnsMetric" -> {
                assertEquals(layerId, vis.path("layerId").asText());
                add(out, vis.path("metricAccessor"));
                add(out, vis.path("secondaryMetricAccessor"));
                add(out, vis.path("breakdownByAccessor"));
            }
            case "lnsPie" -> {
                for (JsonNode l : vis.path("layers")) {
                    assertEquals(layerId, l.path("layerId").asText());
                    l.path("primaryGroups").forEach(x -> add(out, x));
                    l.path("metrics").forEach(x -> add(out, x));
                }
            }
            default -> throw new AssertionError(type);
        }
        return out;
    }

    private static void add(Set<String> out, JsonNode accessor) {
        if (accessor.isTextual()) {
            out.add(accessor.asText());
        }
    }

    private static SavedObject dataViewOf(SavedObject lens) {
        Reference r = lens.reference("indexpattern-datasource-layer-main").orElseThrow();
        return ALL.find("index-pattern", r.id()).orElseThrow();
    }

    private static IndexMapping mappingOf(SavedObject dataView) {
        String title = dataView.attributes().path("title").asText();
        for (String template : DataContract.indexTemplates().keySet()) {
            IndexMapping m = DataContract.mapping(template);
            if (m.indexPatterns().stream().anyMatch(p -> glob(title).matcher(sampleIndex(p)).matches())) {
                return m;
            }
        }
        throw new AssertionError("no template for data view " + title);
    }

    private static IndexMapping.Field field(SavedObject lens, IndexMapping mapping, String name, String where) {
        return mapping.field(name).orElseThrow(() -> new AssertionError(
                lens.id() + " (" + lens.origin() + ") " + where + " names '" + name + "', which template "
                        + mapping.template() + " does not map"));
    }

    private static int checkColumn(SavedObject lens, IndexMapping mapping, String id, JsonNode col) {
        String op = col.path("operationType").asText();
        String source = col.path("sourceField").asText("");
        String dataType = col.path("dataType").asText();
        String where = "column '" + id + "' (" + op + ")";
        int checked = 0;
        if (col.path("filter").isObject()) {
            checked += checkKql(lens, mapping, where + " filter", col.path("filter").path("query").asText());
        }
        if (op.equals("filters")) {
            for (JsonNode f : col.path("params").path("filters")) {
                checked += checkKql(lens, mapping, where + " filter", f.path("input").path("query").asText());
            }
            return checked;
        }
        if (op.equals("count") && source.equals(LensQueries.RECORDS)) {
            assertEquals("number", dataType, lens.id() + " " + where);
            return checked + 1;
        }
        IndexMapping.Field f = field(lens, mapping, source, where);
        assertTrue(f.isAggregatable(), lens.id() + " " + where + " on " + source + ", which cannot be aggregated");
        switch (op) {
            case "date_histogram" -> assertTrue(f.isDate(), lens.id() + " " + where + " needs a date, " + source + " is " + f.type());
            case "terms" -> assertThat(List.of("keyword", "ip", "boolean", "long")).as(lens.id() + " " + where).contains(f.type());
            case "unique_count" -> assertThat(List.of("keyword", "ip")).as(lens.id() + " " + where).contains(f.type());
            case "sum", "avg", "median" -> assertTrue(f.isNumeric(), lens.id() + " " + where + " needs a number");
            case "min", "max" -> assertTrue(f.isNumeric() || f.isDate(), lens.id() + " " + where + " needs a number or date");
            case "count" -> { }
            default -> throw new AssertionError(lens.id() + " " + where + ": operation not expected in these dashboards");
        }
        if (op.equals("terms") || op.equals("min") || op.equals("max") || op.equals("date_histogram")) {
            assertEquals(kibanaType(f), dataType, lens.id() + " " + where + ": dataType follows the field's type");
        } else {
            assertEquals("number", dataType, lens.id() + " " + where);
        }
        JsonNode orderBy = col.path("params").path("orderBy");
        if (orderBy.path("type").asText().equals("column")) {
            assertTrue(lens.attributes().path("state").path("datasourceStates").path("formBased").path("layers").path("main")
                    .path("columns").has(orderBy.path("columnId").asText()), lens.id() + " " + where + " orders by a missing column");
        }
        return checked + 1;
    }

    private static int checkKql(SavedObject lens, IndexMapping mapping, String where, String kql) {
        int checked = 0;
        for (Kql.FieldUse use : Kql.parse(kql).fields()) {
            IndexMapping.Field f = field(lens, mapping, use.field(), where + " KQL");
            String ctx = lens.id() + " " + where + ": " + use;
            assertTrue(f.indexed(), ctx + " searches an unindexed field");
            switch (use.use()) {
                case EXISTS -> { }
                case WILDCARD -> assertThat(List.of("keyword", "text")).as(ctx).contains(f.type());
                case RANGE -> {
                    assertTrue(f.isDate() || f.isNumeric() || f.type().equals("ip"), ctx + " ranges over a " + f.type());
                    assertValueSuits(ctx, f, use.value());
                }
                case MATCH, PHRASE -> assertValueSuits(ctx, f, use.value());
                default -> throw new AssertionError(ctx);
            }
            checked++;
        }
        return checked;
    }

    /** A value a field of this type can hold: otherwise Elasticsearch fails the whole search. */
    private static void assertValueSuits(String ctx, IndexMapping.Field f, String value) {
        switch (f.type()) {
            case "long" -> assertTrue(value.matches("-?\\d+"), ctx + ": not a whole number");
            case "boolean" -> assertTrue(value.equals("true") || value.equals("false"), ctx + ": not a boolean");
            case "ip" -> assertTrue(value.matches("[0-9a-fA-F.:/]+"), ctx + ": not an address");
            case "date" -> {
                if (!DATE_MATH.matcher(value).matches()) {
                    try {
                        OffsetDateTime.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new AssertionError(ctx + ": neither date math nor an ISO date");
                    }
                }
            }
            default -> { }
        }
    }

    private static String kibanaType(IndexMapping.Field f) {
        if (f.isNumeric()) {
            return "number";
        }
        return switch (f.type()) {
            case "keyword", "text" -> "string";
            default -> f.type();
        };
    }

    /** The field names a filter's query DSL names (match_phrase, match, term(s), range, exists, bool). */
    private static List<String> dslFields(JsonNode q) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : q.properties()) {
            switch (e.getKey()) {
                case "match_phrase", "match", "term", "terms", "range", "wildcard", "prefix" ->
                        e.getValue().fieldNames().forEachRemaining(out::add);
                case "exists" -> out.add(e.getValue().path("field").asText());
                case "bool" -> e.getValue().properties().forEach(c -> c.getValue().forEach(x -> out.addAll(dslFields(x))));
                default -> throw new AssertionError("filter query type " + e.getKey() + " is not checked here");
            }
        }
        return out;
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    /** An index name a template pattern creates: the daily events index for {@code jira-access-events-*}. */
    private static String sampleIndex(String templatePattern) {
        return templatePattern.replace("*", "2025.03.14");
    }
}
