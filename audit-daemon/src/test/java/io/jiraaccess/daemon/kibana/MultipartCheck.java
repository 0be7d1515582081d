package io.jiraaccess.daemon.kibana;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a multipart/form-data body strictly (RFC 7578 framing, CRLF), independent of the code under test. */
final class MultipartCheck {
    private static final Pattern BOUNDARY = Pattern.compile("^multipart/form-data; boundary=([A-Za-z0-9'()+_,\\-./:=?]{1,70})$");

    /** One part: its header lines as sent and its content. */
    record Part(List<String> headers, String content) {
    }

    private MultipartCheck() {
    }

    static String boundary(KibanaStandIn.Received r) {
        String ct = r.header("Content-Type");
        Matcher m = BOUNDARY.matcher(ct == null ? "" : ct);
        if (!m.matches()) {
            throw new AssertionError("Content-Type is not multipart/form-data with a boundary: " + ct);
        }
        return m.group(1);
    }

    /** Every part; fails on any framing error (missing CRLF, text before the first or after the last boundary). */
    static List<Part> parts(KibanaStandIn.Received r) {
        String boundary = boundary(r);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        String delimiter = "--" + boundary;
        if (!body.startsWith(delimiter + "\r\n")) {
            throw new AssertionError("the body does not start with the boundary line");
        }
        if (!body.endsWith("\r\n" + delimiter + "--\r\n")) {
            throw new AssertionError("the body does not end with the closing boundary line");
        }
        String inner = body.substring(delimiter.length() + 2, body.length() - (delimiter.length() + 6));
        List<Part> parts = new ArrayList<>();
        for (String raw : inner.split("\r\n" + Pattern.quote(delimiter) + "\r\n", -1)) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("a part has no blank line after its headers");
            }
            parts.add(new Part(List.of(raw.substring(0, end).split("\r\n")), raw.substring(end + 4)));
        }
        return parts;
    }

    static String fileContent(KibanaStandIn.Received r) {
        List<Part> parts = parts(r);
        if (parts.size() != 1) {
            throw new AssertionError("expected one part, got " + parts.size());
        }
        return parts.get(0).content();
    }
}
