package io.jiraaccess.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks RotationBench and the proof profile apply to a run's figures. */
class RotationOutcomeTest {
    @Test
    void fixedCostPlusConstantCostPerCredentialFitsExactly() {
        // 0.2 s + 20 ms per credential
        List<RotationBench.Run> runs = List.of(new RotationBench.Run(10, 0.4, 50), new RotationBench.Run(100, 2.2, 500),
                new RotationBench.Run(1000, 20.2, 5000));

        assertArrayEquals(new double[] {0.2, 0.02, 1.0}, RotationBench.fit(runs), 1e-9);
        assertTrue(new RotationBench.Outcome(runs, 8, 20).atMostLinear());
    }

    @Test
    void quadraticGrowthIsNotLinear() {
        List<RotationBench.Run> runs = List.of(new RotationBench.Run(10, 0.1, 50), new RotationBench.Run(100, 10, 500));

        assertFalse(new RotationBench.Outcome(runs, 8, 20).atMostLinear());
    }

    @Test
    void perCredentialCostUpToTheToleranceStillCountsAsLinear() {
        List<RotationBench.Run> runs = List.of(new RotationBench.Run(100, 2.0, 500), new RotationBench.Run(1000, 25.0, 5000));

        assertEquals(1.25, runs.get(1).msPerCredential() / runs.get(0).msPerCredential(), 1e-9);
        assertTrue(new RotationBench.Outcome(runs, 8, 20).atMostLinear());
    }

    @Test
    void aRunFasterThanItsWorkersAllowIsNotBoundedConcurrency() {
        // 5 requests of 20 ms per rotation on 8 workers: at least 12.5 ms per credential
        RotationBench.Run atFloor = new RotationBench.Run(1000, 12.5, 5000);
        RotationBench.Run belowFloor = new RotationBench.Run(1000, 12.4, 5000);

        assertEquals(12.5, atFloor.floorMsPerCredential(8, 20), 1e-9);
        assertTrue(new RotationBench.Outcome(List.of(atFloor), 8, 20).concurrencyBounded());
        assertFalse(new RotationBench.Outcome(List.of(belowFloor), 8, 20).concurrencyBounded());
    }
}
