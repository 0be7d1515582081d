package io.jiraaccess.sim.api;

import io.jiraaccess.sim.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque page cursor of the Atlassian admin APIs (org events, API tokens): here the offset of the page's first
 * item, URL-safe Base64 of {@code offset:<n>}. Clients must pass it back as given.
 */
final class OffsetCursor {
    private OffsetCursor() {
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The offset a cursor stands for; 0 without one.
     *
     * @param howToPage the fix for a bad cursor, e.g. {@code use meta.next as given}
     * @throws ApiError 400 for a cursor this API did not hand out
     */
    static int decode(String cursor, String howToPage) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring(7));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiError.badRequest("The cursor is not valid; " + howToPage + ".");
    }
}
