package io.jiraaccess.core.connect;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits and decodes a raw query string the way atlassian-jwt does (it hands the query to Node's
 * {@code querystring.parse}), so that our qsh and the reference's agree on every input, awkward ones included:
 * <ul>
 *   <li>pairs split on {@code &}, name and value on the first {@code =}; a name without {@code =} has the value
 *       {@code ""}; empty pairs ({@code &&}) are skipped;</li>
 *   <li>{@code +} is a space;</li>
 *   <li>a name or value is percent-decoded only if it contains a valid {@code %XX}; decoding is strict UTF-8
 *       ({@code decodeURIComponent}) and, where that fails, byte-wise with U+FFFD for malformed UTF-8
 *       ({@code querystring.unescapeBuffer}), where a malformed {@code %} stays literal.</li>
 * </ul>
 * Node stops after 1000 pairs and ignores the rest; a qsh that silently leaves parameters out would not bind
 * them, so such a query is refused here instead.
 */
final class QueryString {
    /** Node's {@code querystring.parse} default {@code maxKeys}. */
    static final int MAX_PAIRS = 1000;

    private QueryString() {
    }

    /** One decoded parameter. */
    record Param(String name, String value) {
    }

    /** The decoded parameters in order of appearance, a repeated name once per value. */
    static List<Param> parse(String qs) {
        List<Param> params = new ArrayList<>();
        if (qs == null || qs.isEmpty()) {
            return params;
        }
        int pairs = MAX_PAIRS;
        int start = 0;
        while (true) {
            int end = qs.indexOf('&', start);
            boolean last = end < 0;
            end = last ? qs.length() : end;
            if (start < end) {
                pair(params, qs, start, end);
            }
            // Node counts every pair towards its limit, empty ones included, but not the one after the last &
            if (last) {
                return params;
            }
            if (--pairs == 0) {
                return stop(params, qs, end);
            }
            start = end + 1;
        }
    }

    /** Reads the non-empty pair {@code qs[start, end)}, which holds no {@code &}. */
    private static void pair(List<Param> params, String qs, int start, int end) {
        int eq = -1;
        boolean plain = true;
        for (int i = start; i < end; i++) {
            char c = qs.charAt(i);
            if (c == '=' && eq < 0) {
                eq = i;
            } else if (c == '%' || c == '+') {
                plain = false;
            }
        }
        if (plain) {
            params.add(new Param(qs.substring(start, eq < 0 ? end : eq), eq < 0 ? "" : qs.substring(eq + 1, end)));
            return;
        }
        // Node decodes a name or value only when it saw a valid %XX in it; how it decides is kept exactly
        boolean keyEncoded = false;
        boolean valEncoded = false;
        // counts '%' plus following hex digits; 3 means a valid %XX was seen. Shared by name and value, as in Node.
        int encodeCheck = 0;
        for (int i = start; i < end; i++) {
            char c = qs.charAt(i);
            if (i < eq || eq < 0) {
                if (!keyEncoded) {
                    if (c == '%') {
                        encodeCheck = 1;
                        continue;
                    } else if (encodeCheck > 0) {
                        if (Rfc3986.hexValue(c) >= 0) {
                            if (++encodeCheck == 3) {
                                keyEncoded = true;
                            }
                            continue;
                        }
                        encodeCheck = 0;
                    }
                }
                if (c == '+') {
                    continue;
                }
            } else if (i == eq) {
                encodeCheck = 0;
                continue;
            }
            // Node runs the value's %XX detection even for name characters that reach this point: a name that
            // was already found encoded can mark the value as encoded too. Decoding then differs only for
            // malformed input, but that difference is observable, so it is kept.
            if (c != '+' && !valEncoded) {
                if (c == '%') {
                    encodeCheck = 1;
                } else if (encodeCheck > 0) {
                    if (Rfc3986.hexValue(c) >= 0) {
                        if (++encodeCheck == 3) {
                            valEncoded = true;
                        }
                    } else {
                        encodeCheck = 0;
                    }
                }
            }
        }
        add(params, qs, start, eq, end, keyEncoded, valEncoded);
    }

    /** Adds the pair {@code qs[start, end)} whose {@code =} is at {@code eq} (or -1): {@code +} is a space, then decoding. */
    private static void add(List<Param> params, String qs, int start, int eq, int end,
                            boolean keyEncoded, boolean valEncoded) {
        String k = plusAsSpace(qs.substring(start, eq < 0 ? end : eq));
        String v = eq < 0 ? "" : plusAsSpace(qs.substring(eq + 1, end));
        if (keyEncoded && !k.isEmpty()) {
            k = unescape(k);
        }
        if (valEncoded && !v.isEmpty()) {
            v = unescape(v);
        }
        params.add(new Param(k, v));
    }

    private static String plusAsSpace(String s) {
        return s.indexOf('+') < 0 ? s : s.replace('+', ' ');
    }

    /** Node stops parsing at its pair limit; refuse when that would drop a parameter. */
    private static List<Param> stop(List<Param> params, String qs, int separator) {
        for (int j = separator + 1; j < qs.length(); j++) {
            if (qs.charAt(j) != '&') {
                throw new IllegalArgumentException("the query has more than " + MAX_PAIRS
                        + " parameters; atlassian-jwt ignores the rest, so a qsh could not bind them");
            }
        }
        return params;
    }

    /** Node's {@code querystring.unescape}: {@code decodeURIComponent}, or the lenient byte-wise decoding where that throws. */
    static String unescape(String s) {
        try {
            return decodeUriComponent(s);
        } catch (IllegalArgumentException e) {
            return unescapeBuffer(s);
        }
    }

    /** ECMAScript {@code decodeURIComponent}: every {@code %} must start {@code %XX}, and each run of them valid UTF-8. */
    static String decodeUriComponent(String s) {
        int i = s.indexOf('%');
        if (i < 0) {
            return s;
        }
        // decoding never lengthens: a %XX triple gives at most one char, raw chars stay one char
        char[] out = new char[s.length()];
        s.getChars(0, i, out, 0);
        int o = i;
        byte[] run = new byte[s.length() / 3];
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                out[o++] = c;
                i++;
                continue;
            }
            int n = 0;
            while (i < s.length() && s.charAt(i) == '%') {
                int b = i + 2 < s.length() ? hexByte(s.charAt(i + 1), s.charAt(i + 2)) : -1;
                if (b < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding");
                }
                run[n++] = (byte) b;
                i += 3;
            }
            o = utf8(run, n, false, out, o);
        }
        return new String(out, 0, o);
    }

    /**
     * Node's {@code querystring.unescapeBuffer(s).toString()}: valid {@code %XX} become bytes, anything else is taken
     * one UTF-16 unit per byte (truncated, as Node's Buffer does), and the bytes are read as UTF-8 with U+FFFD for
     * malformed sequences.
     */
    static String unescapeBuffer(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i < s.length() - 2) {
                int b = hexByte(s.charAt(i + 1), s.charAt(i + 2));
                if (b >= 0) {
                    out[n++] = (byte) b;
                    i += 3;
                    continue;
                }
            }
            out[n++] = (byte) c;
            i++;
        }
        char[] decoded = new char[n];
        return new String(decoded, 0, utf8(out, n, true, decoded, 0));
    }

    /**
     * UTF-8 decoding as the WHATWG Encoding Standard (and so Node's Buffer) does it. With {@code replace}, one U+FFFD
     * per maximal invalid subsequence: Java's own decoder replaces some sequences (an encoded surrogate, say) with
     * one U+FFFD where Node writes three, which would change the qsh. Without, invalid input throws
     * {@link IllegalArgumentException}, as {@code decodeURIComponent} does. Writes at most one char per byte into
     * {@code out} from {@code o} and returns the position after the last one.
     */
    static int utf8(byte[] bytes, int length, boolean replace, char[] out, int o) {
        int needed = 0;
        int seen = 0;
        int codePoint = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out[o++] = (char) b;
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    out[o++] = invalid(replace);
                }
                i++;
                continue;
            }
            if (b < lower || b > upper) {
                // the sequence so far is one error; the byte that broke it is read again as a new start
                needed = 0;
                seen = 0;
                codePoint = 0;
                lower = 0x80;
                upper = 0xBF;
                out[o++] = invalid(replace);
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            i++;
            if (++seen == needed) {
                o += Character.toChars(codePoint, out, o);
                needed = 0;
                seen = 0;
                codePoint = 0;
            }
        }
        if (needed != 0) {
            out[o++] = invalid(replace);
        }
        return o;
    }

    private static char invalid(boolean replace) {
        if (!replace) {
            throw new IllegalArgumentException("malformed UTF-8");
        }
        return '\uFFFD';
    }

    private static int hexByte(char high, char low) {
        int h = Rfc3986.hexValue(high);
        int l = Rfc3986.hexValue(low);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
