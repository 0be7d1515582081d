package io.jiraaccess.daemon.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.core.journal.JournalRead;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A stand-in for a Jenkins controller with the plugin installed, behind Basic authentication:
 * {@code GET /jira-access/events?after=&limit=} serves a real core {@link EventJournal} as the plugin does (each
 * event's stored line, {@code X-Jira-Access-Last-Seq}) and changes nothing; {@code POST
 * /jira-access/acknowledge?seq=N} acknowledges N in the journal (204; 400 for a seq that is not a durable one) and is
 * recorded. Faults of a real controller or its proxy can be switched on, for reads and for acknowledgements apart.
 * The plugin side it stands in for: {@code jenkins-plugin/.../journal/JiraAccessEventsAction.java}.
 */
public final class JenkinsStandIn implements AutoCloseable {
    /** What the next answers look like. */
    public enum Fault {
        NONE, SERVER_ERROR, TOO_MANY_REQUESTS, HANG, GARBAGE, HTML_ERROR_PAGE,
        /** One event whose message holds a byte that is not UTF-8 (a broken proxy or encoder). */
        NOT_UTF8
    }

    private final HttpServer server;
    private final EventJournal journal;
    private final String expectedAuthorization;
    /** How acknowledgements are answered. */
    public enum Acknowledgements {
        /** 204, and the journal's cursor moves. */
        TAKEN,
        /** 404: a plugin from before acknowledgements had their own endpoint. */
        NO_ENDPOINT,
        /** 503: Jenkins is restarting. */
        FAILING
    }

    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private volatile Acknowledgements acknowledgements = Acknowledgements.TAKEN;
    /** Every acknowledgement asked for, taken or not, in order. */
    public final List<Long> acknowledgeRequests = new CopyOnWriteArrayList<>();
    private volatile int retryAfterSeconds = 2;
    private volatile CountDownLatch hang = new CountDownLatch(1);
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger faultedRequests = new AtomicInteger();
    /** Every events request, as a controller's access log would show it. */
    public final List<Request> log = new CopyOnWriteArrayList<>();

    /** One events request: when it came in and was answered, its User-Agent, its {@code after} and the status. */
    public record Request(Instant receivedAt, Instant answeredAt, String userAgent, long after, int status) {
    }

    public JenkinsStandIn(EventJournal journal, String user, String apiToken) throws IOException {
        this.journal = journal;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jenkins-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/jira-access/events", this::events);
        server.createContext("/jira-access/acknowledge", this::acknowledge);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void fault(Fault f) {
        Fault previous = fault.getAndSet(f);
        if (previous == Fault.HANG && f != Fault.HANG) {
            hang.countDown();
            hang = new CountDownLatch(1);
        }
    }

    public void retryAfterSeconds(int s) {
        retryAfterSeconds = s;
    }

    public void acknowledgements(Acknowledgements a) {
        acknowledgements = a;
    }

    private void acknowledge(HttpExchange x) throws IOException {
        try (x) {
            if (!expectedAuthorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "text/html", "<html>Unauthorized</html>");
                return;
            }
            if (!"POST".equals(x.getRequestMethod())) {
                send(x, 405, "text/plain", "acknowledge takes POST");
                return;
            }
            long seq;
            try {
                seq = Long.parseLong(query(x.getRequestURI()).getOrDefault("seq", "-1"));
            } catch (NumberFormatException e) {
                seq = -1;
            }
            acknowledgeRequests.add(seq);
            switch (acknowledgements) {
                case NO_ENDPOINT -> send(x, 404, "text/html", "<html>Not Found</html>");
                case FAILING -> send(x, 503, "text/plain", "Jenkins is restarting");
                case TAKEN -> {
                    if (seq < 0) {
                        send(x, 400, "text/plain", "seq must be the last seq indexed, e.g. acknowledge?seq=1200");
                        return;
                    }
                    try {
                        journal.acknowledge(seq);
                    } catch (IllegalArgumentException e) {
                        send(x, 400, "text/plain", e.getMessage());
                        return;
                    }
                    send(x, 204, "text/plain", "");
                }
            }
        }
    }

    private void events(HttpExchange x) throws IOException {
        Instant received = Instant.now();
        try {
            answer(x);
        } finally {
            String after = query(x.getRequestURI()).get("after");
            log.add(new Request(received, Instant.now(), x.getRequestHeaders().getFirst("User-Agent"),
                    after == null || !after.matches("\\d{1,18}") ? -1 : Long.parseLong(after), x.getResponseCode()));
        }
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            requests.incrementAndGet();
            if (!expectedAuthorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "text/html", "<html>Unauthorized</html>");
                return;
            }
            Fault f = fault.get();
            if (f != Fault.NONE) {
                faultedRequests.incrementAndGet();
            }
            switch (f) {
                case SERVER_ERROR -> send(x, 503, "text/plain", "Jenkins is restarting");
                case TOO_MANY_REQUESTS -> {
                    x.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                    send(x, 429, "text/plain", "slow down");
                }
                case HANG -> {
                    try {
                        hang.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(x, 503, "text/plain", "gave up");
                }
                case GARBAGE -> send(x, 200, "application/x-ndjson", "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"jira_access\":{\"seq\":11}}\n%%% not json\n");
                case HTML_ERROR_PAGE -> send(x, 200, "text/html", "<html><body>Proxy error</body></html>");
                case NOT_UTF8 -> {
                    byte[] line = "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"id\":\"ci-main:11\"},\"jira_access\":{\"seq\":11},\"message\":\"a?b\"}\n"
                            .getBytes(StandardCharsets.UTF_8);
                    line[line.length - 5] = (byte) 0xff;
                    send(x, 200, "application/x-ndjson", line);
                }
                case NONE -> {
                    Map<String, String> q = query(x.getRequestURI());
                    long after = Long.parseLong(q.getOrDefault("after", "0"));
                    int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
                    JournalRead read = journal.readAfter(after, limit);
                    x.getResponseHeaders().add("X-Jira-Access-Last-Seq", String.valueOf(read.durableSeq()));
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    for (byte[] line : read.lines()) {
                        body.write(line);
                        body.write('\n');
                    }
                    send(x, 200, "application/x-ndjson", body.toByteArray());
                }
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return java.util.Arrays.stream(q.split("&")).filter(p -> p.contains("="))
                .collect(Collectors.toMap(p -> p.substring(0, p.indexOf('=')), p -> p.substring(p.indexOf('=') + 1), (a, b) -> b));
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] b) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        fault(Fault.NONE);
        server.stop(0);
    }
}
