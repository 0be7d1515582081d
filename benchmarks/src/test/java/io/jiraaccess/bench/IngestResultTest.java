package io.jiraaccess.bench;

import io.jiraaccess.bench.ingest.IngestRuns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How IngestBench turns alternating runs into the figures it prints. */
class IngestResultTest {
    private static IngestRuns.Run run(String kind, double seconds) {
        return new IngestRuns.Run(kind, 100_000, seconds, 0, 0);
    }

    @Test
    void eachDaemonRunIsComparedWithTheRawRunsOnEitherSide() {
        // raw 10 s, daemon 20 s, raw 5 s: the neighbours' mean rate is 15,000/s, the daemon's 5,000/s
        IngestBench.Result r = new IngestBench.Result(100_000, List.of(run("daemon", 20)),
                List.of(run("raw _bulk", 10), run("raw _bulk", 5)));

        assertEquals(1.0 / 3, r.roundRatio(0), 1e-9);
        assertEquals(1.0 / 3, r.ratio(), 1e-9);
        assertEquals("events=100000 daemon_eps=5000 raw_bulk_eps=15000 ratio=0.33", r.line());
    }

    @Test
    void theRatioIsTheMedianOfTheRoundRatios() {
        IngestBench.Result r = new IngestBench.Result(100_000,
                List.of(run("daemon", 10), run("daemon", 20), run("daemon", 12.5)),
                List.of(run("raw _bulk", 10), run("raw _bulk", 10), run("raw _bulk", 10), run("raw _bulk", 10)));

        assertEquals(0.8, r.ratio(), 1e-9);
        assertEquals("events=100000 daemon_eps=8000 raw_bulk_eps=10000 ratio=0.80", r.line());
    }

    /** One round of {@code events}: raw, daemon, raw at the given rates. */
    private static IngestBench.Result size(long events, double daemonEps, double rawEps) {
        return new IngestBench.Result(events, List.of(new IngestRuns.Run("daemon", events, events / daemonEps, 0, 0)),
                List.of(new IngestRuns.Run("raw _bulk", events, events / rawEps, 0, 0),
                        new IngestRuns.Run("raw _bulk", events, events / rawEps, 0, 0)));
    }

    @Test
    void aRisingRateWithASteadyRatioFrom100kOnIsFlat() {
        // a quiet machine: the 10k ratio is high because both sides wait about a second for polls and refreshes
        List<IngestBench.Result> quiet = List.of(size(10_000, 5_940, 8_100), size(100_000, 12_793, 26_235),
                size(1_000_000, 17_639, 35_435));

        assertEquals(List.of(), IngestBench.growthFailures(quiet));
    }

    @Test
    void aFallingRateOrAShrinkingRatioFrom100kOnIsNotFlat() {
        List<IngestBench.Result> slower = List.of(size(100_000, 12_000, 24_000), size(1_000_000, 9_000, 12_000));
        List<IngestBench.Result> shrinking = List.of(size(100_000, 12_000, 24_000), size(1_000_000, 12_000, 30_000));

        assertEquals(List.of("daemon events/s fell from 12000 at 100,000 events to 9000 at 1,000,000"),
                IngestBench.growthFailures(slower));
        assertEquals(List.of("daemon / raw fell from 0.50 at 100,000 events to 0.40 at 1,000,000"),
                IngestBench.growthFailures(shrinking));
    }

    @Test
    void roundsAreThreeBelowAMillionEventsAndOneFromAMillionUnlessGiven() {
        IngestBench.Settings auto = new IngestBench.Settings(List.of(), IngestBench.Settings.AUTO_ROUNDS, true, null,
                1024, 0, false, false, false, null, new String[0]);
        IngestBench.Settings five = new IngestBench.Settings(List.of(), 5, true, null, 1024, 0, false, false, false, null, new String[0]);

        assertEquals(3, auto.roundsFor(999_999));
        assertEquals(1, auto.roundsFor(1_000_000));
        assertEquals(5, five.roundsFor(1_000_000));
    }
}
