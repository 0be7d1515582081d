package io.jiraaccess.daemon.kibana;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body holding one file part, as {@code curl --form file=@name} sends it (RFC 7578):
 * CRLF line ends, a boundary that does not occur in the content.
 */
public final class MultipartFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final byte[] body;

    private MultipartFile(String boundary, byte[] body) {
        this.boundary = boundary;
        this.body = body;
    }

    /**
     * @param field       the form field name, e.g. {@code file}
     * @param fileName    the file name Kibana sees (it checks the {@code .ndjson} extension)
     * @param contentType the part's content type
     * @param content     the file content
     */
    public static MultipartFile of(String field, String fileName, String contentType, byte[] content) {
        String boundary;
        do {
            byte[] r = new byte[16];
            RANDOM.nextBytes(r);
            boundary = "jira-access-" + HexFormat.of().formatHex(r);
        } while (new String(content, StandardCharsets.ISO_8859_1).contains(boundary));
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
        write(out, "--" + boundary + "\r\n");
        write(out, "Content-Disposition: form-data; name=\"" + quoted(field) + "\"; filename=\"" + quoted(fileName) + "\"\r\n");
        write(out, "Content-Type: " + contentType + "\r\n");
        write(out, "\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n");
        return new MultipartFile(boundary, out.toByteArray());
    }

    public String boundary() {
        return boundary;
    }

    /** The request's {@code Content-Type} header value. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] body() {
        return body.clone();
    }

    private static String quoted(String s) {
        if (s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a form field or file name must not contain quotes or line breaks: " + s);
        }
        return s;
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
    }
}
