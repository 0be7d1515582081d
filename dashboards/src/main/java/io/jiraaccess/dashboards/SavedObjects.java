package io.jiraaccess.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kibana saved objects read from NDJSON (the export/import format): one JSON object a line. */
public final class SavedObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reference from one saved object to another, by the name its attributes use. */
    public record Reference(String name, String type, String id) {
    }

    /** One saved object and where it came from ({@code file:line}). */
    public record SavedObject(String type, String id, JsonNode json, List<Reference> references, String origin) {
        public JsonNode attributes() {
            return json.path("attributes");
        }

        public String title() {
            return attributes().path("title").asText();
        }

        /** The referenced object's id for a reference name, if the object declares it. */
        public Optional<Reference> reference(String name) {
            return references.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    }

    private final List<SavedObject> objects;

    private SavedObjects(List<SavedObject> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Every saved object of every file {@link DataContract} ships. */
    public static SavedObjects fromContract() {
        List<SavedObject> all = new ArrayList<>();
        for (String file : DataContract.kibanaSavedObjectFiles()) {
            all.addAll(parse(file, DataContract.kibanaSavedObjects(file)).all());
        }
        return new SavedObjects(all);
    }

    /**
     * Parses NDJSON; {@code source} names the text in errors.
     *
     * @throws IllegalArgumentException naming the line that is not a saved object
     */
    public static SavedObjects parse(String source, String ndjson) {
        List<SavedObject> out = new ArrayList<>();
        String[] lines = ndjson.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String origin = source + ":" + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(origin + ": not JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject() || !node.path("type").isTextual() || !node.path("id").isTextual()
                    || !node.path("attributes").isObject()) {
                throw new IllegalArgumentException(origin + ": not a saved object (needs type, id and attributes)");
            }
            List<Reference> refs = new ArrayList<>();
            for (JsonNode r : node.path("references")) {
                refs.add(new Reference(r.path("name").asText(), r.path("type").asText(), r.path("id").asText()));
            }
            out.add(new SavedObject(node.get("type").asText(), node.get("id").asText(), node,
                    Collections.unmodifiableList(refs), origin));
        }
        return new SavedObjects(out);
    }

    public List<SavedObject> all() {
        return objects;
    }

    public List<SavedObject> ofType(String type) {
        return objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    public Optional<SavedObject> find(String type, String id) {
        return objects.stream().filter(o -> o.type().equals(type) && o.id().equals(id)).findFirst();
    }

    /** Objects by {@code type/id}, in file order. */
    public Map<String, SavedObject> byKey() {
        Map<String, SavedObject> m = new LinkedHashMap<>();
        objects.forEach(o -> m.put(o.type() + "/" + o.id(), o));
        return m;
    }
}
