package io.jiraaccess.daemon.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.dashboards.SavedObjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kibana's {@code POST /api/saved_objects/_import} answered, one {@link ObjectResult} per object sent (in the
 * order sent), plus any object Kibana reported that was not sent. An object Kibana mentions in neither
 * {@code successResults} nor {@code errors} counts as not imported.
 */
public record ImportResult(boolean success, int successCount, List<ObjectResult> objects, List<String> warnings) {

    public enum Status {
        CREATED("ok"), OVERWRITTEN("ok"), FAILED("FAILED"), NOT_REPORTED("FAILED");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public boolean imported() {
            return this == CREATED || this == OVERWRITTEN;
        }
    }

    /** One saved object's outcome; {@code detail} says why it failed, or how it was imported. */
    public record ObjectResult(String type, String id, String title, Status status, String detail) {
        /** One line for the console, e.g. {@code ok      lens/jira-access-top-pipelines "Top pipelines" (overwritten)}. */
        public String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-7s %s/%s", status.label, type, id));
            if (!title.isEmpty()) {
                sb.append(" \"").append(title).append('"');
            }
            if (!detail.isEmpty()) {
                sb.append(status.imported() ? " (" + detail + ")" : ": " + detail);
            }
            return sb.toString();
        }
    }

    /** True when Kibana said success and every object sent was imported. */
    public boolean allImported() {
        return success && objects.stream().allMatch(o -> o.status().imported());
    }

    public long importedCount() {
        return objects.stream().filter(o -> o.status().imported()).count();
    }

    public long failedCount() {
        return objects.size() - importedCount();
    }

    /** Reads a 200 answer of the import API against the objects that were sent. */
    public static ImportResult parse(JsonNode body, List<SavedObjects.SavedObject> sent) {
        Map<String, ObjectResult> out = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (SavedObjects.SavedObject o : sent) {
            titles.put(key(o.type(), o.id()), o.title());
        }
        for (JsonNode r : body.path("successResults")) {
            String type = r.path("type").asText();
            String id = r.path("id").asText();
            String k = key(type, id);
            String title = r.path("meta").path("title").asText(titles.getOrDefault(k, ""));
            List<String> notes = new ArrayList<>();
            if (r.path("overwrite").asBoolean(false)) {
                notes.add("overwritten");
            }
            String dest = r.path("destinationId").asText("");
            if (!dest.isEmpty() && !dest.equals(id)) {
                notes.add("as " + dest);
            }
            out.put(k, new ObjectResult(type, id, title, notes.contains("overwritten") ? Status.OVERWRITTEN : Status.CREATED,
                    String.join(", ", notes)));
        }
        for (JsonNode e : body.path("errors")) {
            String type = e.path("type").asText();
            String id = e.path("id").asText();
            String k = key(type, id);
            String title = e.path("meta").path("title").asText(e.path("title").asText(titles.getOrDefault(k, "")));
            String detail = errorDetail(e.path("error"));
            ObjectResult previous = out.get(k);
            if (previous != null && previous.status() == Status.FAILED) {
                // one object may fail for several reasons (a conflict and missing references)
                detail = previous.detail() + "; " + detail;
            }
            out.put(k, new ObjectResult(type, id, title, Status.FAILED, detail));
        }
        List<ObjectResult> ordered = new ArrayList<>();
        for (SavedObjects.SavedObject o : sent) {
            ObjectResult r = out.remove(key(o.type(), o.id()));
            ordered.add(r != null ? r : new ObjectResult(o.type(), o.id(), o.title(), Status.NOT_REPORTED,
                    "Kibana reported neither success nor an error for this object"));
        }
        ordered.addAll(out.values());
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : body.path("warnings")) {
            warnings.add(w.path("message").asText(w.toString()));
        }
        return new ImportResult(body.path("success").asBoolean(false), body.path("successCount").asInt(0),
                List.copyOf(ordered), List.copyOf(warnings));
    }

    private static String errorDetail(JsonNode error) {
        String type = error.path("type").asText("unknown");
        StringBuilder sb = new StringBuilder(type);
        switch (type) {
            case "missing_references" -> {
                List<String> refs = new ArrayList<>();
                error.path("references").forEach(r -> refs.add(r.path("type").asText() + "/" + r.path("id").asText()));
                sb.append(" (").append(String.join(", ", refs)).append(" not found in Kibana or in the file)");
            }
            case "conflict", "ambiguous_conflict" ->
                    sb.append(" (an object with this id already exists, e.g. in another space, and Kibana would not overwrite it)");
            case "unsupported_type" -> sb.append(" (this Kibana does not know the saved object type; it needs Kibana 8.x)");
            default -> {
                String message = error.path("message").asText("");
                if (!message.isEmpty()) {
                    sb.append(": ").append(message);
                }
                if (error.has("statusCode")) {
                    sb.append(" (status ").append(error.path("statusCode").asInt()).append(')');
                }
            }
        }
        return sb.toString();
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }
}
