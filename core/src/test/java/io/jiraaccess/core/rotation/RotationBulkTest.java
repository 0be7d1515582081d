package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.PatSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many credentials rotate with bounded concurrency; one failing does not stop the others. */
class RotationBulkTest {
    private final RotationFixture f = new RotationFixture();

    @AfterEach
    void noLeaks() {
        f.assertNoSecretLeaked();
        f.close();
    }

    private List<PatSpec> credentials(int n) {
        List<PatSpec> specs = new ArrayList<>();
        String original = f.env.get("CI_PAT");
        for (int i = 0; i < n; i++) {
            f.env.put("CI_PAT", f.jira.mint(RotationFixture.USER, "jira-access-bulk" + i, 90));
            specs.add(f.spec("bulk" + i, ""));
        }
        f.env.put("CI_PAT", original);
        return specs;
    }

    @Test
    void manyCredentialsRotateWithNoMoreCallsInFlightThanWorkers() {
        List<PatSpec> specs = credentials(12);
        f.jira.latency(Duration.ofMillis(5));

        List<RotationResult> results = f.rotator().rotateAllIfDue(specs, 3);
        f.output(results);

        assertEquals(12, results.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("bulk" + i, results.get(i).credentialId());
            assertEquals(RotationResult.Outcome.ROTATED, results.get(i).outcome());
        }
        assertTrue(f.jira.maxInFlight() <= 3, "calls in flight: " + f.jira.maxInFlight());
        assertEquals(12, f.jira.count(FakeJira.Op.CREATE));
    }

    @Test
    void oneFailingCredentialIsReportedAndTheOthersRotate() {
        List<PatSpec> specs = credentials(4);
        f.jira.failNext(FakeJira.Op.CREATE, () -> new JiraException(503, "credential x: Jira failed"));

        List<RotationResult> results = f.rotator().rotateAllIfDue(specs, 1);
        f.output(results);

        assertEquals(RotationResult.Outcome.FAILED, results.get(0).outcome());
        assertTrue(results.get(0).message().startsWith("credential bulk0: rotation rot"), results.get(0).message());
        assertEquals(results.get(0).rotationId(), f.state("bulk0").inProgress().rotationId());
        for (int i = 1; i < 4; i++) {
            assertEquals(RotationResult.Outcome.ROTATED, results.get(i).outcome());
        }
    }

    @Test
    void workersMustBePositive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.rotator().rotateAllIfDue(List.of(), 0));
        assertEquals("workers must be at least 1, not 0", e.getMessage());
    }
}
