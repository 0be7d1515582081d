package io.jiraaccess.daemon.admin;

import io.jiraaccess.daemon.testing.CamelHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 5 of issue 14: the admin API decides on a request's headers before reading its body. Requests are written
 * on raw sockets, declaring a large body and sending almost none of it: an answer that arrives anyway shows the
 * daemon did not wait for (or buffer) the body. The daemon's real routes and HTTP server ({@link CamelHarness}).
 */
class AdminGateTest {
    private static final String TOKEN = "Bearer " + CamelHarness.ADMIN_TOKEN;
    private CamelHarness harness;
    private final List<Socket> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = new CamelHarness(List.of());
        harness.start(List.of());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        harness.close();
    }

    /** Sends the request line, headers and {@code bodyPart}, and keeps the socket open (the rest never comes). */
    private Socket send(String method, String path, String authorization, long declaredLength, String bodyPart)
            throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), harness.port);
        s.setSoTimeout(10_000);
        open.add(s);
        OutputStream out = s.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (declaredLength < 0 ? "" : "Content-Length: " + declaredLength + "\r\n")
                + "Content-Type: application/json\r\nConnection: close\r\n\r\n" + bodyPart).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    /** The status line and body of the answer (read until the server closes or the body's length is reached). */
    private static String answer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            got.write(buf, 0, n);
            String text = got.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int headersEnd = text.indexOf("\r\n\r\n");
            int length = text.contains("content-length: ") ? contentLength(text) : -1;
            if (headersEnd > 0 && length >= 0 && got.size() >= headersEnd + 4 + length) {
                break;
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String text) {
        int at = text.indexOf("content-length: ") + 16;
        return Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)).trim());
    }

    @Test
    void anUnauthenticatedLargeUploadIsAnswered401BeforeItsBodyIsRead() throws IOException {
        String a = answer(send("POST", "/revoke", null, 10L * 1024 * 1024, "{\"owner\":"));
        assertTrue(a.startsWith("HTTP/1.1 401"), a);
        assertTrue(a.endsWith("unauthorized: send Authorization: Bearer <admin token>\n"), a);
        assertTrue(a.toLowerCase().contains("www-authenticate: bearer"), a);
        String wrong = answer(send("POST", "/revoke", "Bearer not-the-token", 10L * 1024 * 1024, ""));
        assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
        assertFalse(wrong.contains(CamelHarness.ADMIN_TOKEN));
    }

    @Test
    void aBodyLargerThanItsEndpointTakesIsAnswered413BeforeItIsRead() throws IOException {
        String big = answer(send("POST", "/revoke", TOKEN, 1024 * 1024, "{"));
        assertTrue(big.startsWith("HTTP/1.1 413"), big);
        assertTrue(big.endsWith("request body too large: POST /revoke takes at most 65536 bytes\n"), big);
        // a small body is read and dropped before the answer, so the client that sends it sees the 413
        String health = answer(send("GET", "/health", TOKEN, 100, "x".repeat(100)));
        assertTrue(health.startsWith("HTTP/1.1 413"), health);
        assertTrue(health.endsWith("request body too large: GET /health takes no body\n"), health);
    }

    @Test
    void beyondTheConcurrencyBoundRequestsAreTurnedAwayAt503AndSlotsComeBack() throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < AdminAuthorizer.MAX_CONCURRENT; i++) {
            // admitted, then waiting for a body that does not come: each holds a slot
            held.add(send("POST", "/revoke", TOKEN, 40, "{"));
        }
        String busy = awaitStatus(503, () -> answer(send("GET", "/health", TOKEN, -1, "")));
        assertTrue(busy.toLowerCase().contains("retry-after: 1"), busy);
        assertTrue(busy.endsWith("the admin API is busy with 4 requests; retry in a second\n"), busy);
        for (Socket s : held) {
            s.close();
        }
        String ok = awaitStatus(200, () -> answer(send("GET", "/health", TOKEN, -1, "")));
        assertTrue(ok.contains("\"sources\""), ok);
    }

    @Test
    void anAdmittedRequestStillWorks() throws IOException {
        String body = "{\"owner\":\"nobody\",\"dryRun\":true}";
        String a = answer(send("POST", "/revoke", TOKEN, body.length(), body));
        assertTrue(a.startsWith("HTTP/1.1 200"), a);
        assertTrue(a.contains("\"matched\" : 0"), a);
    }

    private interface Call {
        String get() throws IOException;
    }

    /** Slots are freed when a connection's end is noticed: asks again until the expected status comes, briefly. */
    private static String awaitStatus(int status, Call call) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String last;
        do {
            last = call.get();
            if (last.startsWith("HTTP/1.1 " + status)) {
                return last;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + status + ", last answer: " + last);
    }
}
