package io.jiraaccess.daemon.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoolWatchTest {
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;

    /** Writes a spool file as writers do: a dot-named temporary file renamed into place. */
    private Path drop(String name) throws Exception {
        Path tmp = Files.writeString(dir.resolve("." + name + ".tmp"), "{}\n");
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aFileRenamedIntoPlaceIsPolledAtOnce() throws Exception {
        Semaphore polled = new Semaphore(0);
        try (SpoolWatch ignored = SpoolWatch.start(dir, polled::release)) {
            drop("events-1.ndjson");
            assertTrue(polled.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "no poll after a spool file appeared");
        }
    }

    @Test
    void onlyCompleteSpoolFilesAndLostNoticesAskForAPoll() {
        assertTrue(SpoolWatch.asksForPoll(StandardWatchEventKinds.ENTRY_CREATE, Path.of("events-1.ndjson")));
        assertTrue(SpoolWatch.asksForPoll(StandardWatchEventKinds.OVERFLOW, null));
        assertFalse(SpoolWatch.asksForPoll(StandardWatchEventKinds.ENTRY_CREATE, Path.of(".events-1.ndjson")));
        assertFalse(SpoolWatch.asksForPoll(StandardWatchEventKinds.ENTRY_CREATE, Path.of("events-1.ndjson.tmp")));
        assertFalse(SpoolWatch.asksForPoll(StandardWatchEventKinds.ENTRY_CREATE, Path.of("done")));
        assertFalse(SpoolWatch.asksForPoll(StandardWatchEventKinds.ENTRY_DELETE, Path.of("events-1.ndjson")));
    }

    @Test
    void aFailedPollDoesNotEndTheWatch() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Semaphore polled = new Semaphore(0);
        Runnable poll = () -> {
            polled.release();
            if (calls.incrementAndGet() == 1) {
                throw new SourceUnavailableException("spool unreadable", null, null);
            }
        };
        try (SpoolWatch ignored = SpoolWatch.start(dir, poll)) {
            drop("events-1.ndjson");
            assertTrue(polled.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS));
            drop("events-2.ndjson");
            assertTrue(polled.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "the watch stopped after a failed poll");
        }
    }

    @Test
    void filesArrivingDuringAPollCostOneMorePollNotOnePerFile() throws Exception {
        CountDownLatch firstPollRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstPoll = new CountDownLatch(1);
        List<Integer> filesSeenPerPoll = new ArrayList<>();
        Semaphore polled = new Semaphore(0);
        Runnable poll = () -> {
            firstPollRunning.countDown();
            try {
                if (!releaseFirstPoll.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("first poll never released");
                }
                try (var files = Files.list(dir)) {
                    synchronized (filesSeenPerPoll) {
                        filesSeenPerPoll.add((int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                polled.release();
            }
        };
        try (SpoolWatch watch = SpoolWatch.start(dir, poll)) {
            drop("events-00.ndjson");
            assertTrue(firstPollRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
            for (int i = 1; i <= 20; i++) {
                drop(String.format("events-%02d.ndjson", i));
            }
            awaitTrue(watch::pollQueued, "no poll queued for the files that came during the first");
            releaseFirstPoll.countDown();
            // every file is seen by some poll: the last one sees all 21
            long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
            while (true) {
                assertTrue(polled.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "a poll is missing");
                synchronized (filesSeenPerPoll) {
                    if (filesSeenPerPoll.get(filesSeenPerPoll.size() - 1) == 21) {
                        break;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "no poll saw all 21 files");
            }
            synchronized (filesSeenPerPoll) {
                // one poll for the first file, then at most one per notice batch the watcher took while polls ran
                assertTrue(filesSeenPerPoll.size() <= 3, "21 files cost " + filesSeenPerPoll.size() + " polls");
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, message);
            Thread.onSpinWait();
        }
    }
}
