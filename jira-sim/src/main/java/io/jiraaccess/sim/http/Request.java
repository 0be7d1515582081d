package io.jiraaccess.sim.http;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One HTTP request as the handlers see it: decoded path, query, headers, capped body, path parameters. */
public final class Request {

    private final String method;
    private final String path;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;
    private final String remoteAddress;
    private final String baseUrl;
    private Map<String, String> pathParams = Map.of();
    private final Set<String> touched = new TreeSet<>();
    private io.jiraaccess.sim.auth.Principal principal;

    public Request(String method, String path, String rawPath, String rawQuery, Headers headers, byte[] body,
                   String remoteAddress, String baseUrl) {
        this.method = method;
        this.path = path;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
        this.baseUrl = baseUrl;
    }

    public String method() {
        return method;
    }

    /** The decoded path, without the query. */
    public String path() {
        return path;
    }

    /** The path as sent (percent-encoded), after any gateway prefix: with the raw query, what qsh covers. */
    public String rawPath() {
        return rawPath;
    }

    /** The raw query string (percent-encoded), or null: what Connect's qsh is computed over. */
    public String rawQuery() {
        return rawQuery;
    }

    public byte[] body() {
        return body;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The simulator's base URL as the client reached it, for {@code self} links. */
    public String baseUrl() {
        return baseUrl;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public int queryInt(String name, int defaultValue) {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("The query parameter '" + name + "' must be an integer.");
        }
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    /** The authenticated caller; routes with {@link Router.Access#USER} always have one. */
    public io.jiraaccess.sim.auth.Principal principal() {
        if (principal == null) {
            throw ApiError.unauthorized(io.jiraaccess.sim.auth.CredentialResolver.UNAUTHORIZED);
        }
        return principal;
    }

    public Optional<io.jiraaccess.sim.auth.Principal> optionalPrincipal() {
        return Optional.ofNullable(principal);
    }

    void principal(io.jiraaccess.sim.auth.Principal value) {
        this.principal = value;
    }

    /**
     * Records that the request reached project {@code key}: a handler calls it as soon as it has resolved a project
     * (from a key, an id, an issue), before any permission check, so the log says what the request aimed at.
     */
    public void touch(String projectKey) {
        touched.add(projectKey);
    }

    /** The projects {@link #touch touched} so far. */
    public Set<String> touched() {
        return Collections.unmodifiableSet(touched);
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = Collections.unmodifiableMap(params);
    }

    public JsonBody json() {
        return JsonBody.of(body);
    }

    public boolean isJson() {
        return header("Content-Type").map(type -> type.toLowerCase().contains("json")).orElse(false);
    }

    /** An application/x-www-form-urlencoded body. */
    public Map<String, String> form() {
        Map<String, String> single = new LinkedHashMap<>();
        parseForm(new String(body, StandardCharsets.UTF_8)).forEach((key, values) -> single.put(key, values.get(0)));
        return single;
    }

    static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Malformed percent-encoding in the request.");
        }
    }
}
