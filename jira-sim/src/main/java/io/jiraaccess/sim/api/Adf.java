package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jiraaccess.sim.http.Json;

/** Descriptions: plain text in REST v2, Atlassian Document Format in v3. */
public final class Adf {

    private Adf() {
    }

    public static JsonNode forVersion(JsonNode description, boolean v3) {
        if (description == null || description.isNull()) {
            return null;
        }
        if (v3) {
            return description.isTextual() ? document(description.asText()) : description;
        }
        return description.isTextual() ? description : TextNode.valueOf(text(description));
    }

    public static ObjectNode document(String text) {
        ObjectNode doc = Json.object().put("type", "doc").put("version", 1);
        ObjectNode paragraph = doc.putArray("content").addObject().put("type", "paragraph");
        paragraph.putArray("content").addObject().put("type", "text").put("text", text);
        return doc;
    }

    /** The concatenated text nodes of an ADF document. */
    public static String text(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            JsonNode text = node.get("text");
            if (text != null && text.isTextual()) {
                out.append(text.asText());
            }
            JsonNode content = node.get("content");
            if (content instanceof ArrayNode) {
                for (JsonNode child : content) {
                    collect(child, out);
                }
            }
        }
    }
}
