package io.jiraaccess.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP to Elasticsearch for the benches: counts, searches, index deletion and the raw {@code _bulk} load. Kept
 * apart from the daemon's own client so the measurement does not depend on what it measures.
 */
public final class ElasticsearchHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ElasticsearchHttp(URI base) {
        this.base = base;
    }

    public URI url() {
        return base;
    }

    /**
     * Documents a search sees now in {@code index} (an alias or a pattern); 0 when nothing matches, -1 while a new
     * index's shard is not yet allocated (HTTP 503).
     */
    public long count(String index) {
        JsonNode r = send("GET", "/" + index + "/_count?allow_no_indices=true&ignore_unavailable=true", null, 200, 503);
        return r == null ? -1 : r.path("count").asLong();
    }

    /** CPU time Elasticsearch's process has used so far, in milliseconds (its own node stats). */
    public long processCpuMillis() {
        JsonNode r = send("GET", "/_nodes/_local/stats/process", null, 200);
        return r.path("nodes").elements().next().path("process").path("cpu").path("total_in_millis").asLong();
    }

    /**
     * Elasticsearch's own counters of the work behind indexing (node-wide, deleted indices included): indexing,
     * refreshes, merges, flushes, each as operations and milliseconds, for seeing where a run's CPU went.
     */
    public Map<String, Long> indexingWork() {
        JsonNode r = send("GET", "/_nodes/_local/stats/indices/indexing,refresh,merge,flush,get", null, 200);
        JsonNode i = r.path("nodes").elements().next().path("indices");
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("index ops", i.path("indexing").path("index_total").asLong());
        out.put("index ms", i.path("indexing").path("index_time_in_millis").asLong());
        out.put("refreshes", i.path("refresh").path("total").asLong());
        out.put("refresh ms", i.path("refresh").path("total_time_in_millis").asLong());
        out.put("external refreshes", i.path("refresh").path("external_total").asLong());
        out.put("merges", i.path("merges").path("total").asLong());
        out.put("merged docs", i.path("merges").path("total_docs").asLong());
        out.put("merge ms", i.path("merges").path("total_time_in_millis").asLong());
        out.put("flushes", i.path("flush").path("total").asLong());
        out.put("gets", i.path("get").path("total").asLong());
        return out;
    }

    /** Makes everything indexed so far searchable, for exact checks after a run. */
    public void refresh(String index) {
        send("POST", "/" + index + "/_refresh?allow_no_indices=true&ignore_unavailable=true", null, 200);
    }

    /** Deletes every index whose name starts with {@code prefix} (by exact name: wildcard deletes may be refused). */
    public List<String> deleteIndices(String prefix) {
        JsonNode r = send("GET", "/_cat/indices/" + prefix + "*?format=json&expand_wildcards=all", null, 200);
        List<String> deleted = new ArrayList<>();
        for (JsonNode i : r) {
            String name = i.path("index").asText();
            send("DELETE", "/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null, 200);
            deleted.add(name);
        }
        return deleted;
    }

    /** Which of {@code eventIds} are searchable now in {@code index}. */
    public List<String> searchableEventIds(String index, Collection<String> eventIds) {
        StringBuilder q = new StringBuilder("{\"size\":").append(eventIds.size())
                .append(",\"_source\":[\"event.id\"],\"query\":{\"terms\":{\"event.id\":[");
        boolean first = true;
        for (String id : eventIds) {
            q.append(first ? "" : ",").append('"').append(id).append('"');
            first = false;
        }
        q.append("]}}}");
        JsonNode r = send("POST", "/" + index + "/_search?allow_no_indices=true&ignore_unavailable=true", q.toString(), 200);
        List<String> found = new ArrayList<>();
        for (JsonNode hit : r.path("hits").path("hits")) {
            found.add(hit.path("_source").path("event").path("id").asText());
        }
        return found;
    }

    /** Sends one {@code _bulk} body; completes with the number of items, or fails if any item failed. */
    public CompletableFuture<Integer> bulk(byte[] ndjson) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/_bulk"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(resp -> {
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("_bulk answered HTTP " + resp.statusCode());
            }
            try {
                JsonNode r = JSON.readTree(resp.body());
                if (r.path("errors").asBoolean()) {
                    throw new IllegalStateException("_bulk reported item errors, e.g. "
                            + firstError(r.path("items")));
                }
                return r.path("items").size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private JsonNode send(String method, String path, String body, int expected) {
        return send(method, path, body, expected, expected);
    }

    private static String firstError(JsonNode items) {
        for (JsonNode item : items) {
            JsonNode op = item.elements().next();
            if (op.has("error")) {
                return op.path("error").toString();
            }
        }
        return "(none shown)";
    }

    /** The answer's JSON; null when the status is {@code tolerated}. */
    private JsonNode send(String method, String path, String body, int expected, int tolerated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == tolerated && tolerated != expected) {
                return null;
            }
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered HTTP " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
