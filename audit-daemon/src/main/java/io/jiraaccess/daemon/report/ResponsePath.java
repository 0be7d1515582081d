package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A place in an Elasticsearch response, written the way the report prints it: object keys joined by dots, array
 * positions in brackets, and keys that are not plain words in quoted brackets, e.g.
 * {@code aggregations.jobs.buckets[2].failures.doc_count} or {@code hits.hits[0].fields['user.name'][0]}.
 */
public final class ResponsePath {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<Object> segments;

    private ResponsePath(List<Object> segments) {
        this.segments = List.copyOf(segments);
    }

    public static ResponsePath root() {
        return new ResponsePath(List.of());
    }

    /** Parses a path as printed. */
    public static ResponsePath parse(String text) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < n && text.charAt(i + 1) == '\'') {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (j < n && text.charAt(j) != '\'') {
                    if (text.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    key.append(text.charAt(j++));
                }
                if (j + 1 >= n || text.charAt(j + 1) != ']') {
                    throw new IllegalArgumentException("unterminated quoted key in path " + text);
                }
                out.add(key.toString());
                i = j + 2;
            } else if (c == '[') {
                int j = text.indexOf(']', i);
                if (j < 0) {
                    throw new IllegalArgumentException("unterminated index in path " + text);
                }
                out.add(Integer.parseInt(text.substring(i + 1, j)));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && text.charAt(j) != '.' && text.charAt(j) != '[') {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return new ResponsePath(out);
    }

    public ResponsePath key(String key) {
        List<Object> s = new ArrayList<>(segments);
        s.add(key);
        return new ResponsePath(s);
    }

    /** Several plain keys at once: {@code at("aggregations", "jobs", "buckets")}. */
    public ResponsePath keys(String... keys) {
        ResponsePath p = this;
        for (String k : keys) {
            p = p.key(k);
        }
        return p;
    }

    public ResponsePath index(int index) {
        List<Object> s = new ArrayList<>(segments);
        s.add(index);
        return new ResponsePath(s);
    }

    /** The node at this path, or a missing node. */
    public JsonNode in(JsonNode root) {
        JsonNode n = root;
        for (Object s : segments) {
            if (n == null) {
                return MissingNode.getInstance();
            }
            n = s instanceof Integer i ? n.get(i) : n.get((String) s);
        }
        return n == null ? MissingNode.getInstance() : n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else if (WORD.matcher((String) s).matches()) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(s);
            } else {
                sb.append("['").append(((String) s).replace("\\", "\\\\").replace("'", "\\'")).append("']");
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponsePath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
