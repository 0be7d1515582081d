package io.jiraaccess.core.connect;

/**
 * Percent-encoding for qsh: everything but RFC 3986's unreserved characters ({@code ALPHA DIGIT - . _ ~}) is
 * encoded as UTF-8 bytes with upper-case hex, so a space becomes {@code %20} (never {@code +}) and {@code *}
 * becomes {@code %2A}. This is atlassian-jwt's {@code encodeRfc3986} and Atlassian's Java {@code percentEncode}.
 */
final class Rfc3986 {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {
    }

    static String encode(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            return value;
        }
        StringBuilder out = new StringBuilder(n + 16);
        out.append(value, 0, i);
        while (i < n) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (isUnreserved(c)) {
                    out.append(c);
                } else {
                    percent(out, c);
                }
                i++;
                continue;
            }
            int cp = value.codePointAt(i);
            if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
                // encodeURIComponent throws on a lone surrogate: no UTF-8 form exists, so no qsh either
                throw new IllegalArgumentException("a query parameter contains an unpaired UTF-16 surrogate");
            }
            if (cp < 0x800) {
                percent(out, 0xC0 | (cp >> 6));
                percent(out, 0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                percent(out, 0xE0 | (cp >> 12));
                percent(out, 0x80 | ((cp >> 6) & 0x3F));
                percent(out, 0x80 | (cp & 0x3F));
            } else {
                percent(out, 0xF0 | (cp >> 18));
                percent(out, 0x80 | ((cp >> 12) & 0x3F));
                percent(out, 0x80 | ((cp >> 6) & 0x3F));
                percent(out, 0x80 | (cp & 0x3F));
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static void percent(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(char c) {
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
