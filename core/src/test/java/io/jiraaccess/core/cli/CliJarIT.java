package io.jiraaccess.core.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real shaded jar, run with {@code java -jar} against WireMock: exit codes, outputs, no stack trace, no secret. */
class CliJarIT {
    static final String PAT = "pat-Jar-Secret-0123456789-abcd";
    static final Path JAR = Path.of(System.getProperty("jira-access.cli.jar", "target/jira-access-cli.jar"));

    static WireMockServer jira;

    @TempDir
    static Path tmp;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run the package phase first");
        jira = new WireMockServer(options().dynamicPort());
        jira.start();
    }

    @AfterAll
    static void stop() {
        jira.stop();
    }

    static Run jar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JIRA_PAT", PAT);
        pb.environment().put("JIRA_ACCESS_STORE", tmp.resolve("store").toString());
        pb.environment().put("JIRA_ACCESS_SERVICE_NAME", "jar-it");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jira-access did not finish: " + cmd);
        Run r = new Run(p.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
        assertFalse(r.err().contains("\tat "), "stack trace on stderr: " + r.err());
        assertNoSecret("stderr", r.err(), PAT);
        return r;
    }

    static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path credential(String name, int port, String extra) throws Exception {
        return Files.writeString(tmp.resolve(name), "kind: pat\nid: ci\nsite: http://localhost:" + port + "\ntoken: ${env:JIRA_PAT}\n" + extra);
    }

    @Test
    void requestAndHeaderSucceedWithExitCode0() throws Exception {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"ci-bot\"}")));
        Path cred = credential("ok.yaml", jira.port(), "");
        Run r = jar("request", "--credential", cred.toString(), "--method", "GET", "--path", "/rest/api/2/myself");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"ci-bot\"}\n", r.out());
        assertEquals("", r.err());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));

        Run h = jar("header", "--credential", cred.toString());
        assertEquals(0, h.exit(), h.err());
        assertEquals("Bearer " + PAT + "\n", h.out());

        Run q = jar("qsh", "--method", "GET", "--url", "/rest/api/3/search?jql=project%20%3D%20OPS");
        assertEquals(0, q.exit(), q.err());
        assertTrue(q.out().matches("[0-9a-f]{64}\n"), q.out());
    }

    @Test
    void everyFailureHasItsExitCodeAndOneLineOnStderr() throws Exception {
        jira.stubFor(get("/rest/api/2/issue/ABC-1").willReturn(aResponse().withStatus(401)));
        Path cred = credential("fail.yaml", jira.port(), "allow:\n  projects: [ABC]\n");

        Run auth = jar("request", "--credential", cred.toString(), "--path", "/rest/api/2/issue/ABC-1");
        assertEquals(3, auth.exit());
        assertTrue(auth.err().startsWith("jira-access: credential ci: GET localhost:" + jira.port() + "/rest/api/2/issue/ABC-1 -> 401"), auth.err());

        Run policy = jar("request", "--credential", cred.toString(), "--path", "/rest/api/2/issue/XYZ-1");
        assertEquals(4, policy.exit());
        assertTrue(policy.err().startsWith("jira-access: credential ci: GET /rest/api/2/issue/XYZ-1 touches project XYZ"), policy.err());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run down = jar("request", "--credential", credential("down.yaml", closed, "").toString(), "--path", "/rest/api/2/myself",
                "--max-attempts", "1");
        assertEquals(5, down.exit());
        assertTrue(down.err().contains("connection refused or unreachable"), down.err());

        Run config = jar("request", "--credential", tmp.resolve("missing.yaml").toString(), "--path", "/x");
        assertEquals(2, config.exit());
        assertEquals("jira-access: " + tmp.resolve("missing.yaml") + ": credential file does not exist; check the --credential path\n",
                config.err());

        for (Run r : List.of(auth, policy, down, config)) {
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }
}
