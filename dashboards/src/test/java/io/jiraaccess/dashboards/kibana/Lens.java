package io.jiraaccess.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Lens saved objects in Kibana 8.19's stored shape (form-based datasource, one layer, typeMigrationVersion
 * 8.9.0: the last Lens migration), so that the NDJSON files are written from one consistent description.
 */
final class Lens {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LAYER = "main";

    /** One column of the layer: its id and its persisted definition. */
    record Column(String id, ObjectNode json) {
        boolean bucketed() {
            return json.path("isBucketed").asBoolean();
        }
    }

    private final String id;
    private final String title;
    private final String description;
    private final String dataViewId;
    private String query = "";
    private final List<ObjectNode> filters = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private String visualizationType;
    private ObjectNode visualization;

    private Lens(String id, String title, String description, String dataViewId) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.dataViewId = dataViewId;
    }

    static Lens on(String dataViewId, String id, String title, String description) {
        return new Lens(id, title, description, dataViewId);
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    Lens query(String kql) {
        this.query = kql;
        return this;
    }

    /** A pinned "is" filter, as the filter bar stores it. */
    Lens phraseFilter(String field, String value, boolean negate) {
        ObjectNode f = JSON.createObjectNode();
        ObjectNode meta = f.putObject("meta");
        meta.putNull("alias");
        meta.put("negate", negate).put("disabled", false).put("type", "phrase").put("key", field);
        meta.putObject("params").put("query", value);
        meta.put("index", "filter-index-pattern-" + filters.size());
        f.putObject("query").putObject("match_phrase").put(field, value);
        f.putObject("$state").put("store", "appState");
        filters.add(f);
        return this;
    }

    /** An "exists" filter. */
    Lens existsFilter(String field) {
        ObjectNode f = JSON.createObjectNode();
        ObjectNode meta = f.putObject("meta");
        meta.putNull("alias");
        meta.put("negate", false).put("disabled", false).put("type", "exists").put("key", field).put("value", "exists");
        meta.put("index", "filter-index-pattern-" + filters.size());
        f.putObject("query").putObject("exists").put("field", field);
        f.putObject("$state").put("store", "appState");
        filters.add(f);
        return this;
    }

    // ---- visualizations: each takes the columns in columnOrder order (buckets outermost first, then metrics)

    /** Bars or lines over {@code x}, optionally split by {@code split}, one series per accessor. */
    Lens xy(String seriesType, Column x, Column split, Column... ys) {
        List<Column> order = new ArrayList<>();
        if (split != null) {
            order.add(split);
        }
        order.add(x);
        order.addAll(List.of(ys));
        columns(order);
        visualizationType = "lnsXY";
        ObjectNode v = JSON.createObjectNode();
        v.putObject("legend").put("isVisible", true).put("position", "right");
        v.put("valueLabels", "hide").put("fittingFunction", "None");
        v.putObject("axisTitlesVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        v.putObject("tickLabelsVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        v.putObject("gridlinesVisibilitySettings").put("x", true).put("yLeft", true).put("yRight", true);
        v.putObject("labelsOrientation").put("x", 0).put("yLeft", 0).put("yRight", 0);
        v.put("preferredSeriesType", seriesType);
        ObjectNode layer = v.putArray("layers").addObject();
        layer.put("layerId", LAYER).put("layerType", "data").put("seriesType", seriesType);
        layer.put("xAccessor", x.id());
        if (split != null) {
            layer.put("splitAccessor", split.id());
        }
        ArrayNode acc = layer.putArray("accessors");
        for (Column y : ys) {
            acc.add(y.id());
        }
        layer.putObject("palette").put("type", "palette").put("name", "default");
        visualization = v;
        return this;
    }

    /** A table: rows by the bucket columns, one column per metric. */
    Lens table(Column... cols) {
        columns(List.of(cols));
        visualizationType = "lnsDatatable";
        ObjectNode v = JSON.createObjectNode();
        v.put("layerId", LAYER).put("layerType", "data");
        ArrayNode arr = v.putArray("columns");
        for (Column c : cols) {
            arr.addObject().put("columnId", c.id()).put("isTransposed", false);
        }
        v.put("rowHeight", "single").put("rowHeightLines", 1);
        visualization = v;
        return this;
    }

    /** One big number, optionally with a secondary one under it. */
    Lens metric(Column primary, Column secondary) {
        List<Column> order = new ArrayList<>(List.of(primary));
        if (secondary != null) {
            order.add(secondary);
        }
        columns(order);
        visualizationType = "lnsMetric";
        ObjectNode v = JSON.createObjectNode();
        v.put("layerId", LAYER).put("layerType", "data").put("metricAccessor", primary.id());
        if (secondary != null) {
            v.put("secondaryMetricAccessor", secondary.id());
        }
        visualization = v;
        return this;
    }

    /** A donut over {@code group}. */
    Lens donut(Column group, Column value) {
        columns(List.of(group, value));
        visualizationType = "lnsPie";
        ObjectNode v = JSON.createObjectNode();
        v.put("shape", "donut");
        ObjectNode layer = v.putArray("layers").addObject();
        layer.put("layerId", LAYER).put("layerType", "data");
        layer.putArray("primaryGroups").add(group.id());
        layer.putArray("metrics").add(value.id());
        layer.put("numberDisplay", "value").put("categoryDisplay", "default").put("legendDisplay", "default")
                .put("nestedLegend", false).put("emptySizeRatio", 0.3);
        visualization = v;
        return this;
    }

    private void columns(List<Column> order) {
        columns.clear();
        columns.addAll(order.stream().filter(Column::bucketed).toList());
        columns.addAll(order.stream().filter(c -> !c.bucketed()).toList());
    }

    /** The saved object, ready to be one NDJSON line. */
    ObjectNode toSavedObject() {
        ObjectNode so = JSON.createObjectNode();
        ObjectNode attrs = so.putObject("attributes");
        attrs.put("title", title).put("description", description).put("visualizationType", visualizationType);
        ObjectNode state = attrs.putObject("state");
        state.set("visualization", visualization);
        state.putObject("query").put("query", query).put("language", "kuery");
        ArrayNode fs = state.putArray("filters");
        filters.forEach(fs::add);
        ObjectNode ds = state.putObject("datasourceStates");
        ObjectNode layer = ds.putObject("formBased").putObject("layers").putObject(LAYER);
        ObjectNode cols = layer.putObject("columns");
        ArrayNode order = layer.putArray("columnOrder");
        for (Column c : columns) {
            cols.set(c.id(), c.json());
            order.add(c.id());
        }
        layer.putObject("incompleteColumns");
        layer.put("sampling", 1);
        ds.putObject("textBased").putObject("layers");
        state.putArray("internalReferences");
        state.putObject("adHocDataViews");
        so.put("coreMigrationVersion", "8.8.0");
        so.put("id", id);
        so.put("managed", false);
        ArrayNode refs = so.putArray("references");
        refs.addObject().put("id", dataViewId).put("name", "indexpattern-datasource-layer-" + LAYER).put("type", "index-pattern");
        for (int i = 0; i < filters.size(); i++) {
            refs.addObject().put("id", dataViewId).put("name", "filter-index-pattern-" + i).put("type", "index-pattern");
        }
        so.put("type", "lens");
        so.put("typeMigrationVersion", "8.9.0");
        return so;
    }

    // ---- columns

    static Column count(String id, String label) {
        ObjectNode c = base(label, "number", "count", "ratio", false);
        c.put("sourceField", "___records___");
        c.putObject("params").put("emptyAsNull", true);
        return new Column(id, c);
    }

    /** A count of the documents matching {@code kql} within the bucket (a column filter). */
    static Column countWhere(String id, String label, String kql) {
        Column c = count(id, label);
        c.json().putObject("filter").put("query", kql).put("language", "kuery");
        return c;
    }

    static Column uniqueCount(String id, String field, String label) {
        ObjectNode c = base(label, "number", "unique_count", "ratio", false);
        c.put("sourceField", field);
        c.putObject("params").put("emptyAsNull", true);
        return new Column(id, c);
    }

    /** sum, avg, min or max; {@code dataType} is "date" for min/max over a date field. */
    static Column stat(String op, String id, String field, String dataType, String label) {
        ObjectNode c = base(label, dataType, op, "ratio", false);
        c.put("sourceField", field);
        c.putObject("params").put("emptyAsNull", true);
        return new Column(id, c);
    }

    static Column dateHistogram(String id, String field) {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", field).put("dataType", "date").put("operationType", "date_histogram");
        c.put("sourceField", field).put("isBucketed", true).put("scale", "interval");
        c.putObject("params").put("interval", "auto").put("includeEmptyRows", true).put("dropPartials", false);
        return new Column(id, c);
    }

    /** Top values of {@code field}, ordered by {@code orderBy} (a metric column id) in {@code direction}. */
    static Column terms(String id, String field, String dataType, String label, int size, String orderBy, String direction) {
        ObjectNode c = base(label, dataType, "terms", "ordinal", true);
        c.put("sourceField", field);
        ObjectNode p = c.putObject("params");
        p.put("size", size);
        p.putObject("orderBy").put("type", "column").put("columnId", orderBy);
        p.put("orderDirection", direction);
        p.put("otherBucket", false).put("missingBucket", false);
        p.putObject("parentFormat").put("id", "terms");
        p.putArray("include");
        p.putArray("exclude");
        p.put("includeIsRegex", false).put("excludeIsRegex", false);
        return new Column(id, c);
    }

    /** Buckets by KQL filters, in the order given (label to query). */
    static Column filters(String id, String label, Map<String, String> named) {
        ObjectNode c = base(label, "string", "filters", "ordinal", true);
        ArrayNode arr = c.putObject("params").putArray("filters");
        named.forEach((l, q) -> {
            ObjectNode f = arr.addObject();
            f.putObject("input").put("query", q).put("language", "kuery");
            f.put("label", l);
        });
        return new Column(id, c);
    }

    static Map<String, String> named(String... labelQueryPairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelQueryPairs.length; i += 2) {
            m.put(labelQueryPairs[i], labelQueryPairs[i + 1]);
        }
        return m;
    }

    private static ObjectNode base(String label, String dataType, String op, String scale, boolean bucketed) {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", label).put("customLabel", true).put("dataType", dataType).put("operationType", op);
        c.put("scale", scale).put("isBucketed", bucketed);
        return c;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
