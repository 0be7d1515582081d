package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory token endpoint: records each request (form parameters and headers) and answers with what the test
 * scripted, in order. Unit tests see exactly what would go on the wire without a network.
 */
final class FakeTokenEndpoint implements HTTPRequestSender {
    /** One request as received. */
    record Received(Map<String, String> form, Map<String, List<String>> headers) {
        String param(String name) {
            return form.get(name);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** What the endpoint does for one request. */
    @FunctionalInterface
    interface Answer {
        ReadOnlyHTTPResponse answer(Received request) throws IOException;
    }

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Answer> script = Collections.synchronizedList(new ArrayList<>());

    FakeTokenEndpoint then(Answer a) {
        script.add(a);
        return this;
    }

    FakeTokenEndpoint thenJson(int status, String json) {
        return then(r -> json(status, json));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    int count() {
        return received.size();
    }

    @Override
    public ReadOnlyHTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        Received r = new Received(form(request.getBody()), request.getHeaderMap());
        received.add(r);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected token request number " + received.size());
        }
        return script.remove(0).answer(r);
    }

    static HTTPResponse json(int status, String json) {
        HTTPResponse r = new HTTPResponse(status);
        r.setHeader("Content-Type", "application/json;charset=UTF-8");
        r.setBody(json);
        return r;
    }

    static String tokens(String access, String refresh, int expiresIn, String scope) {
        StringBuilder b = new StringBuilder("{\"access_token\":\"").append(access).append("\",\"token_type\":\"Bearer\"");
        if (expiresIn > 0) {
            b.append(",\"expires_in\":").append(expiresIn);
        }
        if (refresh != null) {
            b.append(",\"refresh_token\":\"").append(refresh).append('"');
        }
        if (scope != null) {
            b.append(",\"scope\":\"").append(scope).append('"');
        }
        return b.append('}').toString();
    }

    static String error(String code, String description) {
        return "{\"error\":\"" + code + "\"" + (description == null ? "" : ",\"error_description\":\"" + description + "\"") + "}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }
}
