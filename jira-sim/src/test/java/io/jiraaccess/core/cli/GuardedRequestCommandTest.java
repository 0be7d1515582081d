package io.jiraaccess.core.cli;

import io.jiraaccess.core.rotation.SimWorld;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's reproductions, as reported: {@code jira-access request} against the simulator with
 * {@code allow: {projects: [DEMO], operations: [read]}} (and read, write for the creates). Each bypass now exits 4
 * with one line naming the path, and the simulator hears nothing; the plain request to DEMO still works.
 */
class GuardedRequestCommandTest {
    private static final String PASSWORD = "ci-bot-Password-3Hw";
    private final JiraSimulator sim = SimWorld.shared();

    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(PASSWORD);

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void world() {
        sim.reset();
        sim.addUser(UserSpec.named("ci-bot").password(PASSWORD).projects("DEMO", "OPS", "SEC"));
        for (String p : List.of("DEMO", "OPS", "SEC")) {
            sim.directory().addIssue(p, p + " issue", null, "Task", sim.user("ci-bot").accountId(), sim.now());
        }
        env.put("CI_PAT", leaks.secret(sim.createPat("ci-bot", "guard", 30).rawToken()));
        env.put("JIRA_ACCESS_SERVICE_NAME", "ci-runner-guard");
        sim.clearRequests();
    }

    private Path credential(String operations) throws IOException {
        return Files.writeString(dir.resolve("ci.yaml"), "kind: pat\nid: ci\nsite: " + sim.baseUrl()
                + "\ntoken: ${env:CI_PAT}\nallow:\n  projects: [DEMO]\n  operations: [" + operations + "]\n");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env), args);
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        leaks.captured(r.out() + r.err());
        return r;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET  | /rest/api/%32/issue/OPS-1                                            | -",
            "GET  | /r%65st/api/2/issue/SEC-1                                            | -",
            "POST | /rest/api/%32/issue | {\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"x\",\"issuetype\":{\"name\":\"Task\"}}}",
            "GET  | /ex/jira/5c1a4d2e-7b3f-4e89-9a61-0f2d3c4b5a69/rest/api/2/issue/OPS-1 | -",
            "GET  | /si/jira.issueviews:issue-xml/OPS-1/OPS-1.xml                        | -",
            "GET  | /rest/servicedeskapi/request/OPS-1                                   | -",
            "GET  | /browse/OPS-1                                                        | -",
            "GET  | /rest/api/2/issue/createmeta?projectKeys=DEMO&projectIds=10001       | -",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\",\"id\":\"10001\"},\"summary\":\"x\",\"issuetype\":{\"name\":\"Task\"}}}",
    })
    void theReportedBypassesExit4WithOneLineAndNothingIsSent(String method, String path, String body) throws IOException {
        Path credential = credential(method.equals("GET") ? "read" : "read, write");
        Run r = body == null ? run("request", "--credential", credential.toString(), "--method", method, "--path", path)
                : run("request", "--credential", credential.toString(), "--method", method, "--path", path, "--data", body);
        assertEquals(4, r.exit(), r.err());
        String shown = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        assertTrue(r.err().startsWith("jira-access: credential ci: " + method + " " + shown + " "), r.err());
        assertEquals(1, r.err().split("\n", -1).length - 1, "one line: " + r.err());
        assertEquals("", r.out());
        assertEquals(List.of(), sim.requests(), "the simulator was asked");
        assertEquals(1, sim.directory().issuesIn(List.of("OPS")).size(), "no issue was created in OPS");
    }

    @Test
    void thePlainRequestToTheAllowedProjectStillWorks() throws IOException {
        Run r = run("request", "--credential", credential("read").toString(), "--path", "/rest/api/2/issue/DEMO-1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"key\":\"DEMO-1\""), r.out());
        assertEquals(1, sim.requests().size());
        assertEquals(java.util.Set.of("DEMO"), sim.requests().get(0).projects());
    }
}
