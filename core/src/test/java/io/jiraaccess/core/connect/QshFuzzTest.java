package io.jiraaccess.core.connect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jiraaccess.core.testing.FuzzText;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz targets for {@link Qsh}, the Connect query string hash that binds a JWT to one request. Inputs are text
 * (UTF-8, where an encoded surrogate such as {@code ED A0 80} stands for a lone surrogate: {@link FuzzText}).
 * <p>{@link #canonicalRequestIsAPureFunctionThatOnlyRefusesWithIllegalArgumentException}: {@code METHOD\nTARGET}
 * (no line break: {@code GET} and the whole input as the target). For any text:
 * <ul>
 *   <li>the canonical request is computed or refused with {@link IllegalArgumentException}, nothing else;</li>
 *   <li>it is deterministic, its qsh is the SHA-256 of it (computed here independently), 64 lower-case hex;</li>
 *   <li>it has the documented shape: {@code METHOD&/path&query}, the path starting with {@code /} without
 *   {@code ?} or {@code #}; the query only unreserved characters and upper-case
 *   {@code %XX}, names in order, each name's values in order, no {@code jwt} parameter;</li>
 *   <li>a context path is removed: {@code /jira} + target with context {@code /jira} gives the same result;</li>
 *   <li>it is stable: feeding its path and query back in gives the same canonical request, wherever that holds
 *   (single-valued parameters, a path of plain characters not ending in {@code /}).</li>
 * </ul>
 * {@link #qshMatchesATextbookReferenceOnWellFormedRequests}: {@code METHOD\nPATH\nname=value\n...} with unencoded
 * names and values; the test encodes them as a client would and compares with a slow textbook implementation of
 * Atlassian's specification ({@link #reference}), for the plain path, an absolute URL and a context path.
 */
class QshFuzzTest {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    @FuzzTest(maxDuration = "4m")
    void canonicalRequestIsAPureFunctionThatOnlyRefusesWithIllegalArgumentException(byte[] input) {
        String text = FuzzText.decode(input);
        int nl = text.indexOf('\n');
        String method = nl < 0 ? "GET" : text.substring(0, nl);
        String target = nl < 0 ? text : text.substring(nl + 1);
        String canonical;
        try {
            canonical = Qsh.canonicalRequest(method, target);
        } catch (IllegalArgumentException refused) {
            assertThrows(IllegalArgumentException.class, () -> Qsh.qsh(method, target), "qsh refuses as well");
            assertThrows(IllegalArgumentException.class, () -> Qsh.canonicalRequest(method, target, "/jira"),
                    "refused with a context path as well");
            return;
        } catch (RuntimeException e) {
            fail("only IllegalArgumentException may escape canonicalRequest, not " + e, e);
            return;
        }
        try {
            assertEquals(canonical, Qsh.canonicalRequest(method, target), "deterministic");
            assertEquals(canonical, Qsh.canonicalRequest(method, target, ""), "empty context path");
            String qsh = Qsh.qsh(method, target);
            assertTrue(HEX64.matcher(qsh).matches(), "qsh is 64 lower-case hex: " + qsh);
            assertEquals(sha256Hex(canonical), qsh, "qsh is the SHA-256 of the canonical request");

            String upper = method.toUpperCase(Locale.ROOT);
            assertTrue(canonical.startsWith(upper + "&"), "starts with the upper-case method");
            String rest = canonical.substring(upper.length() + 1);
            int amp = rest.indexOf('&');
            assertTrue(amp > 0, "path and query are separated by &");
            String path = rest.substring(0, amp);
            String query = rest.substring(amp + 1);
            assertShape(path, query);

            if (target.startsWith("/") && !target.startsWith("///")) {
                assertEquals(canonical, Qsh.canonicalRequest(method, "/jira" + target, "/jira"), "context path removed");
            }
            // one trailing / is dropped, so a path that still ends in / would lose another
            if (isPlainPath(path) && !query.contains(",") && (path.equals("/") || !path.endsWith("/"))) {
                String again = path + (query.isEmpty() ? "" : "?" + query);
                assertEquals(canonical, Qsh.canonicalRequest(method, again), "re-canonicalized from " + again);
            }
        } catch (IllegalArgumentException | AssertionError e) {
            throw new AssertionError("canonical request " + canonical + ": " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "4m")
    void qshMatchesATextbookReferenceOnWellFormedRequests(byte[] input) {
        String[] lines = FuzzText.decode(input).split("\n", -1);
        String method = lines[0];
        String path = lines.length > 1 ? plainPath(lines[1]) : "/";
        List<String[]> params = new ArrayList<>();
        for (int i = 2; i < lines.length && params.size() < 50; i++) {
            int eq = lines[i].indexOf('=');
            String name = eq < 0 ? lines[i] : lines[i].substring(0, eq);
            String value = eq < 0 ? "" : lines[i].substring(eq + 1);
            if (hasLoneSurrogate(name) || hasLoneSurrogate(value)) {
                // no UTF-8 form, so no client can send it; the first target covers how it is refused
                return;
            }
            params.add(new String[] {name, value});
        }
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < params.size(); i++) {
            target.append(i == 0 ? '?' : '&').append(formEncode(params.get(i)[0])).append('=')
                    .append(formEncode(params.get(i)[1]));
        }
        String expected = reference(method, path, params);
        String request = target.toString();
        assertEquals(expected, Qsh.canonicalRequest(method, request), "request " + request);
        assertEquals(expected, Qsh.canonicalRequest(method, "https://jira.example.com:8443" + request),
                "absolute URL for " + request);
        assertEquals(expected, Qsh.canonicalRequest(method, "/jira" + request, "/jira"), "context path for " + request);
        assertEquals(sha256Hex(expected), Qsh.qsh(method, request), "qsh of " + request);
        assertEquals(expected, Qsh.canonicalRequest(method, request + (params.isEmpty() ? "?" : "&") + "jwt=eyJ.x.y"),
                "the jwt parameter is left out of " + request);
    }

    /**
     * Atlassian's canonical request, written from its description with no code shared with {@link Qsh}: upper-case
     * method; the path as sent, {@code &} as {@code %26}, without a trailing {@code /}; parameters but {@code jwt}
     * sorted by name, a name's values sorted and joined with {@code ,}, percent-encoded the way Atlassian's Java
     * library does ({@code URLEncoder} with {@code %20}, {@code %2A} and a plain {@code ~}). It also leaves out
     * {@code __proto__}, which atlassian-jwt (npm) cannot see.
     */
    static String reference(String method, String path, List<String[]> params) {
        String uri = path.replace("&", "%26");
        if (uri.length() > 1 && uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        Map<String, List<String>> byName = new TreeMap<>();
        for (String[] p : params) {
            if (!p[0].equals("jwt") && !p[0].equals("__proto__")) {
                byName.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            }
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            List<String> values = new ArrayList<>(e.getValue());
            values.sort(null);
            List<String> encoded = values.stream().map(QshFuzzTest::atlassianEncode).toList();
            pairs.add(atlassianEncode(e.getKey()) + "=" + String.join(",", encoded));
        }
        return method.toUpperCase(Locale.ROOT) + "&" + uri + "&" + String.join("&", pairs);
    }

    private static String atlassianEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** How an HTML form or most HTTP clients encode a query component. */
    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path of plain characters: one leading {@code /}, everything else outside a safe set percent-encoded. */
    private static String plainPath(String line) {
        int start = 0;
        while (start < line.length() && line.charAt(start) == '/') {
            start++;
        }
        StringBuilder out = new StringBuilder("/");
        String rest = line.substring(start);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&()*+,;=:/".indexOf(c) >= 0) {
                out.append(c);
            } else if (Character.isSurrogate(c)) {
                out.append("%EF%BF%BD");
            } else {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return out.toString();
    }

    private static void assertShape(String path, String query) {
        assertTrue(path.startsWith("/"), "path starts with /");
        assertFalse(path.contains("?") || path.contains("#"), "path holds no query or fragment");
        if (query.isEmpty()) {
            return;
        }
        assertTrue(onlyFrom(query, "-._~,=&", "0123456789ABCDEF"), "query is unreserved characters and %XX only");
        String previous = null;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            assertTrue(eq >= 0, "every parameter has =: " + pair);
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            assertFalse(name.equals("jwt"), "the jwt parameter is left out");
            if (previous != null) {
                assertTrue(previous.compareTo(name) < 0, "names in order, each once: " + previous + " before " + name);
            }
            previous = name;
            String before = null;
            for (String value : pair.substring(eq + 1).split(",", -1)) {
                String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
                if (before != null) {
                    assertTrue(before.compareTo(decoded) <= 0, "values of " + name + " in order");
                }
                before = decoded;
            }
        }
    }

    /** Paths that read back as themselves: plain characters and %XX, no leading {@code //}. */
    private static boolean isPlainPath(String path) {
        return path.startsWith("/") && !path.startsWith("//")
                && onlyFrom(path, "-._~!$'()*+,;=:@/", "0123456789ABCDEFabcdef");
    }

    /** ASCII letters and digits, the given punctuation, and {@code %} followed by two of {@code hex}. */
    private static boolean onlyFrom(String s, String punctuation, String hex) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex.indexOf(s.charAt(i + 1)) < 0 || hex.indexOf(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || punctuation.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
