package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Locale;

/** One query's response, read through {@link ResponsePath}s so that every value shown stays bound to its place. */
public final class Answer {
    private final ReportQuery query;
    private final JsonNode json;
    private final String missingIndex;

    private Answer(ReportQuery query, JsonNode json, String missingIndex) {
        this.query = query;
        this.json = json;
        this.missingIndex = missingIndex;
    }

    public static Answer of(ReportQuery query, JsonNode response) {
        return new Answer(query, response, null);
    }

    /** The query's index does not exist: nothing was ever written there. */
    public static Answer missingIndex(ReportQuery query, String index) {
        return new Answer(query, MissingNode.getInstance(), index);
    }

    public ReportQuery query() {
        return query;
    }

    public JsonNode json() {
        return json;
    }

    /** The index that does not exist, or null when the query ran. */
    public String missingIndex() {
        return missingIndex;
    }

    public boolean ran() {
        return missingIndex == null;
    }

    public JsonNode at(ResponsePath p) {
        return p.in(json);
    }

    public long longAt(ResponsePath p) {
        return at(p).asLong(0);
    }

    /** A count, shown with thousands separators; none when the response lacks it. */
    public Bound number(ResponsePath p) {
        JsonNode n = at(p);
        if (!n.isNumber()) {
            return Bound.none();
        }
        return new Bound(String.format(Locale.ROOT, "%,d", n.asLong()), query.id(), p.toString());
    }

    /** A text value (a key, a field, a formatted date); none when absent or empty. */
    public Bound text(ResponsePath p) {
        JsonNode n = at(p);
        String t = n.isValueNode() ? n.asText() : "";
        return t.isEmpty() ? Bound.none() : new Bound(t, query.id(), p.toString());
    }

    /** A date metric's {@code value_as_string}; none when the metric had no document. */
    public Bound date(ResponsePath metric) {
        return at(metric.key("value")).isNull() ? Bound.none() : text(metric.key("value_as_string"));
    }

    /** {@code hits.total.value}. */
    public Bound total() {
        return number(ResponsePath.parse("hits.total.value"));
    }

    /** The first value of a returned field of the {@code i}-th hit. */
    public Bound field(int hit, String field) {
        return text(ResponsePath.root().keys("hits", "hits").index(hit).key("fields").key(field).index(0));
    }

    public int hitCount() {
        return at(ResponsePath.parse("hits.hits")).size();
    }
}
