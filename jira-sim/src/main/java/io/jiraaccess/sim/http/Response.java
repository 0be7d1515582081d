package io.jiraaccess.sim.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, headers and an already serialised body. */
public record Response(int status, Map<String, String> headers, byte[] body) {

    public static Response json(int status, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=UTF-8");
        return new Response(status, headers, Json.write(value));
    }

    public static Response ok(Object value) {
        return json(200, value);
    }

    public static Response noContent() {
        return new Response(204, new LinkedHashMap<>(), new byte[0]);
    }

    public static Response redirect(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        return new Response(302, headers, new byte[0]);
    }

    public static Response error(ApiError error) {
        Response response = json(error.status(), error.body());
        response.headers().putAll(error.headers());
        return response;
    }

    public Response withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
