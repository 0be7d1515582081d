package io.jiraaccess.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw query string as Tomcat reads it ({@code org.apache.tomcat.util.http.Parameters}): pairs split on {@code &},
 * name and value split on the first {@code =}, {@code +} a space, one UTF-8 percent-decode; names are case-sensitive
 * and may repeat. A pair Tomcat would drop (a malformed escape) makes the whole query {@link #malformed()}: the
 * guard then refuses rather than guess which parameters Jira kept.
 */
final class QueryParameters {
    private final Map<String, List<String>> values;
    private final boolean malformed;

    private QueryParameters(Map<String, List<String>> values, boolean malformed) {
        this.values = values;
        this.malformed = malformed;
    }

    static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        boolean malformed = false;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name == null || value == null) {
                    malformed = true;
                    continue;
                }
                if (!name.isEmpty()) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return new QueryParameters(values, malformed);
    }

    boolean malformed() {
        return malformed;
    }

    /** Every value of {@code name}, in order (empty when absent). */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** One form-decode, or null when an escape is malformed or the bytes are not UTF-8. */
    private static String decode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7F) {
                return null;
            }
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = hex(s.charAt(i + 1));
                int lo = hex(s.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
