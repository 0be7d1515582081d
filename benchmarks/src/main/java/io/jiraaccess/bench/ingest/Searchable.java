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
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long n = es.count(index);
            long now = System.nanoTime();
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
