package io.jiraaccess.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating 10, 100 and 1,000 PATs against the simulator with 20 ms latency on 8 workers: the time grows at most
 * linearly and never beats the floor the bounded concurrency sets. Under {@code -Pproof} only (about a minute).
 */
class RotationGrowthProofIT {
    @Test
    void rotationTimeGrowsAtMostLinearlyWithBoundedConcurrency() throws Exception {
        RotationBench.Outcome outcome = RotationBench.run(List.of(10L, 100L, 1000L), 8, 20,
                new String[0]);
        System.out.println(outcome.line());

        assertEquals(List.of(10, 100, 1000), outcome.runs().stream().map(RotationBench.Run::credentials).toList());
        for (RotationBench.Run run : outcome.runs()) {
            // create, test, list (orphan check), revoke, ...: every rotation makes the same requests whatever N is
            assertEquals(outcome.runs().get(0).requestsPerRotation(), run.requestsPerRotation(), 0.0,
                    "Jira requests per rotation at " + run.credentials() + " credentials");
        }
        assertTrue(outcome.concurrencyBounded(), () -> "a run was faster than " + outcome.workers()
                + " concurrent rotations can be: " + outcome.line());
        assertTrue(outcome.atMostLinear(), () -> "time per credential grew more than " + RotationBench.LINEAR_TOLERANCE
                + "x from one size to the next: " + outcome.line());
    }
}
