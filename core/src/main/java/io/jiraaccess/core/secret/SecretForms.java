package io.jiraaccess.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every form in which a secret may be printed: what a console mask must hide and what a leak scan must look for.
 * Base64 is covered at all three alignments, because a secret embedded in a longer encoded string (a Basic
 * header, a JSON blob) is encoded differently depending on how many bytes come before it. The percent-encoded
 * forms follow the safe sets of the encoders pipelines use: Java's {@code URLEncoder}, Python's {@code quote()}
 * (keeps {@code /}) and {@code quote_plus()}, JavaScript's {@code encodeURIComponent} (keeps {@code !'()*}), each
 * with upper- and lower-case hex digits; hex is what {@code xxd -p} and {@code od}-style dumps print.
 */
public final class SecretForms {
    /** Secrets shorter than this are not masked as substrings: masking "ab" would mangle ordinary output. */
    public static final int MIN_MASKED_LENGTH = 3;

    private SecretForms() {
    }

    /**
     * One printed form of a secret and how it was derived: {@code literal}, {@code base64-offset-N} and
     * {@code base64url-offset-N} (N = 0, 1, 2 bytes before the secret), {@code hex}, {@code hex-upper},
     * {@code percent}, {@code percent-%20}, {@code percent-python-quote}, {@code percent-python-quote-plus},
     * {@code percent-js-component} (each percent form also as {@code ...-lowercase-hex}), {@code json},
     * {@code json-lowercase-hex}, {@code json-escaped-slash}, {@code json-ascii}; for a Basic pair also
     * {@code basic} (the whole header value) and {@code basic-pair-<kind>} (the forms of {@code user:secret}).
     * A leak scan reports the kind, never the text.
     */
    public record Form(String kind, String text) {
        @Override
        public String toString() {
            // the text is a form of a secret: never printed
            return "Form[" + kind + ", length " + text.length() + "]";
        }
    }

    /** The forms of {@code secret}: literal, Base64 (3 alignments, standard and URL-safe), hex, percent-encoded, JSON-escaped. */
    public static Set<String> of(String secret) {
        return texts(labelled(secret));
    }

    /** The forms of a Basic credential pair: each part's forms plus the whole {@code base64(user:secret)}. */
    public static Set<String> ofBasic(String user, String secret) {
        return texts(labelledBasic(user, secret));
    }

    /**
     * The forms of {@link #of}, each with its kind, in the same order; a text that two kinds produce (the percent
     * form of a secret that needs no escaping is its literal) is listed once, under the first kind.
     */
    public static List<Form> labelled(String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        if (secret == null || secret.length() < MIN_MASKED_LENGTH) {
            return List.of();
        }
        forms.putIfAbsent(secret, "literal");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            String core = base64Core(bytes, offset, Base64.getEncoder());
            if (core.length() >= MIN_MASKED_LENGTH) {
                forms.putIfAbsent(core, "base64-offset-" + offset);
            }
            String urlSafe = base64Core(bytes, offset, Base64.getUrlEncoder().withoutPadding());
            if (urlSafe.length() >= MIN_MASKED_LENGTH) {
                forms.putIfAbsent(urlSafe, "base64url-offset-" + offset);
            }
        }
        forms.putIfAbsent(hex(bytes, false), "hex");
        forms.putIfAbsent(hex(bytes, true), "hex-upper");
        percentForms(secret, forms);
        forms.putIfAbsent(jsonEscape(secret, true), "json");
        forms.putIfAbsent(jsonEscape(secret, false), "json-lowercase-hex");
        forms.putIfAbsent(jsonEscape(secret, true).replace("/", "\\/"), "json-escaped-slash");
        forms.putIfAbsent(jsonAscii(jsonEscape(secret, false)), "json-ascii");
        return list(forms);
    }

    /** Characters that percent-encoders leave as they are besides letters and digits, by encoder. */
    private static final String[][] PERCENT_ENCODERS = {
            // java.net.URLEncoder: space as '+'
            {"percent", ".-*_", "+"},
            {"percent-%20", ".-*_", "%20"},
            // Python urllib.parse.quote(s) (safe='/' by default) and quote_plus(s) (safe='', space as '+')
            {"percent-python-quote", "_.-~/", "%20"},
            {"percent-python-quote-plus", "_.-~", "+"},
            // JavaScript encodeURIComponent
            {"percent-js-component", "-_.!~*'()", "%20"},
    };

    private static void percentForms(String secret, Map<String, String> forms) {
        for (String[] encoder : PERCENT_ENCODERS) {
            forms.putIfAbsent(percentEncode(secret, encoder[1], encoder[2], true), encoder[0]);
        }
        for (String[] encoder : PERCENT_ENCODERS) {
            forms.putIfAbsent(percentEncode(secret, encoder[1], encoder[2], false), encoder[0] + "-lowercase-hex");
        }
    }

    /** UTF-8 percent-encoding keeping ASCII letters, digits and {@code safe}; a space becomes {@code space}. */
    static String percentEncode(String s, String safe, String space, boolean upperHex) {
        StringBuilder b = new StringBuilder(s.length() * 3);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append(space);
            } else {
                b.append('%').append(hexDigit(c >> 4, upperHex)).append(hexDigit(c & 0xf, upperHex));
            }
        }
        return b.toString();
    }

    static String hex(byte[] bytes, boolean upper) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(hexDigit((x >> 4) & 0xf, upper)).append(hexDigit(x & 0xf, upper));
        }
        return b.toString();
    }

    private static char hexDigit(int v, boolean upper) {
        return (upper ? "0123456789ABCDEF" : "0123456789abcdef").charAt(v);
    }

    /** A JSON string body with every non-ASCII character as a four-digit unicode escape (Python's {@code json.dumps} default). */
    private static String jsonAscii(String escaped) {
        StringBuilder b = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c < 0x80) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** The forms of {@link #ofBasic}, each with its kind, in the same order. */
    public static List<Form> labelledBasic(String user, String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        labelled(secret).forEach(f -> forms.putIfAbsent(f.text(), f.kind()));
        String pair = user + ":" + secret;
        forms.putIfAbsent(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)), "basic");
        labelled(pair).forEach(f -> forms.putIfAbsent(f.text(), "basic-pair-" + f.kind()));
        return list(forms);
    }

    private static List<Form> list(Map<String, String> byText) {
        List<Form> out = new ArrayList<>(byText.size());
        byText.forEach((text, kind) -> out.add(new Form(kind, text)));
        return List.copyOf(out);
    }

    private static Set<String> texts(List<Form> forms) {
        Set<String> out = new LinkedHashSet<>();
        forms.forEach(f -> out.add(f.text()));
        return out;
    }

    /**
     * The part of the Base64 encoding of {@code bytes}, preceded by {@code offset} unknown bytes, that depends only
     * on {@code bytes}: characters influenced by the unknown prefix or by whatever follows are dropped.
     */
    static String base64Core(byte[] bytes, int offset, Base64.Encoder encoder) {
        byte[] padded = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, padded, offset, bytes.length);
        String encoded = encoder.encodeToString(padded);
        // characters fully determined by our bytes start after the group(s) touched by the prefix
        int start = offset == 0 ? 0 : (offset == 1 ? 2 : 3);
        // the tail: only whole 3-byte groups are independent of what follows
        int total = offset + bytes.length;
        int fullGroups = total / 3;
        int end = fullGroups * 4;
        if (total % 3 != 0) {
            // a trailing partial group: its first chars depend only on our bytes, if any
            end += (total % 3 == 1) ? 1 : 2;
        }
        end = Math.min(end, encoded.replace("=", "").length());
        if (start >= end) {
            return "";
        }
        return encoded.substring(start, end);
    }

    /**
     * The secret as a JSON string body. Writers differ in how they print control characters: Jackson writes
     * {@code \b}, {@code \f} and upper-case {@code \u001F}, others lower case; {@code upper} picks the hex case.
     */
    static String jsonEscape(String s, boolean upper) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(upper ? "\\u%04X" : "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
