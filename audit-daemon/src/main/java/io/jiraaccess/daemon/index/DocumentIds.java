package io.jiraaccess.daemon.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Elasticsearch {@code _id} of an event, derived only from its {@code event.id}: re-ingesting an event overwrites
 * it instead of duplicating it. A short id of safe characters is used as it is (readable in Kibana); anything else
 * becomes the SHA-256 hex of its UTF-8 bytes.
 */
public final class DocumentIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}");

    private DocumentIds() {
    }

    public static String of(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            throw new IllegalArgumentException("an event without event.id has no document id");
        }
        return SAFE.matcher(eventId).matches() ? eventId : sha256Hex(eventId);
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
