package io.jiraaccess.core.testing;

/**
 * Turns fuzzer bytes into Java strings for targets that take text. Seeds stay readable UTF-8 files, yet every
 * {@code String} is reachable: a 3-byte sequence encoding a surrogate ({@code ED A0 80} = U+D800, what Java's own
 * decoder refuses) yields that lone surrogate, and any other malformed byte becomes the char of the same value
 * (Latin-1), so no input collapses into U+FFFD.
 */
public final class FuzzText {
    private FuzzText() {
    }

    public static String decode(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            int needed = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? (b <= 0xEF ? 2 : 0) : b >= 0xC2 && b <= 0xDF ? 1 : 0;
            if (b < 0x80 || needed == 0 || i + needed >= to) {
                out.append((char) b);
                i++;
                continue;
            }
            int cp = b & (0x3F >> needed);
            boolean ok = true;
            for (int k = 1; k <= needed; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            int min = needed == 1 ? 0x80 : needed == 2 ? 0x800 : 0x10000;
            if (!ok || cp < min || cp > 0x10FFFF) {
                out.append((char) b);
                i++;
                continue;
            }
            out.appendCodePoint(cp);
            i += needed + 1;
        }
        return out.toString();
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }
}
