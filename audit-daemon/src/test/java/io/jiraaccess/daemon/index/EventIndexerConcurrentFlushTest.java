package io.jiraaccess.daemon.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jiraaccess.daemon.index.ParkedThreads.awaitParked;
import static io.jiraaccess.daemon.index.ParkedThreads.inIngesterWait;
import static io.jiraaccess.daemon.index.ParkedThreads.start;
import static io.jiraaccess.daemon.index.ParkedThreads.waitingForIndexerLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interleaving of {@link BulkIngesterLostWakeUpTest} (flushes and a buffer-filling add waiting for a request
 * slot while requests complete one by one) through {@link EventIndexer}: flushes wait for a slot outside the ingester,
 * only one thread at a time waits inside it, the others wait for the indexer's lock, and every batch comes back with
 * its receipt.
 */
class EventIndexerConcurrentFlushTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough that the {@code bulk-flush} thread plays no part unless a test wants it. */
    private static final Duration NO_TICK = Duration.ofHours(1);
    private static final Duration CLOSE = Duration.ofSeconds(2);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flushersAndAFullBufferWaitOneAtATimeAndEveryBatchComesBack() throws Exception {
        ControllableBulkClient client = new ControllableBulkClient();
        EventIndexer indexer = new EventIndexer(null, client, new BulkSettings(2, 1024 * 1024, 1, NO_TICK),
                Clock.systemUTC());
        boolean passed = false;
        try {
            CompletableFuture<BatchReceipt> a = indexer.submit("a", ControllableBulkClient.events("a", 1), List.of());
            indexer.flush();
            ControllableBulkClient.Sent request1 = client.next(WAIT);
            CompletableFuture<BatchReceipt> b = indexer.submit("b", ControllableBulkClient.events("b", 1), List.of());

            ParkedThreads.Started f1 = start("flusher-1", indexer::flush);
            awaitParked(f1.thread(), ParkedThreads::waitingForRequestSlot, "waiting for a request slot", WAIT);
            ParkedThreads.Started f2 = start("flusher-2", indexer::flush);
            awaitParked(f2.thread(), ParkedThreads::waitingForRequestSlot, "waiting for a request slot", WAIT);
            List<CompletableFuture<BatchReceipt>> c = new ArrayList<>();
            ParkedThreads.Started adder = start("adder", () -> c.add(indexer.submit("c", ControllableBulkClient.events("c", 1), List.of())));
            awaitParked(adder.thread(), ParkedThreads::inIngesterWait, "in the ingester (its add filled the buffer)", WAIT);
            List<CompletableFuture<BatchReceipt>> d = new ArrayList<>();
            ParkedThreads.Started adder2 = start("adder-2", () -> d.add(indexer.submit("d", ControllableBulkClient.events("d", 1), List.of())));
            awaitParked(adder2.thread(), t -> waitingForIndexerLock(t, "submit"), "waiting for the indexer's lock", WAIT);
            assertFalse(inIngesterWait(f1.thread()) || inIngesterWait(f2.thread()), "the flushers wait outside the ingester");

            // Requests complete one at a time, on this thread, as they are sent; the threads end in whatever order.
            request1.succeed();
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<ParkedThreads.Started> threads = List.of(f1, f2, adder, adder2);
            while (threads.stream().anyMatch(t -> t.thread().isAlive())) {
                assertTrue(System.nanoTime() < deadline, "the flushers and the adders end");
                ControllableBulkClient.Sent next = client.poll(Duration.ofMillis(10));
                if (next != null) {
                    next.succeed();
                }
            }
            for (ParkedThreads.Started t : threads) {
                t.join(WAIT, t.thread().getName());
            }

            // The last thread to end may have sent a request this thread has not answered yet: answer it first, or
            // the flush below would wait for that slot on the very thread that answers.
            answerAll(client);
            // What an adder buffered after the last flush goes with the runner's next flush.
            indexer.flush();
            answerAll(client);
            assertEquals(new BatchReceipt(1, 0), a.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(new BatchReceipt(1, 0), b.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(new BatchReceipt(1, 0), c.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(new BatchReceipt(1, 0), d.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            passed = true;
        } finally {
            boolean closed = client.closeAnswering(indexer, CLOSE);
            assertTrue(closed || !passed, "close() returns");
        }
    }

    /**
     * While a source's flush waits for a request slot, another source's documents still go into the buffer, and the
     * flush sends them with its own in one request (a flush that waited holding the lock kept them out, so they went
     * one request later).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFlushWaitingForASlotTakesAnotherSourcesDocumentsAlong() throws Exception {
        ControllableBulkClient client = new ControllableBulkClient();
        EventIndexer indexer = new EventIndexer(null, client, new BulkSettings(10, 1024 * 1024, 1, NO_TICK),
                Clock.systemUTC());
        boolean passed = false;
        try {
            CompletableFuture<BatchReceipt> a = indexer.submit("a", ControllableBulkClient.events("a", 1), List.of());
            indexer.flush();
            ControllableBulkClient.Sent request1 = client.next(WAIT);
            CompletableFuture<BatchReceipt> b = indexer.submit("b", ControllableBulkClient.events("b", 2), List.of());
            ParkedThreads.Started flusher = start("flusher", indexer::flush);
            // wherever it waits: the behaviour below is the test
            awaitParked(flusher.thread(), t -> ParkedThreads.waitingForRequestSlot(t) || inIngesterWait(t),
                    "waiting for a request slot", WAIT);

            List<CompletableFuture<BatchReceipt>> c = new ArrayList<>();
            ParkedThreads.Started other = start("other-source", () -> c.add(indexer.submit("c", ControllableBulkClient.events("c", 2), List.of())));
            other.join(WAIT, "the other source's submit, while a flush waits for a slot");

            request1.succeed();
            ControllableBulkClient.Sent request2 = client.next(WAIT);
            assertEquals(List.of("b:0", "b:1", "c:0", "c:1"), request2.ids(), "one request for both sources");
            request2.succeed();
            flusher.join(WAIT, "flusher");
            assertEquals(new BatchReceipt(1, 0), a.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(new BatchReceipt(2, 0), b.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(new BatchReceipt(2, 0), c.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            passed = true;
        } finally {
            boolean closed = client.closeAnswering(indexer, CLOSE);
            assertTrue(closed || !passed, "close() returns");
        }
    }

    /** Answers every request sent so far (answering completes it on this thread, freeing its slot at once). */
    private static void answerAll(ControllableBulkClient client) throws InterruptedException {
        for (ControllableBulkClient.Sent next; (next = client.poll(Duration.ofMillis(50))) != null; ) {
            next.succeed();
        }
    }

    /**
     * Several submitters, each flushing after every batch, the {@code bulk-flush} thread ticking every millisecond,
     * and requests answered slowly from another thread (each held until the next is sent, or for a few milliseconds):
     * adds and flushes keep competing for the request slots.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manySubmittersFlushingAgainstSlowCompletionsAllGetTheirReceipts() throws Exception {
        ControllableBulkClient client = new ControllableBulkClient();
        EventIndexer indexer = new EventIndexer(null, client, new BulkSettings(3, 1024 * 1024, 2, Duration.ofMillis(1)),
                Clock.systemUTC());
        AtomicBoolean done = new AtomicBoolean();
        ParkedThreads.Started answerer = start("answerer", () -> {
            ControllableBulkClient.Sent held = null;
            while (!done.get() || held != null) {
                ControllableBulkClient.Sent next = client.poll(Duration.ofMillis(3));
                if (held != null) {
                    held.succeed();
                }
                held = next;
            }
        });
        int submitters = 4;
        int batches = 40;
        List<ParkedThreads.Started> threads = new ArrayList<>();
        List<List<CompletableFuture<BatchReceipt>>> futures = new ArrayList<>();
        List<List<Integer>> sizes = new ArrayList<>();
        boolean passed = false;
        try {
            for (int s = 0; s < submitters; s++) {
                int source = s;
                List<CompletableFuture<BatchReceipt>> mine = new ArrayList<>();
                List<Integer> mySizes = new ArrayList<>();
                futures.add(mine);
                sizes.add(mySizes);
                Random random = new Random(source);
                threads.add(start("submitter-" + s, () -> {
                    for (int i = 0; i < batches; i++) {
                        int n = 1 + random.nextInt(5);
                        mySizes.add(n);
                        mine.add(indexer.submit("s" + source, ControllableBulkClient.events("s" + source + ":" + i, n), List.of()));
                        indexer.flush();
                    }
                }));
            }
            for (ParkedThreads.Started t : threads) {
                t.join(WAIT, "a submitter ends (no thread left parked in the ingester)");
            }
            for (int s = 0; s < submitters; s++) {
                for (int i = 0; i < batches; i++) {
                    assertEquals(new BatchReceipt(sizes.get(s).get(i), 0),
                            futures.get(s).get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "s" + s + " batch " + i);
                }
            }
            assertFalse(threads.stream().anyMatch(t -> t.thread().isAlive()));
            passed = true;
        } finally {
            done.set(true);
            boolean closed = client.closeAnswering(indexer, CLOSE);
            assertTrue(closed || !passed, "close() returns");
        }
        answerer.join(WAIT, "the answerer");
        assertTrue(indexer.bulkRequests() > 0);
        assertEquals(0, indexer.failedBulkRequests());
    }
}
