package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;

/**
 * The Elasticsearch search one Lens layer runs: {@code POST /<index>/_search} with {@link #bodyJson()}.
 *
 * @param visualizationId the Lens saved object's id
 * @param title           the Lens saved object's title
 * @param layerId         the layer within it
 * @param index           the data view's title (an index pattern), the path of the search
 * @param body            the search body: {@code size: 0}, the query and the aggregations
 * @param outerBucket     the name of the outermost bucket aggregation, null when the layer has only metrics
 */
public record LensSearch(String visualizationId, String title, String layerId, String index, ObjectNode body,
                         String outerBucket) {

    public String bodyJson() {
        return body.toString();
    }

    /** The path to POST, e.g. {@code /jira-access-events* /_search} without the space. */
    public String path() {
        return "/" + index + "/_search";
    }

    /**
     * How many results the response holds for this layer: the outermost buckets that hold at least one document, or,
     * for a layer of metrics only, the number of matching documents. Zero means the panel would show nothing.
     *
     * @throws IllegalArgumentException when the response is an error or lacks the aggregation
     */
    public long resultCount(JsonNode response) {
        if (response.has("error")) {
            throw new IllegalArgumentException(describe() + " failed: " + response.path("error").path("reason").asText(
                    response.path("error").toString()));
        }
        if (outerBucket == null) {
            return response.path("hits").path("total").path("value").asLong();
        }
        JsonNode agg = response.path("aggregations").path(outerBucket);
        if (agg.isMissingNode()) {
            throw new IllegalArgumentException(describe() + ": the response has no aggregation '" + outerBucket + "'");
        }
        JsonNode buckets = agg.path("buckets");
        long n = 0;
        if (buckets.isArray()) {
            for (JsonNode b : buckets) {
                n += b.path("doc_count").asLong() > 0 ? 1 : 0;
            }
        } else {
            // filters aggregations key their buckets by name
            Iterator<JsonNode> it = buckets.elements();
            while (it.hasNext()) {
                n += it.next().path("doc_count").asLong() > 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** For messages: which visualization and layer, on which index. */
    public String describe() {
        return "Lens '" + title + "' (" + visualizationId + ", layer " + layerId + ") on " + index;
    }
}
