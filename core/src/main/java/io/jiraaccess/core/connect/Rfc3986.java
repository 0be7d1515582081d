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
        // at most 9 output characters per input character: 3 encoded bytes for a char of the BMP (a surrogate
        // pair is 2 chars for 4 bytes, 12 characters)
        char[] out = new char[i + (n - i) * 9];
        value.getChars(0, i, out, 0);
        int o = i;
        while (i < n) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (isUnreserved(c)) {
                    out[o++] = c;
                } else {
                    o = percent(out, o, c);
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
                o = percent(out, o, 0xC0 | (cp >> 6));
                o = percent(out, o, 0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                o = percent(out, o, 0xE0 | (cp >> 12));
                o = percent(out, o, 0x80 | ((cp >> 6) & 0x3F));
                o = percent(out, o, 0x80 | (cp & 0x3F));
            } else {
                o = percent(out, o, 0xF0 | (cp >> 18));
                o = percent(out, o, 0x80 | ((cp >> 12) & 0x3F));
                o = percent(out, o, 0x80 | ((cp >> 6) & 0x3F));
                o = percent(out, o, 0x80 | (cp & 0x3F));
            }
            i += Character.charCount(cp);
        }
        return new String(out, 0, o);
    }

    private static int percent(char[] out, int o, int b) {
        out[o] = '%';
        out[o + 1] = HEX[(b >> 4) & 0xF];
        out[o + 2] = HEX[b & 0xF];
        return o + 3;
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
