package io.jiraaccess.sim.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered with Jira's error shape {@code {"errorMessages":[...],"errors":{...}}}.
 * Messages never carry a secret: they are built from names, ids and fixed text only.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final List<String> errorMessages;
    private final Map<String, String> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, List<String> errorMessages, Map<String, String> errors) {
        super(status + " " + errorMessages + " " + errors, null, false, false);
        this.status = status;
        this.errorMessages = List.copyOf(errorMessages);
        this.errors = Map.copyOf(errors);
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, List.of(message), Map.of());
    }

    public static ApiError badRequest(String message) {
        return of(400, message);
    }

    /** A 400 naming the offending field, as Jira reports field validation errors. */
    public static ApiError field(String field, String message) {
        return new ApiError(400, List.of(), Map.of(field, message));
    }

    public static ApiError unauthorized(String message) {
        return of(401, message);
    }

    public static ApiError forbidden(String message) {
        return of(403, message);
    }

    public static ApiError notFound(String message) {
        return of(404, message);
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public List<String> errorMessages() {
        return errorMessages;
    }

    public Map<String, String> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body; subclasses add fields that a particular protocol expects beside Jira's. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessages", errorMessages);
        body.put("errors", errors);
        return body;
    }
}
