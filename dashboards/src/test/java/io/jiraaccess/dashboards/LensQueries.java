package io.jiraaccess.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates Lens layers into the Elasticsearch searches Kibana runs for them, so that the visualizations can be
 * checked against a real Elasticsearch without Kibana.
 *
 * <p>Bucket columns nest in {@code columnOrder} order (outermost first), metrics sit in the innermost bucket, each
 * aggregation is named by its column id. Supported columns: {@code date_histogram}, {@code terms}, {@code filters}
 * (buckets); {@code count}, {@code unique_count}, {@code sum}, {@code avg}, {@code min}, {@code max}, {@code median}
 * (metrics, optionally with a column filter). The visualization's query (KQL or Lucene) and enabled filters, and the
 * time range on the data view's time field, form the query. Kibana's "other" bucket is a second request in Kibana and
 * is left out here. Anything else is refused with the visualization and column named.
 */
public final class LensQueries {
    static final String RECORDS = "___records___";
    /** Kibana's histogram:barTarget: an "auto" interval aims at about this many buckets. */
    private static final int BAR_TARGET = 50;
    private static final List<Duration> NICE_INTERVALS = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(365));
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SavedObjects objects;

    private LensQueries(SavedObjects objects) {
        this.objects = objects;
    }

    /** Over the saved objects {@link DataContract} ships. */
    public static LensQueries fromContract() {
        return new LensQueries(SavedObjects.fromContract());
    }

    /** Over any set of saved objects (the data views the Lens objects reference must be among them). */
    public static LensQueries of(SavedObjects objects) {
        return new LensQueries(objects);
    }

    /** One search per layer of every Lens object, in file order. */
    public List<LensSearch> all(TimeRange range) {
        List<LensSearch> out = new ArrayList<>();
        for (SavedObjects.SavedObject lens : objects.ofType("lens")) {
            out.addAll(translate(lens, range));
        }
        return out;
    }

    /** The searches of one Lens object, one per layer. */
    public List<LensSearch> forVisualization(String lensId, TimeRange range) {
        SavedObjects.SavedObject lens = objects.find("lens", lensId)
                .orElseThrow(() -> new IllegalArgumentException("no Lens saved object with id '" + lensId + "'"));
        return translate(lens, range);
    }

    /** The searches behind every panel of a dashboard, in panel order. */
    public List<LensSearch> forDashboard(String dashboardId, TimeRange range) {
        SavedObjects.SavedObject d = objects.find("dashboard", dashboardId)
                .orElseThrow(() -> new IllegalArgumentException("no dashboard saved object with id '" + dashboardId + "'"));
        JsonNode panels;
        try {
            panels = JSON.readTree(d.attributes().path("panelsJSON").asText("[]"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("dashboard '" + d.title() + "' (" + d.origin() + ") has panelsJSON that is not JSON");
        }
        List<LensSearch> out = new ArrayList<>();
        for (JsonNode p : panels) {
            String refName = p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText();
            SavedObjects.Reference ref = d.reference(refName).orElseThrow(() -> new IllegalArgumentException(
                    "dashboard '" + d.title() + "' (" + d.origin() + ") has no reference '" + refName + "'"));
            out.addAll(forVisualization(ref.id(), range));
        }
        return out;
    }

    private List<LensSearch> translate(SavedObjects.SavedObject lens, TimeRange range) {
        JsonNode state = lens.attributes().path("state");
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        if (!layers.isObject() || layers.isEmpty()) {
            throw refuse(lens, "has no formBased layers (only form-based Lens visualizations translate)");
        }
        List<LensSearch> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> layer : layers.properties()) {
            out.add(layer(lens, state, layer.getKey(), layer.getValue(), range));
        }
        return out;
    }

    private LensSearch layer(SavedObjects.SavedObject lens, JsonNode state, String layerId, JsonNode layer, TimeRange range) {
        String refName = "indexpattern-datasource-layer-" + layerId;
        SavedObjects.Reference ref = lens.reference(refName)
                .orElseThrow(() -> refuse(lens, "has no reference '" + refName + "' for layer " + layerId));
        SavedObjects.SavedObject dataView = objects.find("index-pattern", ref.id())
                .orElseThrow(() -> refuse(lens, "references data view '" + ref.id() + "', which is not among the saved objects"));
        String index = dataView.attributes().path("title").asText();
        String timeField = dataView.attributes().path("timeFieldName").asText("");

        ObjectNode body = F.objectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.set("query", query(lens, state, timeField, range));

        JsonNode columns = layer.path("columns");
        List<String> buckets = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (JsonNode idNode : layer.path("columnOrder")) {
            String id = idNode.asText();
            JsonNode col = columns.path(id);
            if (col.isMissingNode()) {
                throw refuse(lens, "layer " + layerId + " orders column '" + id + "', which it does not define");
            }
            (col.path("isBucketed").asBoolean() ? buckets : metrics).add(id);
        }

        ObjectNode container = body;
        String outer = null;
        for (String id : buckets) {
            ObjectNode agg = bucketAgg(lens, id, columns, range);
            container.withObjectProperty("aggs").set(id, agg);
            if (outer == null) {
                outer = id;
            }
            container = agg;
        }
        for (String id : metrics) {
            ObjectNode agg = metricAgg(lens, id, columns.get(id));
            if (agg != null) {
                container.withObjectProperty("aggs").set(id, agg);
            }
        }
        return new LensSearch(lens.id(), lens.title(), layerId, index, body, outer);
    }

    private ObjectNode query(SavedObjects.SavedObject lens, JsonNode state, String timeField, TimeRange range) {
        ArrayNode filter = F.arrayNode();
        ArrayNode mustNot = F.arrayNode();
        if (!timeField.isEmpty() && range != null) {
            ObjectNode r = F.objectNode();
            r.putObject(timeField).put("gte", range.from().toString()).put("lte", range.to().toString())
                    .put("format", "strict_date_optional_time");
            filter.add(F.objectNode().set("range", r));
        }
        JsonNode q = state.path("query");
        String text = q.path("query").asText("");
        if (!text.isBlank()) {
            filter.add(queryOf(lens, "query", text, q.path("language").asText("kuery")));
        }
        int i = 0;
        for (JsonNode f : state.path("filters")) {
            JsonNode meta = f.path("meta");
            if (meta.path("disabled").asBoolean(false)) {
                i++;
                continue;
            }
            JsonNode dsl = f.path("query");
            if (!dsl.isObject()) {
                throw refuse(lens, "filter " + i + " has no 'query' object (" + meta.path("key").asText("?") + ")");
            }
            (meta.path("negate").asBoolean(false) ? mustNot : filter).add(dsl.deepCopy());
            i++;
        }
        ObjectNode bool = F.objectNode();
        bool.set("filter", filter);
        if (!mustNot.isEmpty()) {
            bool.set("must_not", mustNot);
        }
        ObjectNode out = F.objectNode();
        out.set("bool", bool);
        return out;
    }

    private JsonNode queryOf(SavedObjects.SavedObject lens, String where, String text, String language) {
        if ("lucene".equals(language)) {
            ObjectNode qs = F.objectNode().put("query", text);
            return F.objectNode().set("query_string", qs);
        }
        if (!"kuery".equals(language)) {
            throw refuse(lens, where + " is in query language '" + language + "'; only kuery and lucene translate");
        }
        try {
            return Kql.parse(text).toQuery();
        } catch (IllegalArgumentException e) {
            throw refuse(lens, where + ": " + e.getMessage());
        }
    }

    private ObjectNode bucketAgg(SavedObjects.SavedObject lens, String id, JsonNode columns, TimeRange range) {
        JsonNode col = columns.get(id);
        String op = col.path("operationType").asText();
        String field = col.path("sourceField").asText();
        JsonNode params = col.path("params");
        ObjectNode agg = F.objectNode();
        switch (op) {
            case "date_histogram" -> {
                ObjectNode dh = agg.putObject("date_histogram");
                dh.put("field", field);
                String interval = params.path("interval").asText("auto");
                if ("auto".equals(interval)) {
                    dh.put("fixed_interval", autoInterval(range));
                } else if (interval.matches("1[mhdwMqy]")) {
                    dh.put("calendar_interval", interval);
                } else if (interval.matches("\\d+(ms|s|m|h|d)")) {
                    dh.put("fixed_interval", interval);
                } else {
                    throw refuse(lens, "column '" + id + "' has date_histogram interval '" + interval + "', which does not translate");
                }
                dh.put("time_zone", "UTC");
                boolean emptyRows = params.path("includeEmptyRows").asBoolean(false);
                dh.put("min_doc_count", emptyRows ? 0 : 1);
                if (emptyRows && range != null) {
                    dh.putObject("extended_bounds").put("min", range.from().toEpochMilli()).put("max", range.to().toEpochMilli());
                }
            }
            case "terms" -> {
                ObjectNode t = agg.putObject("terms");
                t.put("field", field);
                t.put("size", params.path("size").asInt(5));
                if (params.path("missingBucket").asBoolean(false)) {
                    t.put("missing", "(missing value)");
                }
                values(params, "include", t);
                values(params, "exclude", t);
                String dir = params.path("orderDirection").asText("desc");
                JsonNode orderBy = params.path("orderBy");
                String orderType = orderBy.path("type").asText("column");
                if ("alphabetical".equals(orderType)) {
                    t.putObject("order").put("_key", dir);
                } else if ("column".equals(orderType)) {
                    String target = orderBy.path("columnId").asText();
                    JsonNode targetCol = columns.path(target);
                    if (targetCol.isMissingNode() || targetCol.path("isBucketed").asBoolean()) {
                        throw refuse(lens, "column '" + id + "' is ordered by '" + target + "', which is not a metric column of the layer");
                    }
                    ObjectNode metric = metricAgg(lens, target, targetCol);
                    if (metric == null) {
                        t.putObject("order").put("_count", dir);
                    } else {
                        String name = id + "-orderAgg";
                        agg.withObjectProperty("aggs").set(name, metric);
                        // a filtered metric orders by the metric inside its filter bucket, a filtered count by the
                        // bucket's own document count
                        t.putObject("order").put(metric.path("aggs").has("value") ? name + ">value" : name, dir);
                    }
                } else {
                    throw refuse(lens, "column '" + id + "' orders terms by '" + orderType + "', which does not translate");
                }
            }
            case "filters" -> {
                ObjectNode named = agg.putObject("filters").putObject("filters");
                for (JsonNode f : params.path("filters")) {
                    JsonNode input = f.path("input");
                    String text = input.path("query").asText("");
                    String label = f.path("label").asText("");
                    named.set(label.isEmpty() ? (text.isEmpty() ? "*" : text) : label,
                            text.isBlank() ? F.objectNode().set("match_all", F.objectNode())
                                    : queryOf(lens, "column '" + id + "' filter", text, input.path("language").asText("kuery")));
                }
            }
            default -> throw refuse(lens, "column '" + id + "' is a '" + op + "' bucket, which does not translate");
        }
        if (col.has("filter") || col.has("timeShift") || col.has("reducedTimeRange")) {
            throw refuse(lens, "column '" + id + "' is a bucket with a filter or time shift, which does not translate");
        }
        return agg;
    }

    /** The metric aggregation of a column, or null for a plain count (the bucket's doc_count). */
    private ObjectNode metricAgg(SavedObjects.SavedObject lens, String id, JsonNode col) {
        String op = col.path("operationType").asText();
        String field = col.path("sourceField").asText();
        if (col.has("timeShift") || col.has("reducedTimeRange")) {
            throw refuse(lens, "column '" + id + "' shifts or reduces the time range, which does not translate");
        }
        ObjectNode metric = F.objectNode();
        switch (op) {
            case "count" -> {
                if (!RECORDS.equals(field)) {
                    metric.putObject("value_count").put("field", field);
                } else {
                    metric = null;
                }
            }
            case "unique_count" -> metric.putObject("cardinality").put("field", field);
            case "sum", "avg", "min", "max" -> metric.putObject(op).put("field", field);
            case "median" -> metric.putObject("percentiles").put("field", field).putArray("percents").add(50);
            default -> throw refuse(lens, "column '" + id + "' is a '" + op + "' metric, which does not translate");
        }
        JsonNode filter = col.path("filter");
        if (filter.isObject() && !filter.path("query").asText("").isBlank()) {
            ObjectNode wrapped = F.objectNode();
            wrapped.set("filter", queryOf(lens, "column '" + id + "' filter", filter.path("query").asText(),
                    filter.path("language").asText("kuery")));
            if (metric != null) {
                wrapped.withObjectProperty("aggs").set("value", metric);
            }
            return wrapped;
        }
        return metric;
    }

    private static void values(JsonNode params, String key, ObjectNode terms) {
        JsonNode list = params.path(key);
        if (!list.isArray() || list.isEmpty()) {
            return;
        }
        if (params.path(key + "IsRegex").asBoolean(false)) {
            terms.put(key, list.get(0).asText());
        } else {
            terms.set(key, list.deepCopy());
        }
    }

    /** A "nice" interval giving at most about {@link #BAR_TARGET} buckets over the range (a day when there is none). */
    static String autoInterval(TimeRange range) {
        if (range == null) {
            return "1d";
        }
        Duration raw = range.duration().dividedBy(BAR_TARGET);
        for (Duration d : NICE_INTERVALS) {
            if (d.compareTo(raw) >= 0) {
                return format(d);
            }
        }
        return format(NICE_INTERVALS.get(NICE_INTERVALS.size() - 1));
    }

    private static String format(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    private static IllegalArgumentException refuse(SavedObjects.SavedObject lens, String problem) {
        return new IllegalArgumentException("Lens '" + lens.title() + "' (" + lens.id() + ", " + lens.origin() + ") "
                + problem);
    }
}
