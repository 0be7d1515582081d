package io.jiraaccess.core.secret;

import java.net.URLEncoder;
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
 * header, a JSON blob) is encoded differently depending on how many bytes come before it.
 */
public final class SecretForms {
    /** Secrets shorter than this are not masked as substrings: masking "ab" would mangle ordinary output. */
    public static final int MIN_MASKED_LENGTH = 3;

    private SecretForms() {
    }

    /**
     * One printed form of a secret and how it was derived: {@code literal}, {@code base64-offset-N} and
     * {@code base64url-offset-N} (N = 0, 1, 2 bytes before the secret), {@code percent}, {@code percent-%20},
     * {@code json}, {@code json-lowercase-hex}; for a Basic pair also {@code basic} (the whole header value) and
     * {@code basic-pair-<kind>} (the forms of {@code user:secret}). A leak scan reports the kind, never the text.
     */
    public record Form(String kind, String text) {
        @Override
        public String toString() {
            // the text is a form of a secret: never printed
            return "Form[" + kind + ", length " + text.length() + "]";
        }
    }

    /** The forms of {@code secret}: literal, Base64 (3 alignments, standard and URL-safe), percent-encoded, JSON-escaped. */
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
        forms.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), "percent");
        forms.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"), "percent-%20");
        forms.putIfAbsent(jsonEscape(secret, true), "json");
        forms.putIfAbsent(jsonEscape(secret, false), "json-lowercase-hex");
        return list(forms);
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
