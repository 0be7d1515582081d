package io.jiraaccess.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jiraaccess.core.ConfigurationException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The one reader of the project's configuration documents (credential files, the daemon's configuration, credential
 * blocks in it): YAML, or JSON for text starting with {@code {}. Stricter than a plain tree read, where the last of
 * two equal keys silently wins (a second {@code allow:} would drop the first one's restrictions): a key repeated in
 * one mapping is refused, naming the key and both lines; so is a second document ({@code ---}) or text after the
 * first one. Errors carry positions, never the text around them, which may hold a secret.
 */
public final class ConfigDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDocuments() {
    }

    /**
     * The document's tree, or null when the text holds none (empty, only comments).
     *
     * @param source names the document in errors, e.g. the file
     * @throws ConfigurationException for a syntax error, a repeated key or more than one document
     */
    public static JsonNode read(String source, String text) {
        return read(source, text, text.stripLeading().startsWith("{"));
    }

    /** As {@link #read(String, String)}, always as YAML (a flow mapping {@code {a: 1}} is YAML, not JSON). */
    public static JsonNode readYaml(String source, String text) {
        return read(source, text, false);
    }

    /**
     * Checks every YAML document in {@code text} for a key repeated in one mapping, without building a configuration
     * from it: for YAML that another parser reads (Camel's route files), so that a repeated key is refused there too.
     */
    public static void checkKeys(String source, String text) {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            Reader reader = new Reader(source, YAML);
            while (p.nextToken() != null) {
                reader.value(p, "");
            }
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigurationException(source + ": not valid YAML"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + "; fix the syntax there");
        } catch (IOException e) {
            throw new ConfigurationException(source + ": cannot be read as YAML");
        }
    }

    private static JsonNode read(String source, String text, boolean json) {
        ObjectMapper mapper = json ? JSON : YAML;
        JsonFactory factory = mapper.getFactory();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = new Reader(source, mapper).value(p, "");
            if (p.nextToken() != null) {
                throw new ConfigurationException(source + ": more than one " + (json ? "JSON value" : "YAML document")
                        + " (line " + p.currentTokenLocation().getLineNr() + "); keep one, the rest would be ignored");
            }
            return root;
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            // the original message can quote the offending text, which may be a secret: keep only the position
            throw new ConfigurationException(source + ": not valid " + (json ? "JSON" : "YAML") + at
                    + "; fix the syntax there");
        } catch (IOException e) {
            throw new ConfigurationException(source + ": cannot be read as " + (json ? "JSON" : "YAML"));
        }
    }

    /** Builds the tree token by token, remembering where each key of each mapping was written. */
    private record Reader(String source, ObjectMapper mapper) {
        JsonNode value(JsonParser p, String path) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                Map<String, Integer> lines = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    Integer earlier = lines.putIfAbsent(key, line);
                    String qualified = path.isEmpty() ? key : path + "." + key;
                    if (earlier != null) {
                        throw new ConfigurationException(source + ": " + qualified + ": is written twice, at lines "
                                + earlier + " and " + line + "; keep one (a repeated key would silently replace the first)");
                    }
                    p.nextToken();
                    object.set(key, value(p, qualified));
                }
                return object;
            }
            if (t == JsonToken.START_ARRAY) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p, path + "[" + i++ + "]"));
                }
                return array;
            }
            return mapper.readTree(p);
        }
    }
}
