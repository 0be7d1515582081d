package io.jiraaccess.daemon.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jiraaccess.daemon.index.ParkedThreads.awaitParked;
import static io.jiraaccess.daemon.index.ParkedThreads.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What nobody flushes is sent by the indexer's {@code bulk-flush} thread every flush interval (the ingester has no
 * timer of its own), and {@link EventIndexer#close()} sends what is left, waits for it and ends that thread.
 */
class EventIndexerPeriodicFlushTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSmallBatchIsSentByTheFlushThreadWithinAboutTheIntervalAndCloseEndsThatThread() throws Exception {
        Duration interval = Duration.ofMillis(100);
        List<Thread> before = ParkedThreads.alive("bulk-flush");
        ControllableBulkClient client = new ControllableBulkClient();
        EventIndexer indexer = new EventIndexer(null, client, new BulkSettings(100, 1024 * 1024, 2, interval),
                Clock.systemUTC());
        Thread flushThread = null;
        boolean passed = false;
        try {
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                CompletableFuture<BatchReceipt> batch = indexer.submit("s", ControllableBulkClient.events("r" + round, 3), List.of());
                ControllableBulkClient.Sent sent = client.next(WAIT);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals("bulk-flush", sent.sender().getName(), "sent by the indexer's flush thread");
                // one interval at most, plus a skipped tick and a slow machine's slack
                assertTrue(tookMillis < 2 * interval.toMillis() + 1000, "sent after " + tookMillis + " ms");
                assertEquals(List.of("r" + round + ":0", "r" + round + ":1", "r" + round + ":2"), sent.ids());
                sent.succeed();
                assertEquals(new BatchReceipt(3, 0), batch.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            flushThread = ParkedThreads.alive("bulk-flush").stream().filter(t -> !before.contains(t)).findFirst()
                    .orElseThrow();
            passed = true;
        } finally {
            boolean closed = client.closeAnswering(indexer, Duration.ofSeconds(2));
            assertTrue(closed || !passed, "close() returns");
        }
        assertFalse(flushThread.isAlive(), "close() ended the bulk-flush thread");
        assertTrue(before.containsAll(ParkedThreads.alive("bulk-flush")), "no bulk-flush thread of this indexer is left");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeSendsWhatIsBufferedAndWaitsForItsAnswer() throws Exception {
        ControllableBulkClient client = new ControllableBulkClient();
        EventIndexer indexer = new EventIndexer(null, client, new BulkSettings(100, 1024 * 1024, 2, Duration.ofHours(1)),
                Clock.systemUTC());
        CompletableFuture<BatchReceipt> batch = indexer.submit("s", ControllableBulkClient.events("d", 2), List.of());
        assertEquals(0, client.requests(), "buffered, not sent");

        ParkedThreads.Started closer = start("closer", indexer::close);
        ControllableBulkClient.Sent sent = client.next(WAIT);
        assertEquals("closer", sent.sender().getName());
        awaitParked(closer.thread(), ParkedThreads::inIngesterWait, "waiting for the request to complete", WAIT);
        assertFalse(batch.isDone());

        sent.succeed();
        closer.join(WAIT, "close returns once the request has completed");
        assertEquals(new BatchReceipt(2, 0), batch.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
