package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every POST endpoint, fed garbage: always a 400 (413 for an oversized body) in Jira's error shape, never a 500. */
class BadInputTest {

    /** An endpoint, the credential it needs, and a body whose types are wrong for it. */
    record Endpoint(String path, String authorization, String wrongTypes) {
        @Override
        public String toString() {
            return path;
        }
    }

    private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);
    private static final String DEEP_OBJECT = "{\"fields\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
    }

    static List<Endpoint> endpoints() {
        String alice = SimFixture.alice();
        return List.of(
                new Endpoint("/rest/api/2/issue", alice, "{\"fields\":\"not an object\"}"),
                new Endpoint("/rest/api/3/issue", alice, "{\"fields\":{\"project\":{\"key\":7},\"summary\":[1]}}"),
                new Endpoint("/rest/api/2/search", alice, "{\"jql\":42}"),
                new Endpoint("/rest/api/3/search", alice, "{\"maxResults\":\"ten\"}"),
                new Endpoint("/rest/api/3/search/jql", alice, "{\"jql\":[\"project = ABC\"]}"),
                new Endpoint("/rest/pat/latest/tokens", alice, "{\"name\":5,\"expirationDuration\":\"90\"}"),
                new Endpoint("/rest/pat/latest/tokens/search", alice, "{\"users\":\"alice\"}"),
                new Endpoint("/oauth/token", null, "{\"grant_type\":{\"nested\":true}}"),
                new Endpoint("/rest/oauth2/latest/token", null, "{\"grant_type\":[\"client_credentials\"]}"),
                new Endpoint("/_sim/users", null, "{\"name\":5}"),
                new Endpoint("/_sim/users/alice/api-tokens", null, "{\"token\":12345}"),
                new Endpoint("/_sim/projects", null, "{\"key\":1}"),
                new Endpoint("/_sim/oauth/clients", null, "{\"clientId\":\"c\",\"redirectUris\":\"http://x\"}"),
                new Endpoint("/_sim/connect/apps", null, "{\"key\":true,\"sharedSecret\":\"s\"}"),
                new Endpoint("/_sim/admin/keys", null, "{\"key\":{}}"),
                new Endpoint("/_sim/pats", null, "{\"user\":\"carol\",\"expirationDuration\":1.5}"),
                new Endpoint("/_sim/faults", null, "{\"latencyMs\":\"slow\"}"),
                new Endpoint("/_sim/clock", null, "{\"advanceSeconds\":\"soon\"}"),
                new Endpoint("/_sim/reset", null, "[1,2,3]"));
    }

    static Stream<Arguments> garbage() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            cases.add(Arguments.of(endpoint, "garbage", "this is not json {"));
            cases.add(Arguments.of(endpoint, "truncated", "{\"name\": \"x\", \"fields\": {\"summary\": \"abc"));
            cases.add(Arguments.of(endpoint, "wrong types", endpoint.wrongTypes()));
            cases.add(Arguments.of(endpoint, "deep array", DEEP));
            cases.add(Arguments.of(endpoint, "deep object", DEEP_OBJECT));
            cases.add(Arguments.of(endpoint, "trailing tokens", "{} {}"));
            cases.add(Arguments.of(endpoint, "bare string", "\"just a string\""));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("garbage")
    void malformedJsonIsAJiraShaped400(Endpoint endpoint, String kind, String body) {
        SimHttp.Reply reply = http.postJson(endpoint.path(), endpoint.authorization(), body);

        assertEquals(400, reply.status(), kind + " -> " + reply.body());
        assertJiraShaped(reply.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void oversizedBodyIsRefusedWith413(Endpoint endpoint) {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        SimHttp.Reply reply = http.postJson(endpoint.path(), endpoint.authorization(), huge);

        assertEquals(413, reply.status());
        assertJiraShaped(reply.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void emptyBodyIsA400(Endpoint endpoint) {
        SimHttp.Reply reply = http.send("POST", endpoint.path(), endpoint.authorization(), "", "application/json");

        if (endpoint.path().equals("/_sim/reset") || endpoint.path().endsWith("/tokens/search")) {
            // both take an optional body
            assertTrue(reply.status() < 300, reply.body());
            return;
        }
        assertEquals(400, reply.status(), reply.body());
        assertJiraShaped(reply.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void errorBodiesNeverEchoTheSecretLookingInput(Endpoint endpoint) {
        String secret = "s3cr3t-" + "q".repeat(20);

        SimHttp.Reply reply = http.postJson(endpoint.path(), endpoint.authorization(), "{\"token\": " + secret + "}");

        assertEquals(400, reply.status());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), secret);
    }

    private static void assertJiraShaped(JsonNode body) {
        assertTrue(body.get("errorMessages").isArray(), body.toString());
        assertTrue(body.get("errors").isObject(), body.toString());
        assertThat(body.get("errorMessages").size() + body.get("errors").size()).isPositive();
    }
}
