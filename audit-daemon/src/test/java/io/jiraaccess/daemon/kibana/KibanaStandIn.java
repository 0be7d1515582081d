package io.jiraaccess.daemon.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stands in for Kibana 8.x's saved objects import API on loopback: records every request exactly, and answers the way
 * Kibana does (success with {@code successResults}, {@code overwrite: true} for objects it already had, errors with
 * Kibana's error JSON).
 */
final class KibanaStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json; charset=utf-8"));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Set<String> stored = new HashSet<>();
    private volatile Function<Received, Answer> responder = this::importLikeKibana;

    KibanaStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    void answer(Function<Received, Answer> responder) {
        this.responder = responder;
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                headers, ex.getRequestBody().readAllBytes());
        synchronized (this) {
            received.add(r);
        }
        Answer a = responder.apply(r);
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    /** Kibana's answer to a well-formed import: every object succeeds; ones it had already are overwritten. */
    Answer importLikeKibana(Received r) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode o : objects(r)) {
            ObjectNode s = results.addObject();
            s.put("type", o.path("type").asText());
            s.put("id", o.path("id").asText());
            s.putObject("meta").put("title", o.path("attributes").path("title").asText())
                    .put("icon", icon(o.path("type").asText()));
            if (!stored.add(o.path("type").asText() + "/" + o.path("id").asText())) {
                s.put("overwrite", true);
            }
            s.put("managed", false);
        }
        out.put("successCount", results.size());
        out.put("success", true);
        out.putArray("warnings");
        out.set("successResults", results);
        return Answer.json(200, out.toString());
    }

    /** The saved objects in a request's multipart body (the test checks the shape separately). */
    static List<JsonNode> objects(Received r) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : MultipartCheck.fileContent(r).split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static String icon(String type) {
        return switch (type) {
            case "index-pattern" -> "indexPatternApp";
            case "dashboard" -> "dashboardApp";
            default -> "lensApp";
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
