package io.jiraaccess.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the daemon on its default schedules, every event offered for two minutes (about one a second from each of the
 * spool and a Jenkins journal) is searchable within its source's poll interval plus 2 s. Under {@code -Pproof} only.
 */
class FreshnessProofIT {
    @Test
    void everyEventIsSearchableWithinItsPollIntervalPlusTwoSeconds() throws Exception {
        List<FreshnessBench.Source> sources = FreshnessBench.run(2, 10, 30, null, 1024, new String[] {"--minutes", "2"});

        assertEquals(List.of("spool", "Jenkins journal"), sources.stream().map(FreshnessBench.Source::name).toList());
        for (FreshnessBench.Source s : sources) {
            System.out.println(s.line(s.name().replace(' ', '_')));
            assertTrue(s.offered() >= 60, () -> s.name() + ": only " + s.offered() + " events offered in two minutes");
            assertEquals(s.offered(), s.seen(), () -> s.name() + ": events never searchable");
            assertTrue(s.latencies().max() <= s.bound(), () -> String.format(java.util.Locale.ROOT,
                    "%s: slowest event searchable after %.1f s, bound %.0f s", s.name(), s.latencies().max(), s.bound()));
        }
    }
}
