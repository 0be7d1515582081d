package io.jiraaccess.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A typed, strict view of one object in a YAML or JSON configuration file. Every error names the file, the key
 * path and the fix; {@link #rejectUnknown()} refuses keys nobody read, so a misspelt key is an error, not a
 * silently ignored setting. Secret values are never echoed.
 */
public final class ConfigNode {
    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    public ConfigNode(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    /** The root object of a parsed document. */
    public static ConfigNode root(String source, JsonNode node) {
        ConfigNode root = new ConfigNode(source, "", node);
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ConfigurationException(source + ": the file is empty; see the README for an example");
        }
        if (!node.isObject()) {
            throw new ConfigurationException(source + ": expected a mapping of keys to values at the top level");
        }
        return root;
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }

    public JsonNode raw() {
        return node;
    }

    /** {@code file: key.path}, the prefix of every message about {@code key}. */
    public String where(String key) {
        return source + ": " + qualified(key);
    }

    public String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public ConfigurationException error(String key, String problemAndFix) {
        return new ConfigurationException(where(key) + ": " + problemAndFix);
    }

    public boolean has(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull() && !v.isMissingNode() && !(v.isTextual() && v.asText().isEmpty());
    }

    /** True when the object has {@code key} at all, even with an empty or null value ({@code key: ~}). */
    public boolean declares(String key) {
        read.add(key);
        return node.has(key);
    }

    private JsonNode value(String key) {
        read.add(key);
        return node.get(key);
    }

    public String string(String key, String fix) {
        String v = optionalString(key);
        if (v == null) {
            throw error(key, "is missing; " + fix);
        }
        return v;
    }

    public String optionalString(String key) {
        JsonNode v = value(key);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a single value, not a list or mapping");
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    public String string(String key, String defaultValue, Set<String> allowed) {
        String v = optionalString(key);
        if (v == null) {
            return defaultValue;
        }
        if (!allowed.contains(v)) {
            throw error(key, "'" + v + "' is not valid; use one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return v;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = value(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.asText().matches("-?\\d+"))) {
            throw error(key, "'" + v.asText() + "' is not a whole number; write a number between " + min + " and " + max);
        }
        int i = v.isIntegralNumber() ? v.intValue() : Integer.parseInt(v.asText());
        if (i < min || i > max) {
            throw error(key, i + " is out of range; write a number between " + min + " and " + max);
        }
        return i;
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = value(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String s = v.asText().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error(key, "'" + v.asText() + "' is not true or false");
    }

    /** An absolute http(s) URL; plain http only for loopback hosts, where nothing crosses a network. */
    public URI url(String key, String fix) {
        URI u = optionalUrl(key);
        if (u == null) {
            throw error(key, "is missing; " + fix);
        }
        return u;
    }

    public URI optionalUrl(String key) {
        String s = optionalString(key);
        if (s == null) {
            return null;
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw error(key, "'" + s + "' is not a valid URL; write e.g. https://jira.example.com");
        }
        if (u.getScheme() == null || u.getHost() == null) {
            throw error(key, "'" + s + "' is not an absolute URL; write e.g. https://jira.example.com");
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!isLoopback(u.getHost())) {
                throw error(key, "'" + s + "' uses plain http, which would send credentials in clear text; use https "
                        + "(http is accepted for localhost only)");
            }
        } else if (!scheme.equals("https")) {
            throw error(key, "'" + s + "' must be an http(s) URL");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw error(key, "'" + s + "' must not have a query or fragment");
        }
        return u;
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** A list of strings, written as a YAML list or as one comma- or space-separated string. */
    public List<String> stringList(String key) {
        JsonNode v = value(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode()) {
                    throw error(key, "must be a list of plain values");
                }
                if (!e.asText().isBlank()) {
                    out.add(e.asText().trim());
                }
            }
        } else if (v.isValueNode()) {
            for (String s : v.asText().split("[,\\s]+")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw error(key, "must be a list, e.g. [a, b]");
        }
        return out;
    }

    /** An instant written as an ISO date ({@code 2026-05-01}, midnight UTC) or date-time with offset. */
    public Instant optionalInstant(String key) {
        String s = optionalString(key);
        if (s == null) {
            return null;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw error(key, "'" + s + "' is not a date; write 2026-05-01 or 2026-05-01T12:00:00Z");
        }
    }

    /** A secret written as {@code ${env:NAME}} or {@code ${file:PATH}}; never echoed in errors. */
    public SecretValue secret(String key, SecretReferences refs, String fix) {
        SecretValue v = optionalSecret(key, refs);
        if (v == null) {
            throw error(key, "is missing; " + fix);
        }
        return v;
    }

    public SecretValue optionalSecret(String key, SecretReferences refs) {
        JsonNode v = value(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a single ${env:NAME} or ${file:PATH} reference");
        }
        return refs.resolve(where(key), v.asText());
    }

    public ConfigNode child(String key) {
        JsonNode v = value(key);
        if (v != null && !v.isNull() && !v.isObject()) {
            throw error(key, "must be a mapping of keys to values");
        }
        return new ConfigNode(source, qualified(key), v);
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The elements of a list of mappings. */
    public List<ConfigNode> children(String key) {
        JsonNode v = value(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw new ConfigurationException(source + ": " + qualified(key) + "[" + i + "]: must be a mapping of keys to values");
            }
            out.add(new ConfigNode(source, qualified(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** Refuses any key of this object that no accessor asked for. */
    public void rejectUnknown() {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!read.contains(k)) {
                throw error(k, "is not a known setting here; known settings: " + String.join(", ", read)
                        + " (check the spelling)");
            }
        }
    }
}
