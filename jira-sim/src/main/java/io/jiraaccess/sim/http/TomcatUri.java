package io.jiraaccess.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How Jira's servlet container turns the path of a request line into the path it routes on, done the way Tomcat 9.0
 * does it in {@code org.apache.catalina.connector.CoyoteAdapter#postParseRequest}, on bytes and in place:
 * {@code parsePathParameters} (every {@code ;...} up to the next {@code /} cut from the raw bytes),
 * {@code UDecoder.convert} (one %-decode; a broken escape or {@code %2F} is a 400), {@code normalize} (a backslash,
 * decoded from {@code %5C} or not, and a NUL are a 400; {@code //} merged; {@code /./} and {@code /../} resolved,
 * above the root a 400), then UTF-8. The simulator routes on the result, as Jira does.
 */
public final class TomcatUri {

    private TomcatUri() {
    }

    /**
     * The path Jira routes on.
     *
     * @throws ApiError 400 when Tomcat refuses the path
     */
    public static String routedPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            throw invalid();
        }
        byte[] b = rawPath.getBytes(StandardCharsets.ISO_8859_1);
        for (byte x : b) {
            if ((x & 0xff) > 0x7F) {
                throw invalid();
            }
        }
        int end = cutPathParameters(b, b.length);
        end = decode(b, end);
        byte[] room = Arrays.copyOf(b, end + 1);
        end = normalize(room, end);
        return new String(room, 0, end, StandardCharsets.UTF_8);
    }

    private static int cutPathParameters(byte[] b, int end) {
        int semicolon = indexOf(b, 1, end, (byte) ';');
        while (semicolon >= 0) {
            int stop = semicolon + 1;
            while (stop < end && b[stop] != ';' && b[stop] != '/') {
                stop++;
            }
            System.arraycopy(b, stop, b, semicolon, end - stop);
            end -= stop - semicolon;
            semicolon = indexOf(b, semicolon, end, (byte) ';');
        }
        return end;
    }

    private static int decode(byte[] b, int end) {
        int out = 0;
        for (int i = 0; i < end; i++, out++) {
            if (b[i] != '%') {
                b[out] = b[i];
                continue;
            }
            if (i + 2 >= end) {
                throw invalid();
            }
            int hi = Character.digit(b[i + 1], 16);
            int lo = Character.digit(b[i + 2], 16);
            if (hi < 0 || lo < 0) {
                throw invalid();
            }
            int c = (hi << 4) | lo;
            if (c == '/') {
                throw invalid();
            }
            b[out] = (byte) c;
            i += 2;
        }
        return out;
    }

    /** {@code b} has one spare byte after {@code end}: a trailing {@code /.} or {@code /..} gets its slash there. */
    private static int normalize(byte[] b, int end) {
        if (end == 0 || b[0] != '/') {
            throw invalid();
        }
        for (int i = 0; i < end; i++) {
            if (b[i] == '\\' || b[i] == 0) {
                throw invalid();
            }
        }
        for (int i = 0; i < end - 1; i++) {
            while (b[i] == '/' && i + 1 < end && b[i + 1] == '/') {
                System.arraycopy(b, i + 1, b, i, end - i - 1);
                end--;
            }
        }
        if (end >= 2 && b[end - 1] == '.' && (b[end - 2] == '/' || (end >= 3 && b[end - 2] == '.' && b[end - 3] == '/'))) {
            b[end++] = '/';
        }
        int index;
        while ((index = find(b, end, "/./")) >= 0) {
            System.arraycopy(b, index + 2, b, index, end - index - 2);
            end -= 2;
        }
        while ((index = find(b, end, "/../")) >= 0) {
            if (index == 0) {
                throw invalid();
            }
            int previous = index - 1;
            while (b[previous] != '/') {
                previous--;
            }
            System.arraycopy(b, index + 3, b, previous, end - index - 3);
            end -= index + 3 - previous;
        }
        return end;
    }

    private static int indexOf(byte[] b, int from, int end, byte x) {
        for (int i = from; i < end; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int find(byte[] b, int end, String s) {
        byte[] p = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + p.length <= end; i++) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ApiError invalid() {
        // Tomcat's words for a path it will not route (coyoteAdapter.invalidURI)
        return ApiError.badRequest("Invalid URI");
    }
}
