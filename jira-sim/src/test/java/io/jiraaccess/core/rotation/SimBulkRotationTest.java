package io.jiraaccess.core.rotation;

import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.sim.http.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many credentials rotated at once against the simulator with latency, the way the issue 7 benchmark does it (there
 * with 10, 100 and 1,000 credentials and timing; here a few dozen and correctness only).
 */
class SimBulkRotationTest {
    private final SimWorld w = SimWorld.fresh();
    private final RecordingEventSink events = new RecordingEventSink();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(w.initialToken).watch(events::ndjson);

    @AfterEach
    void clearFaults() {
        w.sim.clearFaults();
    }

    @Test
    void thirtyCredentialsRotateOnEightWorkersWithEveryTokenReplacedOnce() {
        Map<String, String> env = new HashMap<>();
        List<PatSpec> specs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String token = leaks.secret(w.sim.createPat(SimWorld.USER, "jira-access-bulk" + i, 90).rawToken());
            env.put("PAT_" + i, token);
            String yaml = "kind: pat\nsite: " + w.sim.baseUrl() + "\ntoken: ${env:PAT_" + i + "}\n"
                    + "rotation:\n  everyDays: 30\n  expiryDays: 60\n  graceMinutes: 0\n";
            specs.add((PatSpec) new CredentialSpecParser(SecretReferences.fromMap(env)).parse("bulk" + i + ".yaml", yaml,
                    "bulk" + i));
        }
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        Fingerprinter fp = new Fingerprinter(new byte[32]);
        PatRotator rotator = PatRotator.builder(store, new JiraPatApiFactory(events, fp, "bulk", JiraPatApiFactory.SETTINGS,
                        w.sim.clock()))
                .events(events).fingerprinter(fp).clock(w.sim.clock()).build();
        w.sim.faults(Faults.NONE.withLatencyMs(20));

        List<RotationResult> results = rotator.rotateAllIfDue(specs, 8);

        Set<Long> current = new HashSet<>();
        for (RotationResult r : results) {
            assertEquals(RotationResult.Outcome.ROTATED, r.outcome(), r.message());
            assertEquals(1, r.revoked().size(), "grace 0: the credential file's token is revoked at once");
            current.add(r.current().id());
            leaks.secret(store.load(r.credentialId()).orElseThrow().secret(PatState.CURRENT).reveal());
        }
        assertEquals(30, current.size());
        assertEquals(30, w.sim.tokens().stream().filter(t -> t.isUsable(w.sim.now())).count() - 1,
                "30 new tokens live, plus the shared world's own token");
        assertEquals(30, events.withAction("credential.rotated").size());
    }
}
