package io.jiraaccess.daemon.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.dashboards.SavedObjects;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Imports saved objects into Kibana 8.x: {@code POST <kibana>[/s/<space>]/api/saved_objects/_import?overwrite=true},
 * {@code multipart/form-data} with the NDJSON as the {@code file} part, {@code kbn-xsrf: true}. Redirects are not
 * followed, so credentials go to the given address only.
 */
public final class KibanaImporter {
    /** Kibana space ids: lowercase letters, digits, underscores and hyphens. */
    private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]{1,1024}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 400;

    private final URI kibana;
    private final KibanaAuth auth;
    private final String space;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param kibana the Kibana base URL, with its base path if it has one ({@code https://host/kibana})
     * @param space  the space id, or null for the default space
     */
    public KibanaImporter(URI kibana, KibanaAuth auth, String space, Duration timeout) {
        if (kibana == null || kibana.getScheme() == null || kibana.getHost() == null
                || !(kibana.getScheme().equals("http") || kibana.getScheme().equals("https"))) {
            throw new ConfigurationException("--kibana-url " + kibana + " is not an http(s) URL; give Kibana's address, "
                    + "e.g. https://kibana.example.com:5601");
        }
        if (kibana.getRawQuery() != null || kibana.getRawFragment() != null) {
            throw new ConfigurationException("--kibana-url " + kibana + " has a query or fragment; give Kibana's base address only");
        }
        if (space != null && !SPACE_ID.matcher(space).matches()) {
            throw new ConfigurationException("--space '" + space + "' is not a Kibana space id (lowercase letters, digits, "
                    + "'_' and '-'); use the id from the space's URL /s/<id>/, not its display name");
        }
        this.kibana = kibana;
        this.auth = auth;
        this.space = space;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The import endpoint for this Kibana and space. */
    public URI importUri() {
        String base = kibana.toString().replaceAll("/+$", "");
        String spacePart = space == null || space.equals("default") ? "" : "/s/" + space;
        return URI.create(base + spacePart + "/api/saved_objects/_import?overwrite=true");
    }

    /**
     * Sends {@code ndjson} as one file and reads Kibana's answer.
     *
     * @param fileName the name of the file part; Kibana refuses names not ending in {@code .ndjson}
     * @throws AuthenticationException when Kibana refuses the credentials (401) or the privilege (403)
     * @throws KibanaException         when Kibana cannot be reached or refuses the request as a whole
     */
    public ImportResult importObjects(String fileName, String ndjson) {
        SavedObjects sent = SavedObjects.parse(fileName, ndjson);
        MultipartFile form = MultipartFile.of("file", fileName, "application/ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder rb = HttpRequest.newBuilder(importUri())
                .timeout(timeout)
                .header("kbn-xsrf", "true")
                .header("Content-Type", form.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        auth.header().ifPresent(h -> rb.header("Authorization", h));
        HttpResponse<String> response = send(rb.build());
        JsonNode body = parse(response);
        int status = response.statusCode();
        if (status == 200 && body != null && body.has("success")) {
            return ImportResult.parse(body, sent.all());
        }
        throw refusal(status, body, response);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new KibanaException(0, "Kibana at " + kibana + " did not answer within " + timeout.toSeconds()
                    + " s; check that it is up (its status page) and retry");
        } catch (ConnectException e) {
            throw new KibanaException(0, "cannot connect to Kibana at " + kibana + " (" + reason(e)
                    + "); check --kibana-url and that Kibana is running and reachable from here");
        } catch (SSLException e) {
            throw new KibanaException(0, "TLS with Kibana at " + kibana + " failed (" + reason(e) + "); if Kibana uses a "
                    + "private CA, add it to this JVM's trust store (-Djavax.net.ssl.trustStore=...)");
        } catch (IOException e) {
            throw new KibanaException(0, "the request to Kibana at " + kibana + " failed (" + reason(e)
                    + "); check --kibana-url and the network");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KibanaException(0, "interrupted while waiting for Kibana at " + kibana);
        }
    }

    private RuntimeException refusal(int status, JsonNode body, HttpResponse<String> response) {
        String said = kibanaSays(status, body, response.body());
        String where = "Kibana at " + kibana + (space == null ? "" : " (space " + space + ")");
        return switch (status) {
            case 200 -> new KibanaException(status, where + " answered 200 without an import result (" + said
                    + "); is --kibana-url really Kibana?");
            case 401 -> new AuthenticationException(where + " refused the credentials " + auth.describe() + " (" + said
                    + "); check --api-key, or --user and --password");
            case 403 -> new AuthenticationException(where + " does not allow " + auth.describe().replace("with ", "")
                    + " to import saved objects (" + said + "); grant the Saved Objects Management privilege "
                    + "(all) in this space");
            case 404 -> new KibanaException(status, where + " has no saved objects import API at " + importUri().getPath()
                    + " (" + said + "); check --kibana-url (including any base path)"
                    + (space == null ? "" : " and that space '" + space + "' exists"));
            case 301, 302, 303, 307, 308 -> new KibanaException(status, where + " redirects to "
                    + response.headers().firstValue("Location").orElse("(no Location)")
                    + "; use that address as --kibana-url (credentials are not sent to a redirect)");
            default -> new KibanaException(status, where + " refused the import with status " + status + " (" + said + ")");
        };
    }

    /** Kibana's own words from an error answer: {@code statusCode}, {@code error} and {@code message}. */
    private static String kibanaSays(int status, JsonNode body, String raw) {
        if (body != null && body.has("message")) {
            String error = body.path("error").asText("");
            return (error.isEmpty() ? String.valueOf(status) : status + " " + error) + ": " + clip(body.path("message").asText());
        }
        String text = raw == null ? "" : raw.strip();
        return text.isEmpty() ? "status " + status + ", empty body" : "status " + status + ": " + clip(text);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        String ct = response.headers().firstValue("Content-Type").orElse("");
        if (!ct.contains("json") || response.body() == null || response.body().isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
