package io.jiraaccess.bench.ingest;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits until a count query sees the expected number of documents, checking every 100 ms. */
public final class Searchable {
    private Searchable() {
    }

    /**
     * Returns the {@link System#nanoTime} at which the count first reached {@code expected}.
     *
     * @param stall fail if the count does not grow for this long
     */
    public static long awaitCount(ElasticsearchHttp es, String index, long expected, Duration stall) {
        return awaitCount(es, index, expected, stall, null);
    }

    /**
     * As {@link #awaitCount(ElasticsearchHttp, String, long, Duration)}, noting in {@code timeline} (if not null) each
     * new count and when it was first seen, in ms since the call: the refreshes that made documents searchable.
     */
    public static long awaitCount(ElasticsearchHttp es, String index, long expected, Duration stall,
                                  StringBuilder timeline) {
        long last = -1;
        long start = System.nanoTime();
        long lastChange = start;
        while (true) {
            long n = es.count(index);
            long now = System.nanoTime();
            if (timeline != null && n != last && n > 0) {
                timeline.append(String.format(" %d ms: %,d;", (now - start) / 1_000_000, n));
            }
            if (n == expected) {
                return now;
            }
            if (n > expected) {
                throw new IllegalStateException(index + " holds " + n + " documents, more than the " + expected + " produced");
            }
            if (n != last) {
                last = n;
                lastChange = now;
            } else if (now - lastChange > stall.toNanos()) {
                throw new IllegalStateException(index + " stuck at " + n + " of " + expected + " documents for "
                        + stall.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
