package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jiraaccess.sim.http.RequestLog;
import io.jiraaccess.sim.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator reads a request path as Jira's Tomcat does, so tests of the request guard meet Jira's reading and not
 * the JDK's. Request lines are written byte for byte on a socket (an HTTP client would normalise some of them).
 * Expectations derived from Apache Tomcat 9.0.121 (tag {@code 9.0.121}):
 * {@code java/org/apache/catalina/connector/CoyoteAdapter.java} ({@code postParseRequest}: path parameters cut,
 * then {@code UDecoder.convert} with encodedSolidusHandling=reject and encodedReverseSolidusHandling=decode, then
 * {@code normalize}: backslash and NUL refused, {@code //} merged, dot segments resolved, above the root refused; each
 * refusal a 400 "Invalid URI") and {@code java/org/apache/tomcat/util/buf/UDecoder.java}.
 */
class TomcatRoutingTest {

    private JiraSimulator sim;

    @BeforeEach
    void world() {
        sim = SimFixture.world();
    }

    /**
     * request-target -> status, and the path the log shows: the routed path, or the raw one for a refused path; "-"
     * where the JDK's server refuses the request line before the simulator sees it (a broken escape: also a 400).
     */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "/rest/api/2/issue/ABC-1                 | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/%32/issue/ABC-1               | 200 | /rest/api/2/issue/ABC-1",
            "/r%65st/api/2/issue/ABC-1               | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/issue/%41BC-1               | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/issue/ABC-1;jsessionid=x    | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2;v=1/issue;a;b/ABC-1         | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/myself/..;/issue/ABC-1      | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/myself/../issue/ABC-1       | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/myself/%2e%2e/issue/ABC-1   | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/./issue/ABC-1               | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2//issue///ABC-1              | 200 | /rest/api/2/issue/ABC-1",
            "//rest/api/2/issue/ABC-1                | 200 | /rest/api/2/issue/ABC-1",
            "/rest/api/2/issue%2FABC-1               | 400 | /rest/api/2/issue%2FABC-1",
            "/rest/api/2/issue%2fABC-1               | 400 | /rest/api/2/issue%2fABC-1",
            "/rest/api/2/issue%5CABC-1               | 400 | /rest/api/2/issue%5CABC-1",
            "/rest/api/2/issue/ABC-1%00              | 400 | /rest/api/2/issue/ABC-1%00",
            "/rest/api/2/issue/ABC-1%zz              | 400 | -",
            "/rest/api/2/issue/ABC-1%4               | 400 | -",
            "/rest/api/2/../../../..                 | 400 | /rest/api/2/../../../..",
            "/rest/api/2/../../..                    | 404 | /",
            "/../rest/api/2/myself                   | 400 | /../rest/api/2/myself",
            "/rest/api/2/issue/ABC-1%3Bx             | 404 | /rest/api/2/issue/ABC-1;x",
            "/REST/api/2/issue/ABC-1                 | 404 | /REST/api/2/issue/ABC-1",
            "/rest/api/2/Issue/ABC-1                 | 404 | /rest/api/2/Issue/ABC-1",
            "/rest/api/2/issue/abc-1                 | 200 | /rest/api/2/issue/abc-1",
    })
    void pathsAreReadAsTomcatReadsThem(String target, int status, String routed) throws IOException {
        assertEquals(status, rawGet(target, SimFixture.alice()));
        if (routed.equals("-")) {
            assertEquals(List.of(), sim.requests(), "refused before the simulator");
            return;
        }
        RequestLog.Entry entry = last();
        assertEquals(routed, entry.path());
        if (status == 200) {
            assertEquals(Set.of("ABC"), entry.projects());
            assertEquals(Router.Effect.READ, entry.effect());
        } else {
            assertEquals(Set.of(), entry.projects(), "an unrouted request reaches no project");
        }
    }

    @Test
    void aBackslashInTheRequestLineIsRefused() throws IOException {
        assertEquals(400, rawGet("/rest/api/2/issue\\ABC-1", SimFixture.alice()));
    }

    @Test
    void theLogSaysWhichProjectsAndWhatEffectEachRequestHad() {
        SimHttp http = SimFixture.http();
        String ops = sim.directory().project("OPS").orElseThrow().id();
        http.get("/rest/api/2/issue/createmeta?projectKeys=ABC&projectIds=" + ops, SimFixture.alice());
        assertEquals(Set.of("ABC", "OPS"), last().projects(), "both parameters are read");
        http.postJson("/rest/api/2/issue", SimFixture.alice(), "{\"fields\":{\"project\":{\"key\":\"ABC\",\"id\":\"" + ops
                + "\"},\"summary\":\"s\",\"issuetype\":{\"name\":\"Task\"}}}");
        RequestLog.Entry create = last();
        assertEquals(Set.of("ABC", "OPS"), create.projects(), "a project named by key and by id reaches both");
        assertEquals(Router.Effect.ISSUE_CHANGE, create.effect());
        assertTrue(sim.directory().issue("OPS-2").isPresent(), "the id decided where the issue went");
        http.get("/rest/api/2/search?jql=project%3D" + ops, SimFixture.alice());
        assertEquals(Set.of("OPS"), last().projects(), "a project id in JQL");
        http.get("/rest/api/2/search", SimFixture.alice());
        assertEquals(Set.of("ABC", "OPS"), last().projects(), "an unbounded search reaches every visible project");
        http.get("/rest/api/2/issue/OPS-1", SimFixture.bob());
        assertEquals(Set.of("OPS"), last().projects(), "reached even when the caller may not see it");
        assertEquals(403, last().status());
        http.get("/rest/agile/1.0/issue/OPS-1", SimFixture.alice());
        assertEquals(Set.of("OPS"), last().projects());
        http.get("/rest/servicedeskapi/request/ABC-1", SimFixture.alice());
        assertEquals(Set.of("ABC"), last().projects());
        http.get("/rest/api/2/myself", SimFixture.alice());
        assertEquals(Set.of(), last().projects());
        assertEquals(Router.Effect.READ, last().effect());
        http.postJson("/rest/pat/latest/tokens", SimFixture.alice(), "{\"name\":\"x\"}");
        assertEquals(Router.Effect.OTHER_CHANGE, last().effect());
    }

    private RequestLog.Entry last() {
        List<RequestLog.Entry> entries = sim.requests();
        return entries.get(entries.size() - 1);
    }

    /** Writes {@code GET target HTTP/1.1} as bytes and returns the status of the answer. */
    private int rawGet(String target, String authorization) throws IOException {
        URI base = URI.create(sim.baseUrl());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: "
                    + authorization + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
            in.readAllBytes();
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
