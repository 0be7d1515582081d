package io.jiraaccess.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The daemon's ingest at 10k, 100k and 1M events against a raw {@code _bulk} of the same documents into the same
 * local Elasticsearch in the same run (IngestBench's growth series). Every run must index exactly the produced
 * documents (IngestRuns checks each); the daemon's rate must not fall as the load grows, and from 100k events on
 * neither may its share of the raw ceiling ({@link IngestBench#growthFailures}). Under {@code -Pproof} only (four to
 * ten minutes, with the load of the machine). {@code -Dproof.ingest.sizes=A,B,C} changes the sizes.
 */
class IngestGrowthProofIT {
    @Test
    void daemonRateAndShareOfRawBulkDoNotFallFrom10kTo1MEvents() throws Exception {
        List<Long> sizes = java.util.Arrays.stream(System.getProperty("proof.ingest.sizes", "10000,100000,1000000")
                .split(",")).map(String::trim).map(Long::parseLong).toList();
        List<IngestBench.Result> results = IngestBench.run(new IngestBench.Settings(sizes, IngestBench.Settings.AUTO_ROUNDS,
                true, null, 1024, IngestBench.DEFAULT_WARM_UP, false, false, false, null, new String[] {"--events", String.join(",",
                sizes.stream().map(String::valueOf).toList())}));
        results.forEach(r -> System.out.println(r.line()));

        assertEquals(sizes, results.stream().map(IngestBench.Result::events).toList());
        assertEquals(List.of(), IngestBench.growthFailures(results));
    }
}
