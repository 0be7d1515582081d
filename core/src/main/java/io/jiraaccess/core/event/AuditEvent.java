package io.jiraaccess.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event, as an Elastic Common Schema (8.11) document plus the {@code jira_access.*} namespace.
 * It is a nested map (what is indexed and what NDJSON carries) with typed accessors for the fields code reads.
 * Nothing in an event is a secret: credentials appear only as id, kind and {@link Fingerprinter fingerprint}.
 */
public final class AuditEvent {
    public static final String ECS_VERSION = "8.11.0";
    public static final String MODULE = "jira_access";
    public static final String DATASET_CI = "jira_access.ci";
    public static final String DATASET_JIRA_AUDIT = "jira_access.jira_audit";
    public static final String DATASET_INVENTORY = "jira_access.inventory";
    public static final String DATASET_ENFORCEMENT = "jira_access.enforcement";

    /** Whole numbers are read as {@code Long}, as the builder stores them, so a JSON round trip gives an equal event. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Map<String, Object> doc;

    private AuditEvent(Map<String, Object> doc) {
        this.doc = doc;
    }

    /** A new event for {@code action} at {@code timestamp}, with ECS basics and the action's default category/type. */
    public static Builder builder(EventAction action, Instant timestamp) {
        return new Builder()
                .set("@timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp))
                .set("ecs.version", ECS_VERSION)
                .set("event.kind", "event")
                .set("event.module", MODULE)
                .set("event.dataset", DATASET_CI)
                .set("event.action", action.id())
                .set("event.category", List.of(action.category()))
                .set("event.type", List.of(action.type()));
    }

    /** An event from its document (NDJSON line, Elasticsearch source). The map is copied. */
    @SuppressWarnings("unchecked")
    public static AuditEvent fromMap(Map<String, Object> doc) {
        return new AuditEvent((Map<String, Object>) deepCopy(doc));
    }

    /**
     * Parses one NDJSON line.
     *
     * @throws IllegalArgumentException when the line is not a JSON object (the message never quotes the line)
     */
    public static AuditEvent fromJson(String json) {
        try {
            Map<String, Object> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (m == null) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return new AuditEvent(m);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object"
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** A copy of the document, nested as ECS expects. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) deepCopy(doc);
    }

    /** One line of NDJSON (no line break). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event is not serializable", e);
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.doc.putAll(toMap());
        return b;
    }

    /**
     * The value at a dotted path, e.g. {@code event.action}, or null. Finds nested objects as well as flattened
     * keys ({@code "event.action": ...}) that other producers may write.
     */
    public Object get(String path) {
        return lookup(doc, path.startsWith("@") ? new String[] {path} : path.split("\\."), 0);
    }

    private static Object lookup(Object node, String[] parts, int from) {
        if (!(node instanceof Map<?, ?> m)) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            if (i > from) {
                key.append('.');
            }
            key.append(parts[i]);
            Object v = m.get(key.toString());
            if (v != null) {
                if (i == parts.length - 1) {
                    return v;
                }
                Object found = lookup(v, parts, i + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public String getString(String path) {
        Object v = get(path);
        return v == null ? null : v.toString();
    }

    public String id() {
        return getString("event.id");
    }

    public String action() {
        return getString("event.action");
    }

    public String dataset() {
        return getString("event.dataset");
    }

    /** {@code @timestamp} as every reader of events reads it ({@link EventTime}), or null when it has none. */
    public Instant timestamp() {
        return EventTime.of(get("@timestamp"));
    }

    /** The journal sequence number, when the event came from a journal. */
    public Long seq() {
        Object v = get("jira_access.seq");
        return v instanceof Number n ? n.longValue() : null;
    }

    public String credentialId() {
        return getString("jira_access.credential.id");
    }

    public String fingerprint() {
        return getString("jira_access.credential.fingerprint");
    }

    public String outcome() {
        return getString("event.outcome");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEvent other && doc.equals(other.doc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(doc);
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        // one type per kind of number, as JSON has, so equality does not depend on how a value was produced
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    /** Builds an event; {@code set} with a null value leaves the field out. */
    public static final class Builder {
        private final Map<String, Object> doc = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the field at a dotted path ({@code jira_access.credential.id}); null removes it. */
        @SuppressWarnings("unchecked")
        public Builder set(String path, Object value) {
            String[] parts = path.split("\\.");
            if (path.startsWith("@")) {
                parts = new String[] {path};
            }
            Map<String, Object> cur = doc;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = cur.get(parts[i]);
                if (!(next instanceof Map)) {
                    if (value == null) {
                        return this;
                    }
                    next = new LinkedHashMap<String, Object>();
                    cur.put(parts[i], next);
                }
                cur = (Map<String, Object>) next;
            }
            if (value == null) {
                cur.remove(parts[parts.length - 1]);
            } else if (value instanceof Instant t) {
                cur.put(parts[parts.length - 1], DateTimeFormatter.ISO_INSTANT.format(t));
            } else if (value instanceof Enum<?> e) {
                cur.put(parts[parts.length - 1], e.toString());
            } else {
                cur.put(parts[parts.length - 1], deepCopy(value));
            }
            return this;
        }

        public Builder id(String eventId) {
            return set("event.id", eventId);
        }

        public Builder dataset(String dataset) {
            return set("event.dataset", dataset);
        }

        public Builder outcome(boolean success) {
            return set("event.outcome", success ? "success" : "failure");
        }

        public Builder outcome(String outcome) {
            return set("event.outcome", outcome);
        }

        public Builder reason(String reason) {
            return set("event.reason", reason);
        }

        public Builder message(String message) {
            return set("message", message);
        }

        public Builder service(String name) {
            return set("service.name", name);
        }

        public Builder user(String name, String id) {
            return set("user.name", name).set("user.id", id);
        }

        public Builder sourceIp(String ip) {
            return set("source.ip", ip);
        }

        public Builder request(String method, String domain, String path, Integer status) {
            return set("http.request.method", method).set("url.domain", domain).set("url.path", path)
                    .set("http.response.status_code", status);
        }

        /** {@code jira_access.credential.*}: never the secret, only what identifies it. */
        public Builder credential(String id, String kind, String fingerprint, Instant expiresAt,
                                  Collection<String> scopes, Collection<String> projects) {
            set("jira_access.credential.id", id);
            set("jira_access.credential.kind", kind);
            set("jira_access.credential.fingerprint", fingerprint);
            set("jira_access.credential.expires_at", expiresAt);
            set("jira_access.credential.scopes", scopes == null || scopes.isEmpty() ? null : List.copyOf(scopes));
            set("jira_access.credential.projects", projects == null || projects.isEmpty() ? null : List.copyOf(projects));
            return this;
        }

        public Builder pipeline(String job, String build, String url, String node) {
            return set("jira_access.pipeline.job", job).set("jira_access.pipeline.build", build)
                    .set("jira_access.pipeline.url", url).set("jira_access.pipeline.node", node);
        }

        public Builder jira(String site, String flavor) {
            return set("jira_access.jira.site", site).set("jira_access.jira.flavor", flavor);
        }

        public Builder seq(long seq) {
            return set("jira_access.seq", seq);
        }

        public AuditEvent build() {
            if (!doc.containsKey("@timestamp")) {
                throw new IllegalStateException("@timestamp is required");
            }
            return new AuditEvent((Map<String, Object>) Collections.unmodifiableMap(deepCopyMap(doc)));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> deepCopyMap(Map<String, Object> m) {
            return (Map<String, Object>) deepCopy(m);
        }
    }
}
