package io.jiraaccess.daemon.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/** Threads a test starts, and where they are parked (from {@link Thread#getState()} and their stacks). */
final class ParkedThreads {
    private static final String FN_CONDITION = "co.elastic.clients.elasticsearch._helpers.bulk.FnCondition";
    private static final String CONDITION_OBJECT = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";

    private ParkedThreads() {
    }

    /** A daemon thread running {@code body}; what it throws is kept for {@link Started#join}. */
    static Started start(String name, Body body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return new Started(t, failure);
    }

    interface Body {
        void run() throws Exception;
    }

    record Started(Thread thread, AtomicReference<Throwable> failure) {
        /** Waits for the thread to end, failing if it does not within {@code timeout} or if it threw. */
        void join(Duration timeout, String what) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                fail(what + ": " + thread.getName() + " is still running after " + timeout.toMillis() + " ms, at "
                        + Arrays.toString(thread.getStackTrace()));
            }
            if (failure.get() != null) {
                throw new AssertionError(thread.getName() + " failed", failure.get());
            }
        }
    }

    /**
     * True when {@code t} waits inside {@code BulkIngester} for one of its conditions (a request slot, room in the
     * buffer, the end of the requests): {@code FnCondition.whenReadyIf} in {@code awaitUninterruptibly}.
     */
    static boolean inIngesterWait(Thread t) {
        return t.getState() == Thread.State.WAITING && has(t.getStackTrace(), CONDITION_OBJECT, "awaitUninterruptibly")
                && has(t.getStackTrace(), FN_CONDITION, "whenReadyIf");
    }

    /** True when {@code t} waits to take a {@code ReentrantLock} in {@code method} of {@code EventIndexer}. */
    static boolean waitingForIndexerLock(Thread t, String method) {
        StackTraceElement[] stack = t.getStackTrace();
        return t.getState() == Thread.State.WAITING && has(stack, "java.util.concurrent.locks.ReentrantLock", "lock")
                && has(stack, EventIndexer.class.getName(), method) && !has(stack, FN_CONDITION, "whenReadyIf");
    }

    /** True when {@code t} waits in {@code EventIndexer.flush} for a request slot, outside the ingester and the lock. */
    static boolean waitingForRequestSlot(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return (t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING)
                && has(stack, EventIndexer.class.getName(), "awaitRequestSlot") && !has(stack, FN_CONDITION, "whenReadyIf");
    }

    /** Polls {@code parked} until it holds, failing after {@code timeout}. */
    static void awaitParked(Thread t, java.util.function.Predicate<Thread> parked, String where, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!parked.test(t)) {
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not park " + where + " within " + timeout.toMillis() + " ms; it is "
                        + t.getState() + " at " + Arrays.toString(t.getStackTrace()));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    static boolean has(StackTraceElement[] stack, String className, String method) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals(className) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** The live threads named {@code name}. */
    static List<Thread> alive(String name) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name) && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }
}
