package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jiraaccess.daemon.index.ParkedThreads.awaitParked;
import static io.jiraaccess.daemon.index.ParkedThreads.inIngesterWait;
import static io.jiraaccess.daemon.index.ParkedThreads.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upstream defect {@link EventIndexer} guards against with its lock, shown on the raw {@link BulkIngester} of the
 * elasticsearch-java version the daemon uses: a thread left waiting for a request slot although no request is in flight
 * and nothing is buffered, with no wake-up to come.
 * <p>
 * In {@code BulkIngester}, {@code flush()} runs {@code sendRequestCondition.whenReadyIf(canRun, send)}
 * ({@code FnCondition}): under the ingester's lock it returns at once if {@code canRun} (some operation buffered) is
 * false, else waits in {@code awaitUninterruptibly} while {@code requestsInFlightCount >= maxConcurrentRequests}, then
 * checks {@code canRun} again and returns without sending if the buffer is empty by then. An {@code add} that fills
 * the buffer calls the same {@code flush()}, inside {@code add}. A request's completion decrements
 * {@code requestsInFlightCount} and calls {@code signalIfReadyAfter}, which {@code signal}s one waiter only (the
 * longest waiting). The interleaving, with {@code maxConcurrentRequests = 1} and {@code maxOperations = 2}:
 * <ol>
 *   <li>{@code add(a)}, {@code flush()}: request 1 [a] is in flight, no slot is free.</li>
 *   <li>{@code add(b)}: buffered [b].</li>
 *   <li>Thread F1 {@code flush()}: something is buffered, no slot: waits on {@code sendRequestCondition}.</li>
 *   <li>Thread F2 {@code flush()}: the same, waits behind F1.</li>
 *   <li>Thread A {@code add(c)}: buffer [b, c] is full, so {@code add} flushes: waits behind F2, inside {@code add}.</li>
 *   <li>Request 1 completes: in flight 0, {@code signal} wakes F1 only.</li>
 *   <li>F1 sends [b, c] as request 2 (in flight 1) and returns.</li>
 *   <li>Request 2 completes: in flight 0, {@code signal} wakes F2 only.</li>
 *   <li>F2 re-checks {@code canRun}: the buffer is empty, so it returns without sending, and without passing the
 *       wake-up on.</li>
 *   <li>A stays parked in {@code awaitUninterruptibly}: a slot is free but only a completion signals, and no request is
 *       in flight. Only a request sent later by another thread can free it.</li>
 * </ol>
 * In the daemon the waiters are source runners (in {@code add} or {@code flush}) and the ingester's flush-interval
 * thread (whose fixed-delay task never runs again while it waits). Each one stranded this way sends nothing more, and
 * once none is left to send, ingest stops for good: the hang seen under the multi-daemon benchmark.
 * <p>
 * If this test fails, {@code BulkIngester} no longer behaves so: check the new version and whether
 * {@link EventIndexer}'s lock (one thread at a time in the ingester) can be dropped.
 */
class BulkIngesterLostWakeUpTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CHANGED = "BulkIngester no longer behaves as this test's comment describes"
            + " (see it: EventIndexer's lock may no longer be needed)";

    private static BulkOperation op(String id) {
        return BulkOperation.of(o -> o.index(x -> x.index("events").id(id).document(Map.of("id", id))));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFlushThatFindsNothingToSendSwallowsTheOnlyWakeUpAndStrandsAnAdder() throws Exception {
        ControllableBulkClient client = new ControllableBulkClient();
        BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client).maxOperations(2).maxConcurrentRequests(1));

        ingester.add(op("a"));
        ingester.flush();
        ControllableBulkClient.Sent request1 = client.next(WAIT);
        ingester.add(op("b"));

        ParkedThreads.Started f1 = start("flusher-1", ingester::flush);
        awaitParked(f1.thread(), ParkedThreads::inIngesterWait, "waiting for a request slot", WAIT);
        ParkedThreads.Started f2 = start("flusher-2", ingester::flush);
        awaitParked(f2.thread(), ParkedThreads::inIngesterWait, "waiting for a request slot", WAIT);
        ParkedThreads.Started adder = start("adder", () -> ingester.add(op("c")));
        awaitParked(adder.thread(), ParkedThreads::inIngesterWait, "in add, flushing the full buffer", WAIT);

        request1.succeed();
        ControllableBulkClient.Sent request2 = client.next(WAIT);
        assertEquals(List.of("b", "c"), request2.ids(), CHANGED);
        f1.join(WAIT, "the first flusher, woken by request 1, sends request 2 and returns");

        request2.succeed();
        f2.join(WAIT, "the second flusher, woken by request 2, finds nothing to send and returns");

        assertEquals(0, ingester.pendingRequests(), "no request in flight");
        assertEquals(0, ingester.pendingOperations(), "nothing buffered");
        assertEquals(2, client.requests(), "every request sent has completed");
        assertTrue(inIngesterWait(adder.thread()), CHANGED + ": the adder was expected to stay parked in"
                + " FnCondition.whenReadyIf (awaitUninterruptibly), but it is " + adder.thread().getState());
        // No signal can come (every request has completed); the join shows it does not leave by itself either.
        adder.thread().join(200);
        assertTrue(inIngesterWait(adder.thread()), CHANGED + ": the adder left its wait with no request completing");

        // Only a request that another thread sends frees it, when that request completes.
        ingester.add(op("d"));
        ingester.flush();
        client.next(WAIT).succeed();
        adder.join(WAIT, "the adder, woken by a later request's completion");
        ingester.close();
    }
}
