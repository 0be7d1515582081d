package io.jiraaccess.core.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path as Jira's Tomcat reads it before any servlet sees it (Tomcat 9.0,
 * {@code org.apache.catalina.connector.CoyoteAdapter#postParseRequest} with the default connector settings):
 * <ol>
 *   <li>path parameters are cut from the raw path: from each {@code ;} to the next {@code /}
 *       ({@code parsePathParameters}), so {@code %3B} stays a literal {@code ;};</li>
 *   <li>one percent-decode ({@code UDecoder}): a malformed escape, {@code %2F} (encodedSolidusHandling=reject) and
 *       {@code %5C} (decoded to a backslash, which normalisation refuses) make Tomcat answer 400;</li>
 *   <li>normalisation ({@code normalize}): the path must start with {@code /}; a backslash or NUL is refused;
 *       {@code //} is merged; {@code .} and {@code ..} segments are resolved, and {@code ..} above the root is
 *       refused;</li>
 *   <li>the bytes are UTF-8 (Jira's connector sets {@code URIEncoding="UTF-8"}).</li>
 * </ol>
 * Paths are compared case-sensitively afterwards, as Tomcat's mapper and Jira's REST layer do.
 */
final class TomcatPath {

    /**
     * What Tomcat made of a raw path.
     *
     * @param path          the decoded, normalised path, or null when Tomcat refuses the request (400)
     * @param refusal       why Tomcat refuses it, when it does
     * @param parameters    the raw path had path parameters ({@code ;...})
     * @param dotSegments   a {@code .} or {@code ..} segment was resolved, encoded or not
     * @param mergedSlashes {@code //} was merged
     */
    record Reading(String path, String refusal, boolean parameters, boolean dotSegments, boolean mergedSlashes) {
        boolean refused() {
            return path == null;
        }

        /** True when Tomcat's reading differs from the path as written in ways other layers may not share. */
        boolean rewritten() {
            return parameters || dotSegments || mergedSlashes;
        }

        static Reading refuse(String why) {
            return new Reading(null, why, false, false, false);
        }
    }

    private TomcatPath() {
    }

    /** Reads {@code rawPath}, the path of the request line as sent (ASCII, percent-encoded). */
    static Reading read(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Reading.refuse("the path does not start with /");
        }
        boolean parameters = rawPath.indexOf(';') >= 0;
        String unparameterised = stripPathParameters(rawPath);
        byte[] decoded;
        try {
            decoded = percentDecode(unparameterised);
        } catch (IllegalArgumentException e) {
            return Reading.refuse(e.getMessage());
        }
        return normalise(decoded, parameters);
    }

    /** Removes every {@code ;...} up to the next {@code /} (or the end). */
    private static String stripPathParameters(String raw) {
        int semicolon = raw.indexOf(';', 1);
        if (semicolon < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (semicolon >= 0) {
            out.append(raw, i, semicolon);
            int slash = raw.indexOf('/', semicolon);
            if (slash < 0) {
                return out.toString();
            }
            i = slash;
            semicolon = raw.indexOf(';', slash);
        }
        return out.append(raw, i, raw.length()).toString();
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("the path has a character outside US-ASCII");
            }
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 2 >= s.length()) {
                throw new IllegalArgumentException("the path ends inside a %-escape");
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0 || s.charAt(i + 1) > 0x7F || s.charAt(i + 2) > 0x7F) {
                throw new IllegalArgumentException("the path has a %-escape that is not two hex digits");
            }
            int b = hi * 16 + lo;
            if (b == '/') {
                throw new IllegalArgumentException("the path has an encoded slash (%2F), which Tomcat refuses");
            }
            out.write(b);
            i += 2;
        }
        return out.toByteArray();
    }

    private static Reading normalise(byte[] b, boolean parameters) {
        if (b.length == 0 || b[0] != '/') {
            return Reading.refuse("the path does not start with /");
        }
        for (byte x : b) {
            if (x == '\\') {
                return Reading.refuse("the path has a backslash (plain or %5C), which Tomcat refuses");
            }
            if (x == 0) {
                return Reading.refuse("the path has a NUL byte, which Tomcat refuses");
            }
        }
        String text = new String(b, StandardCharsets.ISO_8859_1);
        boolean merged = text.contains("//");
        while (text.contains("//")) {
            text = text.replace("//", "/");
        }
        // split keeping a trailing empty segment: "/a/" -> ["", "a", ""]
        String[] in = text.split("/", -1);
        StringBuilder out = new StringBuilder();
        List<String> stack = new ArrayList<>();
        boolean dots = false;
        boolean trailingSlash = text.endsWith("/");
        for (int i = 1; i < in.length; i++) {
            String seg = in[i];
            boolean last = i == in.length - 1;
            if (seg.equals(".")) {
                dots = true;
                // "/a/." is "/a/": the resolved directory keeps its trailing slash
                trailingSlash = trailingSlash || last;
                continue;
            }
            if (seg.equals("..")) {
                dots = true;
                if (stack.isEmpty()) {
                    return Reading.refuse("the path climbs above the root with .., which Tomcat refuses");
                }
                stack.remove(stack.size() - 1);
                trailingSlash = trailingSlash || last;
                continue;
            }
            if (last && seg.isEmpty()) {
                continue;
            }
            stack.add(seg);
        }
        for (String seg : stack) {
            out.append('/').append(seg);
        }
        if (out.length() == 0 || trailingSlash) {
            out.append('/');
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        return new Reading(new String(bytes, StandardCharsets.UTF_8), null, parameters, dots, merged);
    }
}
