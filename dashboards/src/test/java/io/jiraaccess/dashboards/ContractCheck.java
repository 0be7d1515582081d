package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.dashboards.SavedObjects.Reference;
import io.jiraaccess.dashboards.SavedObjects.SavedObject;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a set of saved objects against Kibana 8.19's import format and against the index templates: returns every
 * problem found, each naming the object and what is wrong, so a test can assert there are none (or exactly the ones a
 * broken object must produce).
 */
final class ContractCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kibana 8.19's dashboard attribute schema (v1/v2) forbids any other key. */
    static final Set<String> DASHBOARD_ATTRIBUTES = Set.of("title", "description", "kibanaSavedObjectMeta",
            "timeRestore", "timeFrom", "timeTo", "refreshInterval", "controlGroupInput", "panelsJSON", "optionsJSON",
            "hits", "version");
    static final Map<String, String> TYPE_MIGRATION_VERSIONS = Map.of(
            "index-pattern", "8.0.0", "lens", "8.9.0", "dashboard", "10.2.0");
    private static final Set<String> LENS_VISUALIZATIONS = Set.of("lnsXY", "lnsDatatable", "lnsMetric", "lnsPie");
    private static final Pattern DATE_MATH = Pattern.compile("now([+-]\\d+[smhdwMy])*(/[smhdwMy])?");

    private final SavedObjects all;
    private final List<String> problems = new ArrayList<>();
    private int fieldsChecked;

    private ContractCheck(SavedObjects all) {
        this.all = all;
    }

    /** Every problem in {@code objects}; empty when they would import into Kibana and query the templates' indices. */
    static ContractCheck run(SavedObjects objects) {
        ContractCheck c = new ContractCheck(objects);
        c.check();
        return c;
    }

    List<String> problems() {
        return problems;
    }

    /** How many field uses were checked against the mappings (to see the check did look). */
    int fieldsChecked() {
        return fieldsChecked;
    }

    private void check() {
        Set<String> ids = new HashSet<>();
        for (SavedObject o : all.all()) {
            if (!ids.add(o.id())) {
                problem(o, "duplicate id " + o.id());
            }
            String expected = TYPE_MIGRATION_VERSIONS.get(o.type());
            if (expected == null) {
                problem(o, "type " + o.type() + " is not one these dashboards use (data views, Lens, dashboards)");
                continue;
            }
            if (!expected.equals(o.json().path("typeMigrationVersion").asText())) {
                problem(o, "typeMigrationVersion must be " + expected);
            }
            if (!"8.8.0".equals(o.json().path("coreMigrationVersion").asText())) {
                problem(o, "coreMigrationVersion must be 8.8.0");
            }
            references(o);
            switch (o.type()) {
                case "index-pattern" -> dataView(o);
                case "lens" -> lens(o);
                case "dashboard" -> dashboard(o);
                default -> { }
            }
        }
    }

    private void references(SavedObject o) {
        Set<String> used = new LinkedHashSet<>();
        if (o.type().equals("lens")) {
            o.attributes().path("state").path("datasourceStates").path("formBased").path("layers").fieldNames()
                    .forEachRemaining(l -> used.add("indexpattern-datasource-layer-" + l));
            for (JsonNode f : o.attributes().path("state").path("filters")) {
                used.add(f.path("meta").path("index").asText());
            }
        } else if (o.type().equals("dashboard")) {
            for (JsonNode p : panels(o)) {
                used.add(p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText());
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        for (Reference r : o.references()) {
            if (all.find(r.type(), r.id()).isEmpty()) {
                problem(o, "reference " + r.name() + " points to " + r.type() + "/" + r.id() + ", which is not in the files");
            }
            declared.add(r.name());
        }
        if (!used.equals(declared)) {
            problem(o, "declares references " + declared + " but its attributes use " + used);
        }
    }

    private void dataView(SavedObject dv) {
        String title = dv.attributes().path("title").asText();
        List<String> matching = templatesMatching(title);
        if (matching.size() != 1) {
            problem(dv, "title '" + title + "' matches the indices of " + matching + "; it must match exactly one template's");
            return;
        }
        String timeField = dv.attributes().path("timeFieldName").asText("");
        if (!timeField.isEmpty()) {
            Optional<IndexMapping.Field> f = IndexMapping.of(matching.get(0)).field(timeField);
            if (f.isEmpty() || !f.get().isDate()) {
                problem(dv, "time field " + timeField + " is not a date in " + matching.get(0));
            }
        }
    }

    private void dashboard(SavedObject d) {
        d.attributes().fieldNames().forEachRemaining(k -> {
            if (!DASHBOARD_ATTRIBUTES.contains(k)) {
                problem(d, "attribute '" + k + "' is refused by Kibana's dashboard schema");
            }
        });
        List<int[]> cells = new ArrayList<>();
        for (JsonNode p : panels(d)) {
            String index = p.path("panelIndex").asText();
            if (!"lens".equals(p.path("type").asText())) {
                problem(d, "panel " + index + " is a " + p.path("type").asText() + ", not a Lens visualization");
            }
            if (!("panel_" + index).equals(p.path("panelRefName").asText()) || !index.equals(p.path("gridData").path("i").asText())) {
                problem(d, "panel " + index + " must have panelRefName panel_" + index + " and gridData.i " + index);
            }
            Optional<Reference> ref = d.reference(index + ":panel_" + index);
            if (ref.isEmpty() || !ref.get().type().equals("lens") || all.find("lens", ref.get().id()).isEmpty()) {
                problem(d, "panel " + index + " does not reference an existing Lens object");
            }
            JsonNode g = p.path("gridData");
            int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
            if (x < 0 || w <= 0 || h <= 0 || x + w > 48) {
                problem(d, "panel " + index + " is off the 48-wide grid");
            }
            for (int[] c : cells) {
                if (x < c[0] + c[2] && c[0] < x + w && y < c[1] + c[3] && c[1] < y + h) {
                    problem(d, "panel " + index + " overlaps another panel");
                }
            }
            cells.add(new int[] {x, y, w, h});
        }
    }

    private JsonNode panels(SavedObject d) {
        try {
            return JSON.readTree(d.attributes().path("panelsJSON").asText("[]"));
        } catch (Exception e) {
            problem(d, "panelsJSON is not JSON");
            return JSON.createArrayNode();
        }
    }

    private void lens(SavedObject lens) {
        JsonNode a = lens.attributes();
        a.fieldNames().forEachRemaining(k -> {
            if (!Set.of("title", "description", "visualizationType", "state").contains(k)) {
                problem(lens, "unexpected attribute '" + k + "'");
            }
        });
        String visType = a.path("visualizationType").asText();
        if (!LENS_VISUALIZATIONS.contains(visType)) {
            problem(lens, "visualization type '" + visType + "' is not one of " + LENS_VISUALIZATIONS);
            return;
        }
        JsonNode state = a.path("state");
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        if (layers.size() != 1) {
            problem(lens, "has " + layers.size() + " form-based layers; these dashboards use exactly one");
            return;
        }
        String layerId = layers.fieldNames().next();
        JsonNode layer = layers.get(layerId);
        Set<String> columns = new LinkedHashSet<>();
        layer.path("columns").fieldNames().forEachRemaining(columns::add);
        Set<String> order = new LinkedHashSet<>();
        layer.path("columnOrder").forEach(c -> order.add(c.asText()));
        if (!columns.equals(order)) {
            problem(lens, "columnOrder " + order + " does not list exactly the columns " + columns);
        }
        Set<String> shown = accessors(lens, visType, state.path("visualization"), layerId);
        if (!columns.equals(shown)) {
            problem(lens, "the visualization shows " + shown + " but the layer has columns " + columns);
        }
        Optional<IndexMapping> mapping = lens.reference("indexpattern-datasource-layer-" + layerId)
                .flatMap(r -> all.find("index-pattern", r.id()))
                .flatMap(dv -> {
                    List<String> t = templatesMatching(dv.attributes().path("title").asText());
                    return t.size() == 1 ? Optional.of(IndexMapping.of(t.get(0))) : Optional.empty();
                });
        if (mapping.isEmpty()) {
            problem(lens, "its layer's data view is missing or matches no single template");
            return;
        }
        kql(lens, mapping.get(), "query", state.path("query").path("query").asText(""));
        for (JsonNode f : state.path("filters")) {
            String key = f.path("meta").path("key").asText();
            Optional<IndexMapping.Field> field = mapping.get().field(key);
            if (field.isEmpty() || !field.get().indexed()) {
                problem(lens, "filter names '" + key + "', which " + mapping.get().template() + " does not index");
            }
            for (String named : dslFields(lens, f.path("query"))) {
                if (!named.equals(key)) {
                    problem(lens, "filter on '" + key + "' queries '" + named + "'");
                }
            }
            fieldsChecked++;
        }
        for (Map.Entry<String, JsonNode> c : layer.path("columns").properties()) {
            column(lens, mapping.get(), c.getKey(), c.getValue(), columns);
        }
    }

    private Set<String> accessors(SavedObject lens, String type, JsonNode vis, String layerId) {
        Set<String> out = new LinkedHashSet<>();
        List<JsonNode> layers = new ArrayList<>();
        if (type.equals("lnsXY") || type.equals("lnsPie")) {
            vis.path("layers").forEach(layers::add);
        } else {
            layers.add(vis);
        }
        for (JsonNode l : layers) {
            if (!layerId.equals(l.path("layerId").asText())) {
                problem(lens, "visualization layer " + l.path("layerId").asText() + " is not the data layer " + layerId);
            }
            for (String key : List.of("xAccessor", "splitAccessor", "metricAccessor", "secondaryMetricAccessor",
                    "breakdownByAccessor")) {
                if (l.path(key).isTextual()) {
                    out.add(l.path(key).asText());
                }
            }
            l.path("accessors").forEach(x -> out.add(x.asText()));
            l.path("primaryGroups").forEach(x -> out.add(x.asText()));
            l.path("metrics").forEach(x -> out.add(x.asText()));
            l.path("columns").forEach(c -> out.add(c.path("columnId").asText()));
        }
        return out;
    }

    private void column(SavedObject lens, IndexMapping mapping, String id, JsonNode col, Set<String> columns) {
        String op = col.path("operationType").asText();
        String source = col.path("sourceField").asText("");
        String dataType = col.path("dataType").asText();
        String where = "column '" + id + "' (" + op + ")";
        if (col.path("filter").isObject()) {
            kql(lens, mapping, where + " filter", col.path("filter").path("query").asText());
        }
        if (op.equals("filters")) {
            for (JsonNode f : col.path("params").path("filters")) {
                kql(lens, mapping, where + " filter", f.path("input").path("query").asText());
            }
            return;
        }
        fieldsChecked++;
        if (op.equals("count") && source.equals(LensQueries.RECORDS)) {
            expectDataType(lens, where, "number", dataType);
            return;
        }
        Optional<IndexMapping.Field> found = mapping.field(source);
        if (found.isEmpty()) {
            problem(lens, where + " names '" + source + "', which " + mapping.template() + " does not map");
            return;
        }
        IndexMapping.Field f = found.get();
        if (!f.isAggregatable()) {
            problem(lens, where + " aggregates " + source + ", a " + f.type() + " field without doc values");
            return;
        }
        boolean suits = switch (op) {
            case "date_histogram" -> f.isDate();
            case "terms" -> List.of("keyword", "ip", "boolean", "long").contains(f.type());
            case "unique_count" -> List.of("keyword", "ip").contains(f.type());
            case "sum", "avg", "median" -> f.isNumeric();
            case "min", "max" -> f.isNumeric() || f.isDate();
            case "count" -> true;
            default -> false;
        };
        if (!suits) {
            problem(lens, where + " does not suit " + source + ", a " + f.type() + " field");
            return;
        }
        boolean followsField = List.of("terms", "min", "max", "date_histogram").contains(op);
        expectDataType(lens, where, followsField ? kibanaType(f) : "number", dataType);
        JsonNode orderBy = col.path("params").path("orderBy");
        if (orderBy.path("type").asText().equals("column") && !columns.contains(orderBy.path("columnId").asText())) {
            problem(lens, where + " is ordered by '" + orderBy.path("columnId").asText() + "', which is not a column");
        }
    }

    private void expectDataType(SavedObject lens, String where, String expected, String actual) {
        if (!expected.equals(actual)) {
            problem(lens, where + " has dataType " + actual + " where the field gives " + expected);
        }
    }

    private void kql(SavedObject lens, IndexMapping mapping, String where, String kql) {
        List<Kql.FieldUse> uses;
        try {
            uses = Kql.parse(kql).fields();
        } catch (IllegalArgumentException e) {
            problem(lens, where + ": " + e.getMessage());
            return;
        }
        for (Kql.FieldUse use : uses) {
            fieldsChecked++;
            String ctx = where + " KQL " + use.use().name().toLowerCase() + " on '" + use.field() + "'";
            Optional<IndexMapping.Field> found = mapping.field(use.field());
            if (found.isEmpty()) {
                problem(lens, ctx + ": " + mapping.template() + " does not map that field");
                continue;
            }
            IndexMapping.Field f = found.get();
            if (!f.indexed()) {
                problem(lens, ctx + ": the field is not indexed");
                continue;
            }
            switch (use.use()) {
                case EXISTS -> { }
                case WILDCARD -> {
                    if (!List.of("keyword", "text").contains(f.type())) {
                        problem(lens, ctx + ": wildcards need a keyword or text field, not " + f.type());
                    }
                }
                case RANGE -> {
                    if (!(f.isDate() || f.isNumeric() || f.type().equals("ip"))) {
                        problem(lens, ctx + ": a range needs a date, number or ip field, not " + f.type());
                    } else {
                        value(lens, ctx, f, use.value());
                    }
                }
                case MATCH, PHRASE -> value(lens, ctx, f, use.value());
                default -> problem(lens, ctx + ": not checked");
            }
        }
    }

    /** A value a field of this type can hold; otherwise Elasticsearch fails the whole search. */
    private void value(SavedObject lens, String ctx, IndexMapping.Field f, String value) {
        boolean ok = switch (f.type()) {
            case "long" -> value.matches("-?\\d+");
            case "boolean" -> value.equals("true") || value.equals("false");
            case "ip" -> value.matches("[0-9a-fA-F.:/]+");
            case "date" -> DATE_MATH.matcher(value).matches() || isIsoDate(value);
            default -> true;
        };
        if (!ok) {
            problem(lens, ctx + ": '" + value + "' is not a valid " + f.type());
        }
    }

    private static boolean isIsoDate(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
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

    /** The fields a filter's query DSL names (match_phrase, match, term(s), range, exists, bool). */
    private List<String> dslFields(SavedObject lens, JsonNode q) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : q.properties()) {
            switch (e.getKey()) {
                case "match_phrase", "match", "term", "terms", "range", "wildcard", "prefix" ->
                        e.getValue().fieldNames().forEachRemaining(out::add);
                case "exists" -> out.add(e.getValue().path("field").asText());
                case "bool" -> e.getValue().properties().forEach(c -> c.getValue().forEach(x -> out.addAll(dslFields(lens, x))));
                default -> problem(lens, "filter query type '" + e.getKey() + "' is not checked");
            }
        }
        return out;
    }

    /** The index templates whose indices a data view title (an index pattern) matches. */
    static List<String> templatesMatching(String title) {
        Pattern glob = Pattern.compile(Pattern.quote(title).replace("*", "\\E.*\\Q"));
        List<String> out = new ArrayList<>();
        for (String template : DataContract.indexTemplates().keySet()) {
            for (String pattern : IndexMapping.of(template).indexPatterns()) {
                // an index the template creates: the daily events index for jira-access-events-*
                if (glob.matcher(pattern.replace("*", "2025.03.14")).matches()) {
                    out.add(template);
                }
            }
        }
        return out;
    }

    private void problem(SavedObject o, String what) {
        problems.add(o.type() + "/" + o.id() + " (" + o.origin() + "): " + what);
    }
}
