package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What both audit mappers share: reading loosely typed JSON, Jira's time formats, addresses, limits. */
final class AuditFields {
    /** Audit records of Basic authentication: with a Cloud API token, or a Data Center password. */
    static final Set<String> BASIC_AUTH_TYPES = Set.of("api-token", "password");
    /** {@code associatedItems} types that name the credential a request used. */
    static final Set<String> CREDENTIAL_ITEM_TYPES = Set.of("API_TOKEN", "PERSONAL_ACCESS_TOKEN", "OAUTH_CLIENT",
            "CONNECT_APP");
    static final int MAX_TEXT = 1024;
    static final int MAX_MESSAGE = 4096;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]Z");
    private static final Pattern FAILED = Pattern.compile("(?i).*(authentication|login|log in)[ .]*(failed|failure).*");
    private static final Pattern SUCCEEDED = Pattern.compile("(?i).*(authenticated|logged[ .]in|login success).*");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private AuditFields() {
    }

    /** A text or number value, trimmed and bounded; null for anything else or blank. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    /** Jira's {@code 2024-03-19T18:45:42.967+0000}, ISO-8601 with zone or offset, or epoch milliseconds; millisecond precision. */
    static Instant time(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null) {
            return null;
        }
        Instant t;
        try {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                t = Instant.ofEpochMilli(v.asLong());
            } else if (v.isTextual()) {
                String s = v.asText().trim();
                if (s.length() > 64) {
                    return null;
                }
                if (s.matches(".*[+-]\\d{4}$")) {
                    t = OffsetDateTime.parse(s, JIRA).toInstant();
                } else {
                    t = OffsetDateTime.parse(s).toInstant();
                }
            } else {
                return null;
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            return null;
        }
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Sets {@code source.ip} for an IP literal (the field is typed {@code ip}), else {@code source.address}. */
    static void source(AuditEvent.Builder b, String address) {
        if (address == null) {
            return;
        }
        if (IPV4.matcher(address).matches() || (address.contains(":") && IPV6.matcher(address).matches()
                && isIpv6(address))) {
            b.sourceIp(address);
        } else {
            b.set("source.address", address);
        }
    }

    private static boolean isIpv6(String s) {
        try {
            // a literal with ':' is parsed, never looked up
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** ECS category and outcome of an authentication record, judged by its summary; null when it is none. */
    static Boolean authenticationOutcome(String... texts) {
        for (String t : texts) {
            if (t != null && FAILED.matcher(t).matches()) {
                return false;
            }
        }
        for (String t : texts) {
            if (t != null && SUCCEEDED.matcher(t).matches()) {
                return true;
            }
        }
        return null;
    }

    static String message(String summary, String description) {
        String m = summary == null ? "Jira audit record" : summary;
        if (description != null && !description.equals(summary)) {
            m = m + ": " + description;
        }
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) : m;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
