package io.jiraaccess.core.cli;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.rotation.PatState;
import io.jiraaccess.core.rotation.SimWorld;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.http.Faults;
import io.jiraaccess.sim.model.PersonalAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jira-access rotate} in process against the simulator, then {@code header} and {@code request} with the result. */
class RotateCommandTest {
    private static final Pattern ROTATED = Pattern.compile(
            "credential ci: rotated \\(rotation (rot\\d{8}T\\d{6}Z-[0-9a-f]{6})\\); token (\\d+) is current, expires (\\S+)\n");
    private static final String PASSWORD = "ci-bot-Password-8Jq";
    private final JiraSimulator sim = SimWorld.shared();

    @TempDir
    Path dir;
    Path credential;
    Path store;
    final Map<String, String> env = new HashMap<>();
    String initial;

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(PASSWORD);

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void world() throws IOException {
        sim.reset();
        sim.addUser(UserSpec.named("ci-bot").password(PASSWORD).projects("ABC"));
        initial = leaks.secret(sim.createPat("ci-bot", "jira-access-ci", 90).rawToken());
        env.put("CI_PAT", initial);
        env.put("JIRA_ACCESS_SERVICE_NAME", "ci-runner-7");
        credential = dir.resolve("ci.yaml");
        store = dir.resolve("store");
        Files.writeString(credential, "kind: pat\nsite: " + sim.baseUrl() + "\ntoken: ${env:CI_PAT}\n"
                + "rotation:\n  everyDays: 30\n  expiryDays: 60\n  graceMinutes: 60\n");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env), args);
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        return r;
    }

    private String stored() {
        return leaks.secret(new FileCredentialStore(store).load("ci").orElseThrow().secret(PatState.CURRENT).reveal());
    }

    @Test
    void rotatePrintsTheNewExpiryAndHeaderAndRequestThenUseTheStoredToken() {
        Run rotate = run("rotate", "--credential", credential.toString(), "--store", store.toString());
        leaks.captured(rotate.out() + rotate.err());

        assertEquals(0, rotate.exit(), rotate.err());
        Matcher m = ROTATED.matcher(rotate.out());
        assertTrue(m.matches(), rotate.out());
        long id = Long.parseLong(m.group(2));
        PersonalAccessToken created = sim.tokens().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        assertEquals("jira-access-ci-" + m.group(1), created.name());
        assertEquals(created.expiringAt().truncatedTo(ChronoUnit.MILLIS).toString(), m.group(3));
        assertEquals("", rotate.err());

        Run header = run("header", "--credential", credential.toString(), "--store", store.toString());
        String token = stored();
        assertNotEquals(initial, token);
        assertEquals("Bearer " + token + "\n", header.out());

        sim.tokens().stream().filter(t -> t.name().equals("jira-access-ci")).findFirst().orElseThrow().revoke(sim.now());
        Run request = run("request", "--credential", credential.toString(), "--store", store.toString(),
                "--path", "/rest/api/2/myself");
        leaks.captured(request.out() + request.err());
        assertEquals(0, request.exit(), request.err());
        assertTrue(request.out().contains("\"name\":\"ci-bot\""), request.out());
    }

    @Test
    void secondRunIsNotDueAndSaysUntilWhen() {
        assertEquals(0, run("rotate", "--credential", credential.toString(), "--store", store.toString()).exit());
        Run again = run("rotate", "--credential", credential.toString(), "--store", store.toString());
        leaks.captured(again.out() + again.err());
        stored();
        assertEquals(0, again.exit());
        assertTrue(again.out().matches("credential ci: not due until \\S+; token \\d+ is current, expires \\S+\n"),
                again.out());
    }

    @Test
    void forceRotatesATokenThatIsNotDue() {
        run("rotate", "--credential", credential.toString(), "--store", store.toString());
        String first = stored();
        Run forced = run("rotate", "--credential", credential.toString(), "--store", store.toString(), "--force");
        leaks.captured(forced.out() + forced.err());
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(ROTATED.matcher(forced.out()).matches(), forced.out());
        assertNotEquals(first, stored());
    }

    @Test
    void spoolReceivesEveryRotationEventWithoutASecret() throws IOException {
        Path spool = dir.resolve("spool");
        Run r = run("rotate", "--credential", credential.toString(), "--store", store.toString(), "--spool", spool.toString());
        assertEquals(0, r.exit(), r.err());
        stored();
        List<AuditEvent> events = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : files.sorted().toList()) {
                assertTrue(f.getFileName().toString().matches("events-.*\\.ndjson"), f.toString());
                String text = Files.readString(f);
                all.append(text);
                text.lines().forEach(l -> events.add(AuditEvent.fromJson(l)));
            }
        }
        leaks.captured(all.toString());
        List<String> steps = events.stream().filter(e -> "rotation.step".equals(e.action()))
                .map(e -> e.getString("jira_access.rotation.step")).toList();
        assertEquals(List.of("start", "create", "pending", "test", "promote"), steps);
        assertEquals(1, events.stream().filter(e -> "credential.rotated".equals(e.action())).count());
        assertTrue(events.stream().allMatch(e -> "ci-runner-7".equals(e.getString("service.name"))));
        assertTrue(events.stream().allMatch(e -> e.id() != null && e.id().startsWith("ci-runner-7:")));
    }

    @Test
    void failingJiraExitsWithCodeFiveAndTheNextRunSaysItIsBackingOff() {
        sim.faults(Faults.NONE.withFailRate(1.0, 503));
        Run failed = run("rotate", "--credential", credential.toString(), "--store", store.toString());
        leaks.captured(failed.out() + failed.err());
        assertEquals(5, failed.exit());
        assertEquals("", failed.out());
        assertTrue(failed.err().startsWith("jira-access: credential ci: rotation rot"), failed.err());
        assertTrue(failed.err().contains("failed at step create: POST 127.0.0.1:"), failed.err());

        Run waiting = run("rotate", "--credential", credential.toString(), "--store", store.toString());
        leaks.captured(waiting.out() + waiting.err());
        assertEquals(5, waiting.exit());
        assertTrue(waiting.err().endsWith("the current token stays in use; run with --force to retry now\n"), waiting.err());
        sim.clearFaults();
    }

    @Test
    void credentialOfAnotherKindIsRefusedWithExitCodeTwo() throws IOException {
        Path apiToken = dir.resolve("cloud.yaml");
        Files.writeString(apiToken, "kind: api-token\nsite: https://acme.atlassian.net\nemail: ci@acme.example\n"
                + "token: ${env:CI_PAT}\n");
        Run r = run("rotate", "--credential", apiToken.toString(), "--store", store.toString());
        assertEquals(2, r.exit());
        assertEquals("jira-access: credential cloud: is a api-token credential; jira-access rotate rotates pat "
                + "credentials only\n", r.err());
    }

    @Test
    void patWithoutRotationSettingsIsRefusedWithTheFix() throws IOException {
        Files.writeString(credential, "kind: pat\nsite: " + sim.baseUrl() + "\ntoken: ${env:CI_PAT}\n");
        Run r = run("rotate", "--credential", credential.toString(), "--store", store.toString());
        assertEquals(2, r.exit());
        assertEquals("jira-access: credential ci: has no rotation settings; add a rotation: block (everyDays, expiryDays, "
                + "graceMinutes, tokenName) to the credential file\n", r.err());
        assertEquals(1, sim.tokens().size(), "nothing created");
    }
}
