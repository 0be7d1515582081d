package io.jiraaccess.bench.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Jenkins plugin's journal endpoint as the daemon reads it ({@code GET /jira-access/events?after=&limit=},
 * NDJSON, Basic authentication, {@code X-Jira-Access-Last-Seq}), serving events {@code 1..available} generated on the
 * fly by {@link EventLines}: the Jenkins side costs next to nothing, so a bench measures the daemon. Events become
 * available when the bench {@link #offer offers} them. Acknowledgements ({@code POST /jira-access/acknowledge?seq=})
 * are taken (204) and counted, as the plugin takes them.
 */
public final class JournalEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final EventLines lines;
    private final String service;
    private final String expectedAuthorization;
    private final AtomicLong available = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    public JournalEndpoint(EventLines lines, String service, String user, String apiToken) throws IOException {
        this.lines = lines;
        this.service = service;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "journal-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/jira-access/events", this::events);
        server.createContext("/jira-access/acknowledge", this::acknowledge);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String service() {
        return service;
    }

    /** Makes events up to {@code seq} readable; returns the previous head. */
    public long offerUpTo(long seq) {
        return available.getAndSet(seq);
    }

    /** Makes {@code n} more events readable; returns the new head. */
    public long offer(long n) {
        return available.addAndGet(n);
    }

    public long available() {
        return available.get();
    }

    public long requests() {
        return requests.get();
    }

    /** The highest seq the daemon acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void acknowledge(HttpExchange x) throws IOException {
        try (x) {
            String q = x.getRequestURI().getRawQuery();
            if (!expectedAuthorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.sendResponseHeaders(401, -1);
            } else if (!"POST".equals(x.getRequestMethod()) || q == null || !q.matches("seq=\\d{1,18}")) {
                x.sendResponseHeaders(400, -1);
            } else {
                acknowledged.accumulateAndGet(Long.parseLong(q.substring(4)), Math::max);
                x.sendResponseHeaders(204, -1);
            }
        }
    }

    private void events(HttpExchange x) throws IOException {
        try (x) {
            requests.incrementAndGet();
            if (!expectedAuthorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.sendResponseHeaders(401, -1);
                return;
            }
            long after = 0;
            int limit = 100;
            String q = x.getRequestURI().getRawQuery();
            for (String p : q == null ? new String[0] : q.split("&")) {
                if (p.startsWith("after=")) {
                    after = Long.parseLong(p.substring(6));
                } else if (p.startsWith("limit=")) {
                    limit = Integer.parseInt(p.substring(6));
                }
            }
            long head = available.get();
            long last = Math.min(head, after + limit);
            StringBuilder body = new StringBuilder((int) Math.max(0, last - after) * 700);
            for (long seq = after + 1; seq <= last; seq++) {
                body.append(lines.line(service, seq)).append('\n');
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            x.getResponseHeaders().add("X-Jira-Access-Last-Seq", String.valueOf(head));
            x.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
