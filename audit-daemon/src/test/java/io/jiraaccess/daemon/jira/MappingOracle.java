package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.dashboards.IndexMapping;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the audit mapper fuzz targets hold the mappers to, written independently of them: the events index mapping
 * of the data contract (every mapped field holds a value Elasticsearch accepts for its type), a slow reference for
 * Jira's time formats, the JDK for IP literals, and key-order independence.
 */
final class MappingOracle {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final IndexMapping EVENTS = IndexMapping.of(DataContract.EVENTS_TEMPLATE);
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final List<DateTimeFormatter> OFFSET_FORMS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssZ"),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    private MappingOracle() {
    }

    /** The input as JSON, or as a JSON string holding the text when it is not JSON (the mapper must refuse it). */
    static JsonNode parse(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode n = JSON.readTree(text);
            return n == null ? JSON.getNodeFactory().textNode(text) : n;
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** The time a Jira timestamp field holds, by a slow reference; null when it holds none. */
    static Instant time(JsonNode v) {
        if (v == null) {
            return null;
        }
        Instant t = null;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            try {
                t = Instant.ofEpochMilli(v.longValue());
            } catch (DateTimeException e) {
                return null;
            }
        } else if (v.isTextual() && v.asText().trim().length() <= 64) {
            String s = v.asText().trim();
            for (DateTimeFormatter f : OFFSET_FORMS) {
                try {
                    t = OffsetDateTime.parse(s, f).toInstant();
                    break;
                } catch (DateTimeException e) {
                    // next form
                }
            }
        }
        if (t == null || t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            return null;
        }
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A text or number field as the mappers read it: trimmed, never blank. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** Properties every mapped event has, whichever API it came from. */
    static void assertWellFormed(AuditMapping.Mapped m, String site, String flavor) {
        AuditEvent e = m.event();
        assertEquals(e, AuditEvent.fromJson(e.toJson()), "the event survives its own JSON");
        assertEquals(m.at().toString(), e.getString("@timestamp"));
        assertEquals(m.at(), m.at().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(AuditEvent.DATASET_JIRA_AUDIT, e.dataset());
        assertTrue(List.of("jira.audit", "basic_auth.used").contains(e.action()), e.action());
        assertEquals(site, e.getString("jira_access.jira.site"));
        assertEquals(flavor, e.getString("jira_access.jira.flavor"));
        assertTrue(e.id().startsWith(site + ":"), e.id());
        assertFitsTheContract(e.toMap(), "");
    }

    /** Every leaf the events mapping types holds a value of that type. */
    @SuppressWarnings("unchecked")
    private static void assertFitsTheContract(Map<String, Object> doc, String prefix) {
        for (Map.Entry<String, Object> en : doc.entrySet()) {
            String path = prefix.isEmpty() ? en.getKey() : prefix + "." + en.getKey();
            Object v = en.getValue();
            if (v instanceof Map<?, ?> m) {
                assertFitsTheContract((Map<String, Object>) m, path);
                continue;
            }
            IndexMapping.Field f = EVENTS.field(path).orElse(null);
            if (f == null) {
                continue;
            }
            for (Object item : v instanceof Collection<?> c ? c : List.of(v)) {
                assertValueFits(path, f.type(), item);
            }
        }
    }

    private static void assertValueFits(String path, String type, Object v) {
        switch (type) {
            case "keyword", "text" -> assertTrue(v instanceof String, path + " must be a string: " + v);
            case "date" -> {
                assertTrue(v instanceof String, path + " must be a date string");
                Instant.parse((String) v);
            }
            case "long" -> assertTrue(v instanceof Long, path + " must be a whole number");
            case "boolean" -> assertTrue(v instanceof Boolean, path + " must be a boolean");
            case "ip" -> assertTrue(isIp(String.valueOf(v)), path + " must be an IP address: " + v);
            default -> fail("the oracle does not know type " + type + " of " + path);
        }
    }

    /** An IP literal by the JDK's own parser; only literals are given to it, so nothing is looked up. */
    static boolean isIp(String s) {
        boolean literal = s.matches("[0-9.]{7,15}") || s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!literal) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return s.contains(":") || a.getHostAddress().equals(s) || canonicalV4(s).equals(a.getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String canonicalV4(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.startsWith("0")) {
                return "";
            }
            out.add(Integer.toString(Integer.parseInt(part)));
        }
        return String.join(".", out);
    }

    /** The same JSON with the keys of every object in reverse order. */
    static JsonNode reversed(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            ObjectNode out = JSON.createObjectNode();
            for (int i = names.size() - 1; i >= 0; i--) {
                out.set(names.get(i), reversed(n.get(names.get(i))));
            }
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                out.add(reversed(it.next()));
            }
            return out;
        }
        return n;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
