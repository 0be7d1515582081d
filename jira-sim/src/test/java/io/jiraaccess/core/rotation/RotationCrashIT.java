package io.jiraaccess.core.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.testing.SecretLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real processes killed (SIGKILL) after each rotation step, then restarted: {@code jira-access rotate} in a child JVM,
 * stopped by {@link StepHook} right after the step and killed by this test; a second run must converge, as seen
 * through the simulator's {@code GET /_sim/tokens} and the store file: one working current token, nothing pending,
 * no live token that the store does not hold. Also: two processes rotating at once.
 */
class RotationCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SimWorld w;
    private Path credential;
    private Path store;
    private final List<String> outputs = new ArrayList<>();

    private void world(String rotationExtra) throws Exception {
        w = SimWorld.fresh();
        credential = dir.resolve("ci.yaml");
        store = dir.resolve("store");
        Files.writeString(credential, w.credentialYaml(rotationExtra));
    }

    private Map<String, String> env() {
        return Map.of("CI_PAT", w.initialToken, "JIRA_ACCESS_SERVICE_NAME", "crash-test");
    }

    private ChildCli rotate(String stopAfter, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("rotate", "--credential", credential.toString(), "--store", store.toString()));
        args.addAll(List.of(more));
        return ChildCli.start(env(), stopAfter, args.toArray(new String[0]));
    }

    /**
     * Grace 0: the superseded token (the credential file's) is revoked in the same run, so a kill after {@code revoke}
     * interrupts a revocation that Jira completed and the store has not recorded.
     */
    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"start", "create", "pending", "test", "promote", "revoke"})
    void rotationKilledAfterAStepConvergesWhenRunAgain(String step) throws Exception {
        world("  graceMinutes: 0\n");
        String rotationId;
        try (ChildCli first = rotate(step, "--force")) {
            String stoppedAt = first.awaitStopped(TIMEOUT);
            assertTrue(stoppedAt.startsWith(step + " rot"), stoppedAt);
            rotationId = stoppedAt.substring(step.length() + 1);
            assertEquals(137, first.kill(), "killed by SIGKILL");
            outputs.add(first.out() + first.err());
        }

        try (ChildCli second = rotate(null)) {
            int exit = second.await(TIMEOUT);
            outputs.add(second.out() + second.err());
            assertEquals(0, exit, second.err());
            if (Set.of("start", "create", "pending", "test").contains(step)) {
                assertTrue(second.out().startsWith("credential ci: rotated (rotation " + rotationId + ")"),
                        "the interrupted rotation is completed, not a second one started: " + second.out());
            } else {
                assertTrue(second.out().startsWith("credential ci: not due until"), second.out());
            }
        }

        PatState st = assertConverged();
        assertEquals(step.equals("create") ? 2 : 1, createdTokens().size(),
                "tokens created: after a kill between Jira's answer and the store, the orphan and its replacement");
        assertTrue(st.previous().isEmpty(), "grace 0: the superseded token is revoked");
        assertNoSecretInOutputs(st);
    }

    @Test
    void secondProcessGetsRotationInProgressWhileTheFirstRotates() throws Exception {
        world("");
        try (ChildCli first = rotate("create", "--force")) {
            String stoppedAt = first.awaitStopped(TIMEOUT);
            String rotationId = stoppedAt.substring("create ".length());

            try (ChildCli second = rotate(null, "--force")) {
                int exit = second.await(TIMEOUT);
                outputs.add(second.out() + second.err());
                assertEquals(5, exit);
                assertEquals("", second.out());
                assertTrue(second.err().startsWith("jira-access: credential ci: rotation in progress (rotation " + rotationId
                        + ", last completed step start, started "), second.err());
            }
            first.release();
            assertEquals(0, first.await(TIMEOUT), first.err());
            outputs.add(first.out() + first.err());
            assertTrue(first.out().startsWith("credential ci: rotated (rotation " + rotationId + ")"), first.out());
        }
        PatState st = assertConverged();
        assertEquals(1, createdTokens().size(), "the second process created nothing");
        assertNoSecretInOutputs(st);
    }

    /** Every token ever created, as {@code GET /_sim/tokens} lists them (revoked ones too). */
    private List<JsonNode> simTokens() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(w.sim.baseUrl() + "/_sim/tokens")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    private List<JsonNode> createdTokens() throws Exception {
        return simTokens().stream().filter(t -> t.path("name").asText().startsWith("jira-access-ci-rot")).toList();
    }

    private PatState assertConverged() throws Exception {
        CredentialState raw = new FileCredentialStore(store).load("ci").orElseThrow();
        PatState st = new PatState("ci", raw);
        assertNull(st.inProgress(), "no rotation left unfinished");
        assertNull(st.pending(), "no pending token");
        PatState.Current current = st.storedCurrent();
        assertNotNull(current, "a rotated token is current");
        Set<Long> held = new java.util.HashSet<>(st.heldIds());
        if (st.previous().stream().anyMatch(p -> p.slot().equals(PatState.CONFIGURED_SLOT) && p.id() == null)) {
            held.add(w.initialTokenId); // the credential file's token, in its grace period under the "configured" slot
        }
        for (JsonNode t : simTokens()) {
            long id = t.path("id").asLong();
            boolean active = t.path("status").asText().equals("active");
            if (id == current.id()) {
                assertTrue(active, "the current token is live");
            } else if (active) {
                assertTrue(held.contains(id), "live token " + id + " (" + t.path("name").asText() + ") is held by nobody");
            }
        }
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(w.sim.baseUrl() + "/rest/api/2/myself"))
                .header("Authorization", "Bearer " + current.token().reveal()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), "the current token works");
        assertTrue(me.body().contains("\"name\":\"" + SimWorld.USER + "\""), me.body());
        return st;
    }

    private void assertNoSecretInOutputs(PatState st) {
        SecretLeaks.assertAbsent(List.of(w.initialToken, SimWorld.PASSWORD, st.storedCurrent().token().reveal()),
                String.join("\n", outputs));
    }
}
