package io.jiraaccess.daemon.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The spool source's position: the file being read, the byte offset after the last line read, its line number, and
 * whether the file was read to its end. Stored as a small JSON object so an operator can read it.
 */
record SpoolPosition(String file, long offset, long line, boolean eof) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", file);
        n.put("offset", offset);
        n.put("line", line);
        n.put("eof", eof);
        return n.toString();
    }

    /** The position, or null for none (or an unreadable one, which restarts at the first file: ids are deterministic). */
    static SpoolPosition decode(String position) {
        if (position == null || position.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(position);
            String file = n.path("file").asText(null);
            if (file == null || file.contains("/") || file.contains("\\")) {
                return null;
            }
            return new SpoolPosition(file, Math.max(0, n.path("offset").asLong()), Math.max(0, n.path("line").asLong()),
                    n.path("eof").asBoolean());
        } catch (IOException e) {
            return null;
        }
    }
}
