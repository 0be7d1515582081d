package io.jiraaccess.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.JiraException;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;

/** Jira's answer: whatever the status, {@link JiraClient} returns it; the caller decides what a 404 means. */
public final class JiraResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String body;
    private final HttpHeaders headers;
    private final URI uri;
    private JsonNode json;

    public JiraResponse(int status, String body, HttpHeaders headers, URI uri) {
        this.status = status;
        this.body = body == null ? "" : body;
        this.headers = headers == null ? HttpHeaders.of(Map.of(), (a, b) -> true) : headers;
        this.uri = uri;
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String body() {
        return body;
    }

    /** The body as JSON; an empty body is a missing node. */
    public synchronized JsonNode json() {
        if (json == null) {
            try {
                json = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new JiraException(status, "Jira's response from " + uri.getHost() + uri.getRawPath()
                        + " (status " + status + ") is not JSON; check that the site URL points at Jira");
            }
        }
        return json;
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Where the response came from, after redirects. */
    public URI uri() {
        return uri;
    }

    @Override
    public String toString() {
        return "JiraResponse{" + status + " from " + (uri == null ? "?" : uri.getHost() + uri.getRawPath()) + "}";
    }
}
