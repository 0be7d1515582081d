package io.jiraaccess.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective mapping of an index created from one index template: its component templates' mappings merged in
 * order, then its own, as Elasticsearch composes them; leaf fields (multi-fields included) by dotted path. Test code:
 * the contract's tests, and the daemon's (this module's test-jar), check documents and queries against it.
 */
public final class IndexMapping {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mappings are immutable views of resources that never change at run time. */
    private static final Map<String, IndexMapping> MAPPINGS = new ConcurrentHashMap<>();

    /** One leaf field: its type and whether it can be searched and aggregated. */
    public record Field(String path, String type, boolean indexed, boolean docValues) {
        public boolean isNumeric() {
            return List.of("long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float",
                    "unsigned_long").contains(type);
        }

        public boolean isDate() {
            return "date".equals(type) || "date_nanos".equals(type);
        }

        /** Terms, cardinality and sorting need doc values: keyword, numbers, dates, ip, boolean; never text. */
        public boolean isAggregatable() {
            return docValues && !"text".equals(type);
        }
    }

    private final String template;
    private final JsonNode mappings;
    private final Map<String, Field> fields;
    private final List<String> indexPatterns;

    private IndexMapping(String template, JsonNode mappings, List<String> indexPatterns) {
        this.template = template;
        this.mappings = mappings;
        this.indexPatterns = indexPatterns;
        Map<String, Field> out = new LinkedHashMap<>();
        collect("", mappings.path("properties"), out);
        this.fields = Collections.unmodifiableMap(out);
    }

    /** The effective mapping an index created from the contract's {@code indexTemplate} gets. */
    public static IndexMapping of(String indexTemplate) {
        return MAPPINGS.computeIfAbsent(indexTemplate,
                t -> of(t, DataContract.indexTemplates(), DataContract.componentTemplates()));
    }

    static IndexMapping of(String indexTemplate, Map<String, String> indexTemplates, Map<String, String> componentTemplates) {
        String body = indexTemplates.get(indexTemplate);
        if (body == null) {
            throw new IllegalArgumentException("no index template named '" + indexTemplate + "'; the templates are "
                    + indexTemplates.keySet());
        }
        JsonNode it = parse(indexTemplate, body);
        ObjectNode merged = JSON.createObjectNode();
        for (JsonNode component : it.path("composed_of")) {
            String name = component.asText();
            String cbody = componentTemplates.get(name);
            if (cbody == null) {
                throw new IllegalStateException("index template '" + indexTemplate + "' is composed of '" + name
                        + "', which is not among the component templates " + componentTemplates.keySet());
            }
            merge(merged, parse(name, cbody).path("template").path("mappings"));
        }
        merge(merged, it.path("template").path("mappings"));
        List<String> patterns = JSON.convertValue(it.path("index_patterns"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        return new IndexMapping(indexTemplate, merged, List.copyOf(patterns));
    }

    public String template() {
        return template;
    }

    /** The template's {@code index_patterns}. */
    public List<String> indexPatterns() {
        return indexPatterns;
    }

    /** Every leaf field by dotted path ({@code event.reason.text} for a multi-field). */
    public Map<String, Field> fields() {
        return fields;
    }

    public Optional<Field> field(String path) {
        return Optional.ofNullable(fields.get(path));
    }

    /** The merged {@code mappings} object, as Elasticsearch would report it. */
    public JsonNode mappings() {
        return mappings.deepCopy();
    }

    /**
     * The {@code dynamic} setting in force for new fields under an object path ("" for the root): the nearest
     * setting on the way down, {@code true} when none is set (Elasticsearch's default).
     */
    public String dynamic(String objectPath) {
        JsonNode node = mappings;
        String inForce = node.path("dynamic").asText("true");
        if (objectPath.isEmpty()) {
            return inForce;
        }
        for (String part : objectPath.split("\\.")) {
            node = node.path("properties").path(part);
            if (node.isMissingNode()) {
                break;
            }
            if (node.has("dynamic")) {
                inForce = node.get("dynamic").asText();
            }
        }
        return inForce;
    }

    private static void collect(String prefix, JsonNode properties, Map<String, Field> out) {
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode def = e.getValue();
            if (def.has("properties")) {
                collect(path, def.get("properties"), out);
                continue;
            }
            String type = def.path("type").asText("object");
            if ("object".equals(type) || "nested".equals(type)) {
                continue;
            }
            out.put(path, leaf(path, type, def));
            for (Map.Entry<String, JsonNode> m : def.path("fields").properties()) {
                String mpath = path + "." + m.getKey();
                out.put(mpath, leaf(mpath, m.getValue().path("type").asText(), m.getValue()));
            }
        }
    }

    private static Field leaf(String path, String type, JsonNode def) {
        boolean indexed = def.path("index").asBoolean(true);
        // text has no doc values; every other type used here has them unless switched off
        boolean docValues = !"text".equals(type) && def.path("doc_values").asBoolean(true);
        return new Field(path, type, indexed, docValues);
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue().isObject()
                    && (e.getKey().equals("properties") || !e.getValue().has("type") || existing.has("properties"))) {
                merge(target, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static JsonNode parse(String name, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template '" + name + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
