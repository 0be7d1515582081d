package io.jiraaccess.core.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The streaming way of {@link NdjsonEvents}: one pass over a line that picks up its {@code @timestamp},
 * {@code event.id}, {@code jira_access.seq} and the string fields asked for, without building the event as a map. It
 * answers only for the common line (nested objects, strings and whole numbers where it reads, no key that could spell
 * a field read in another way); for every other line it says nothing, and {@link NdjsonEvents}' general way decides.
 */
final class StreamedFields {
    private final Node root = new Node(Kind.OBJECT, -1);
    private final int picked;
    private final JsonFactory factory;

    /** @param factory a factory that refuses duplicate keys and nesting deeper than the parser's limit */
    StreamedFields(List<String> picked, JsonFactory factory) {
        root.add("@timestamp", Kind.TIMESTAMP, -1);
        root.add("event.id", Kind.EVENT_ID, -1);
        root.add("jira_access.seq", Kind.SEQ, -1);
        for (int i = 0; i < picked.size(); i++) {
            root.add(picked.get(i), Kind.STRING, i); // refuses a path picked twice
        }
        this.picked = picked.size();
        this.factory = factory;
    }

    /** The fields of {@code line}, or null when the general way must decide. */
    Found read(byte[] line) {
        Found found = new Found(picked);
        try (JsonParser p = factory.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !object(p, root, found) || p.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return found;
    }

    /** What the streaming way does with a key of an object. */
    private enum Kind { OBJECT, TIMESTAMP, EVENT_ID, SEQ, STRING }

    /**
     * A key the streaming way reads: an object to descend into, or a value to read. An object has a handful of keys
     * read; they are found by a scan (names from the parser are mostly the same instances as ours), not by hashing.
     */
    private static final class Node {
        final Kind kind;
        final int slot;
        private String[] names = new String[0];
        private Node[] children = new Node[0];

        Node(Kind kind, int slot) {
            this.kind = kind;
            this.slot = slot;
        }

        Node child(String name) {
            String[] n = names;
            for (int i = 0; i < n.length; i++) {
                if (n[i].equals(name)) {
                    return children[i];
                }
            }
            return null;
        }

        void add(String path, Kind leaf, int slot) {
            String[] parts = path.startsWith("@") ? new String[] {path} : path.split("\\.", -1);
            Node node = this;
            for (int i = 0; i < parts.length; i++) {
                boolean last = i == parts.length - 1;
                Node child = node.child(parts[i]);
                if (parts[i].isEmpty() || (child != null && (last || child.kind != Kind.OBJECT))) {
                    throw new IllegalArgumentException("cannot pick '" + path + "': it is empty, read already, or a "
                            + "prefix of another field picked");
                }
                if (child == null) {
                    child = new Node(last ? leaf : Kind.OBJECT, last ? slot : -1);
                    node.names = Arrays.copyOf(node.names, node.names.length + 1);
                    node.children = Arrays.copyOf(node.children, node.children.length + 1);
                    node.names[node.names.length - 1] = parts[i].intern();
                    node.children[node.children.length - 1] = child;
                }
                node = child;
            }
        }

        /** A flattened key ({@code "event.id"}) whose first part is a key read here could spell a field read. */
        boolean mayBeFlattened(String key) {
            int dot = key.indexOf('.');
            return dot > 0 && child(key.substring(0, dot)) != null;
        }
    }

    /** The values met while streaming over one line. */
    static final class Found {
        String timestamp;
        long millis;
        boolean sawMillis;
        String eventId;
        Long seq;
        final String[] strings;

        Found(int picked) {
            strings = new String[picked];
        }
    }

    /** Reads the object the parser just entered; false when the general way must decide. */
    private static boolean object(JsonParser p, Node node, Found found) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Node child = node.child(name);
            if (child == null) {
                if (node.mayBeFlattened(name)) {
                    return false;
                }
                p.skipChildren();
                continue;
            }
            switch (child.kind) {
                case OBJECT -> {
                    if (v == JsonToken.START_OBJECT) {
                        if (!object(p, child, found)) {
                            return false;
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                case TIMESTAMP -> {
                    if (v == JsonToken.VALUE_STRING) {
                        found.timestamp = p.getText();
                    } else if (wholeLong(p, v)) {
                        found.millis = p.getLongValue();
                        found.sawMillis = true;
                    } else {
                        return false;
                    }
                }
                case EVENT_ID -> {
                    if (v == JsonToken.VALUE_STRING) {
                        found.eventId = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                case SEQ -> {
                    if (wholeLong(p, v)) {
                        found.seq = p.getLongValue();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                case STRING -> {
                    if (v == JsonToken.VALUE_STRING) {
                        found.strings[child.slot] = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A whole number that fits a long (the general way reads larger ones as another type). */
    private static boolean wholeLong(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }
}
