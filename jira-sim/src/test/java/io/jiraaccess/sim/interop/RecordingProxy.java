package io.jiraaccess.sim.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback proxy in front of the simulator that keeps every exchange whole (request headers and body, answer),
 * so tests can hold what a real client sends to the contracts.
 */
final class RecordingProxy implements AutoCloseable {

    /** One request as the client sent it, and the simulator's answer. */
    record Exchange(String method, String pathAndQuery, String authorization, String contentType, String body,
                    int status, String responseContentType, String responseBody) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final List<Exchange> exchanges = new ArrayList<>();

    RecordingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::forward);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            String responseType = answer.headers().firstValue("Content-Type").orElse(null);
            synchronized (this) {
                exchanges.add(new Exchange(exchange.getRequestMethod(), pathAndQuery, authorization, contentType,
                        body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), answer.statusCode(),
                        responseType, answer.body()));
            }
            if (responseType != null) {
                exchange.getResponseHeaders().set("Content-Type", responseType);
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
