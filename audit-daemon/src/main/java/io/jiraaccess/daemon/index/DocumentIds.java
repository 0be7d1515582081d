package io.jiraaccess.daemon.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Elasticsearch {@code _id} of an event, derived only from its {@code event.id}: re-ingesting an event overwrites
 * it instead of duplicating it. A short id of safe characters is used as it is (readable in Kibana); anything else
 * becomes the SHA-256 hex of its UTF-8 bytes.
 */
public final class DocumentIds {
    private static final int MAX_SAFE_LENGTH = 200;

    private DocumentIds() {
    }

    public static String of(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            throw new IllegalArgumentException("an event without event.id has no document id");
        }
        return safe(eventId) ? eventId : sha256Hex(eventId);
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}}, checked without a regular expression (once per event). */
    static boolean safe(String id) {
        int n = id.length();
        if (n == 0 || n > MAX_SAFE_LENGTH || !alphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = id.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '@' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
