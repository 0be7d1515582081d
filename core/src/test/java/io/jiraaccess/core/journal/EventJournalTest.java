package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.NdjsonEvents.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.jiraaccess.core.journal.TestEvents.event;
import static io.jiraaccess.core.journal.TestEvents.range;
import static io.jiraaccess.core.journal.TestEvents.readAll;
import static io.jiraaccess.core.journal.TestEvents.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJournalTest {
    @TempDir
    Path dir;

    /** A journal that syncs only when asked, so tests decide when events become durable. */
    private EventJournal.Builder quiet() {
        return EventJournal.builder(dir, "jenkins-a").syncInterval(Duration.ofHours(1));
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".ndjson".length()));
    }

    @Test
    void appendStampsGaplessSeqAndServiceScopedEventIds() {
        try (EventJournal journal = quiet().open()) {
            assertEquals(1, journal.append(event("a")));
            assertEquals(2, journal.append(event("b")));
            journal.sync();
            List<AuditEvent> events = journal.readAfter(0, 10).events();
            assertEquals(List.of(1L, 2L), seqs(events));
            assertEquals(List.of("jenkins-a:1", "jenkins-a:2"), events.stream().map(AuditEvent::id).toList());
            assertEquals("jenkins-a", events.get(0).getString("service.name"));
            assertEquals("a", events.get(0).getString("message"));
        }
    }

    @Test
    void aReadGivesEachEventsLineExactlyAsTheSegmentStoresIt() throws IOException {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("a"));
            journal.append(event("b \u00fc\u2603"));
            journal.sync();
            JournalRead read = journal.readAfter(0, 10);
            List<String> stored = Files.readAllLines(segmentFiles(dir).get(0), StandardCharsets.UTF_8);
            assertEquals(stored, read.lines().stream().map(l -> new String(l, StandardCharsets.UTF_8)).toList());
            assertEquals(read.events(), read.lines().stream()
                    .map(l -> AuditEvent.fromJson(new String(l, StandardCharsets.UTF_8))).toList());
        }
    }

    @Test
    void existingServiceNameIsKeptAndAnyIncomingIdOrSeqIsReplaced() {
        AuditEvent foreign = event("x").toBuilder().service("controller-7").id("made-up").seq(999).build();
        try (EventJournal journal = quiet().open()) {
            journal.append(foreign);
            journal.sync();
            AuditEvent stored = journal.readAfter(0, 1).events().get(0);
            assertEquals("controller-7", stored.getString("service.name"));
            assertEquals("jenkins-a:1", stored.id());
            assertEquals(1L, stored.seq());
        }
    }

    @Test
    void readersSeeOnlyDurableEvents() {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("a"));
            journal.flush();
            JournalRead beforeSync = journal.readAfter(0, 10);
            assertEquals(0, beforeSync.events().size());
            assertEquals(0, beforeSync.durableSeq());
            assertEquals(1, journal.stats().lastSeq());

            journal.sync();
            journal.append(event("b"));
            journal.flush();
            JournalRead afterSync = journal.readAfter(0, 10);
            assertEquals(List.of(1L), seqs(afterSync.events()));
            assertEquals(0, afterSync.skippedCount(), "a written but unsynced line is neither shown nor garbage");
            assertEquals(1, journal.stats().durableSeq());
            assertEquals(2, journal.stats().lastSeq());
        }
    }

    @Test
    void awaitDurableReturnsOnceThatSeqIsOnDisk() {
        try (EventJournal journal = quiet().open()) {
            long seq = journal.append(event("a"));
            journal.awaitDurable(seq);
            assertEquals(seq, journal.stats().durableSeq());
            assertEquals(seq, journal.readAfter(0, 10).lastSeq());
        }
    }

    @Test
    void backgroundSyncMakesEventsDurableWithoutBeingAsked() {
        try (EventJournal journal = EventJournal.builder(dir, "jenkins-a").syncInterval(Duration.ofMillis(20)).open()) {
            journal.append(event("a"));
            TestEvents.awaitCondition(Duration.ofSeconds(20), () -> journal.stats().durableSeq() == 1, "seq 1 is durable");
            assertEquals(List.of(1L), seqs(journal.readAfter(0, 10).events()));
        }
    }

    @Test
    void aFullBatchIsSyncedWithoutWaitingForTheInterval() {
        try (EventJournal journal = quiet().syncBatchBytes(1).open()) {
            journal.append(event("a"));
            TestEvents.awaitCondition(Duration.ofSeconds(20), () -> journal.stats().durableSeq() == 1, "seq 1 is durable");
        }
    }

    @Test
    void readsPageAcrossManySegmentsInOrder() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(1024).open()) {
            for (int i = 1; i <= 300; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            List<Path> segments = segmentFiles(dir);
            assertThat(segments.size()).isGreaterThan(50);
            assertEquals(segments.size(), journal.stats().segments());
            for (Path segment : segments) {
                assertThat(Files.size(segment)).isLessThanOrEqualTo(1024);
            }

            assertEquals(range(1, 300), seqs(readAll(journal, 0, 7)));
            assertEquals(range(124, 128), seqs(journal.readAfter(123, 5).events()));
            JournalRead tail = journal.readAfter(297, 100);
            assertEquals(range(298, 300), seqs(tail.events()));
            assertFalse(tail.hasMore());
            assertEquals(0, journal.readAfter(300, 100).events().size());
        }
        try (EventJournal reopened = quiet().segmentBytes(1024).open()) {
            assertEquals(range(201, 300), seqs(readAll(reopened, 200, 13)));
            assertEquals(301, reopened.append(event("next")));
        }
    }

    @Test
    void eachSegmentIsNamedForTheFirstSeqItHolds() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(1024).open()) {
            for (int i = 1; i <= 40; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
        }
        for (Path segment : segmentFiles(dir)) {
            List<AuditEvent> events = NdjsonEvents.defaults().parse(Files.readAllBytes(segment)).events();
            assertEquals(firstSeqOf(segment), events.get(0).seq());
        }
    }

    @Test
    void acknowledgeDeletesOnlySegmentsWhoseEveryEventIsAcknowledged() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(1024).open()) {
            for (int i = 1; i <= 100; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            List<Path> segments = segmentFiles(dir);
            long thirdFirst = firstSeqOf(segments.get(2));

            journal.acknowledge(thirdFirst - 1);
            assertEquals(segments.subList(2, segments.size()), segmentFiles(dir));
            assertEquals(thirdFirst - 1, journal.acknowledged());
            assertEquals(thirdFirst, journal.stats().oldestSeq());

            journal.acknowledge(thirdFirst);
            assertEquals(segments.subList(2, segments.size()), segmentFiles(dir), "segment 3 still holds unacknowledged events");

            journal.acknowledge(100);
            assertEquals(List.of(segments.get(segments.size() - 1)), segmentFiles(dir), "the active segment is never deleted");
            assertEquals(101, journal.append(event("after")));
            journal.sync();
            assertEquals(List.of(101L), seqs(journal.readAfter(100, 10).events()));
        }
        try (EventJournal reopened = quiet().segmentBytes(1024).open()) {
            assertEquals(100, reopened.acknowledged());
            assertEquals(List.of(101L), seqs(readAll(reopened, 100, 10)));
        }
    }

    @Test
    void readingFromBeforeTheOldestRetainedSegmentStartsAtTheOldestEvent() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(1024).open()) {
            for (int i = 1; i <= 30; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            long secondFirst = firstSeqOf(segmentFiles(dir).get(1));
            journal.acknowledge(secondFirst - 1);
            List<AuditEvent> events = journal.readAfter(0, 1000).events();
            assertEquals(range(secondFirst, 30), seqs(events));
        }
    }

    @Test
    void acknowledgingBeyondTheDurableEndIsRefusedAndGoingBackIsIgnored() {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("a"));
            journal.append(event("b"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> journal.acknowledge(1));
            assertThat(e.getMessage()).contains("last durable event").contains("is 0");
            journal.sync();
            journal.acknowledge(2);
            journal.acknowledge(1);
            assertEquals(2, journal.acknowledged());
        }
    }

    @Test
    void tornLastLineIsDroppedOnOpenAndSeqContinues() throws IOException {
        try (EventJournal journal = quiet().open()) {
            for (int i = 1; i <= 10; i++) {
                journal.append(event("e" + i));
            }
        }
        Path segment = segmentFiles(dir).get(0);
        long intactSize = Files.size(segment);
        String partial = event("torn").toJson().substring(0, 40);
        Files.writeString(segment, partial, StandardOpenOption.APPEND);

        try (EventJournal reopened = quiet().open()) {
            assertEquals(partial.length(), reopened.stats().tornBytesDroppedOnOpen());
            assertEquals(intactSize, Files.size(segment));
            JournalRead read = reopened.readAfter(0, 100);
            assertEquals(range(1, 10), seqs(read.events()));
            assertEquals(0, read.skippedCount());
            assertEquals(11, reopened.append(event("e11")));
            reopened.sync();
            assertEquals(range(1, 11), seqs(readAll(reopened, 0, 100)));
        }
        assertEquals(11, NdjsonEvents.defaults().parse(Files.readAllBytes(segment)).events().size());
    }

    @Test
    void tornFirstLineOfANewSegmentLeavesAnEmptySegmentAndTheEarlierOnesIntact() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(1024).open()) {
            for (int i = 1; i <= 20; i++) {
                journal.append(event("e" + i));
            }
        }
        List<Path> before = segmentFiles(dir);
        Path last = before.get(before.size() - 1);
        long nextFirst = firstSeqOf(last) + NdjsonEvents.defaults().parse(Files.readAllBytes(last)).events().size();
        Path torn = dir.resolve(SegmentIndex.fileName(nextFirst));
        Files.writeString(torn, "{\"@timestamp\":\"2025-");

        try (EventJournal reopened = quiet().segmentBytes(1024).open()) {
            assertEquals(0, Files.size(torn));
            assertEquals(range(1, 20), seqs(readAll(reopened, 0, 100)));
            assertEquals(nextFirst, reopened.append(event("e21")));
        }
    }

    @Test
    void garbageLinesAreSkippedCountedAndLocatedWhileTheRestIsRead() throws IOException {
        try (EventJournal journal = quiet().open()) {
            for (int i = 1; i <= 5; i++) {
                journal.append(event("e" + i));
            }
        }
        Path segment = segmentFiles(dir).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(segment));
        String noSeq = event("no seq").toJson();
        lines.add(2, "not json at all");
        lines.add(3, "[\"an\",\"array\"]");
        lines.add(4, "{\"message\":\"no timestamp\"}");
        lines.add(5, noSeq);
        lines.add(6, lines.get(0));
        Files.write(segment, lines);

        try (EventJournal reopened = quiet().open()) {
            JournalRead read = reopened.readAfter(0, 100);
            assertEquals(range(1, 5), seqs(read.events()));
            assertEquals(List.of(Reason.NOT_JSON, Reason.NOT_AN_OBJECT, Reason.NOT_AN_EVENT, Reason.MISSING_SEQ,
                    Reason.SEQ_OUT_OF_ORDER), read.skipped().stream().map(s -> s.rejection().reason()).toList());
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L), read.skipped().stream().map(s -> s.rejection().line()).toList());
            assertEquals(5, read.skippedCount());
            assertEquals(segment.getFileName().toString(), read.skipped().get(0).segment());
            assertThat(read.skipped().toString()).doesNotContain("not json at all").doesNotContain("no timestamp");

            assertEquals(6, reopened.append(event("e6")));
            reopened.sync();
            assertEquals(List.of(6L), seqs(reopened.readAfter(5, 100).events()));
        }
    }

    @Test
    void sequentialReaderDoesNotRecountGarbageItHasPassed() throws IOException {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("e1"));
        }
        Path segment = segmentFiles(dir).get(0);
        Files.writeString(segment, "garbage\n", StandardOpenOption.APPEND);
        try (EventJournal reopened = quiet().open()) {
            reopened.append(event("e2"));
            reopened.append(event("e3"));
            reopened.sync();
            JournalRead first = reopened.readAfter(0, 1);
            assertEquals(List.of(1L), seqs(first.events()));
            assertEquals(0, first.skippedCount());
            JournalRead second = reopened.readAfter(1, 1);
            assertEquals(List.of(2L), seqs(second.events()));
            assertEquals(1, second.skippedCount());
            JournalRead third = reopened.readAfter(2, 1);
            assertEquals(List.of(3L), seqs(third.events()));
            assertEquals(0, third.skippedCount());
        }
    }

    @Test
    void concurrentAppendersGetUniqueGaplessSeqsInTheirOwnOrder() throws Exception {
        int threads = 8;
        int perThread = 400;
        try (EventJournal journal = quiet().segmentBytes(64 * 1024).syncBatchBytes(16 * 1024).open()) {
            List<Thread> workers = new ArrayList<>();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            long seq = journal.append(event("t" + id + "-" + i));
                            if (i % 50 == 49) {
                                journal.awaitDurable(seq);
                            }
                            if (i % 97 == 0) {
                                journal.readAfter(Math.max(0, seq - 20), 10);
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
            assertThat(errors).isEmpty();
            journal.sync();

            List<AuditEvent> all = readAll(journal, 0, 500);
            assertEquals(range(1, threads * perThread), seqs(all));
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                List<String> own = all.stream().map(e -> e.getString("message")).filter(m -> m.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    expected.add(prefix + i);
                }
                assertEquals(expected, own, "thread " + t + "'s events, once each, in its order");
            }
        }
    }

    @Test
    void appendersWaitForAWriterThatFellBehindInsteadOfFailing() throws Exception {
        FaultyFiles files = new FaultyFiles();
        long maxPending = NdjsonEvents.DEFAULT_MAX_LINE_BYTES + 64;
        try (EventJournal journal = quiet().opener(files).maxPendingBytes(maxPending).open()) {
            files.pausedMidWrite = new java.util.concurrent.CountDownLatch(1);
            files.resumeWrite = new java.util.concurrent.CountDownLatch(1);
            journal.append(event("first"));
            java.util.concurrent.CompletableFuture<Void> syncing = java.util.concurrent.CompletableFuture.runAsync(journal::sync);
            assertTrue(files.pausedMidWrite.await(30, java.util.concurrent.TimeUnit.SECONDS), "the writer is stuck in a write");

            int[] appended = {0};
            Thread appender = new Thread(() -> {
                while (journal.stats().lastSeq() < 4000) {
                    journal.append(event("filler"));
                    appended[0]++;
                }
            });
            appender.start();
            TestEvents.awaitCondition(Duration.ofSeconds(30), () -> appender.getState() == Thread.State.WAITING
                    && journal.stats().pendingBytes() > maxPending - 4096, "the appender waits for room");
            assertThat(journal.stats().pendingBytes()).isLessThanOrEqualTo(maxPending);

            files.resumeWrite.countDown();
            appender.join();
            syncing.get(30, java.util.concurrent.TimeUnit.SECONDS);
            journal.sync();
            assertEquals(range(1, 4000), seqs(readAll(journal, 0, 5000)));
            assertEquals(3999, appended[0]);
        }
    }

    @Test
    void eventsReadersWouldRejectAreRefusedWithoutTakingASeq() {
        try (EventJournal journal = quiet().open()) {
            AuditEvent huge = event("x".repeat(NdjsonEvents.DEFAULT_MAX_LINE_BYTES));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> journal.append(huge));
            assertThat(e.getMessage()).contains("token.used").contains("line longer than the limit");
            AuditEvent noTimestamp = AuditEvent.fromMap(java.util.Map.of("message", "x"));
            assertThrows(IllegalArgumentException.class, () -> journal.append(noTimestamp));
            assertEquals(1, journal.append(event("fine")));
        }
    }

    @Test
    void aSecondOpenInTheSameProcessFailsClearly() {
        try (EventJournal journal = quiet().open()) {
            JournalException e = assertThrows(JournalException.class, () -> quiet().open());
            assertThat(e.getMessage()).contains(dir.toString()).contains("already open in this process");
            journal.append(event("still works"));
            journal.sync();
        }
        try (EventJournal again = quiet().open()) {
            assertEquals(2, again.append(event("after release")));
        }
    }

    @Test
    void directoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        JournalException e = assertThrows(JournalException.class, () -> EventJournal.open(file.resolve("journal"), "j"));
        assertThat(e.getMessage()).contains(file.resolve("journal").toString()).contains("choose a writable directory");
    }

    @Test
    void corruptCursorIsAClearErrorAndDeletingItRecovers() throws IOException {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("a"));
        }
        Files.writeString(dir.resolve(CursorFile.NAME), "not-a-number\n");
        JournalException e = assertThrows(JournalException.class, () -> quiet().open());
        assertThat(e.getMessage()).contains("cursor").contains("corrupt").contains("delete it").doesNotContain("not-a-number");
        Files.delete(dir.resolve(CursorFile.NAME));
        try (EventJournal journal = quiet().open()) {
            assertEquals(List.of(1L), seqs(journal.readAfter(0, 10).events()));
        }
    }

    @Test
    void diskFullDuringAWriteLeavesNoPartialLineAndTheEventsAreWrittenOnceSpaceReturns() throws IOException {
        FaultyFiles files = new FaultyFiles();
        try (EventJournal journal = quiet().opener(files).open()) {
            for (int i = 1; i <= 3; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            Path segment = segmentFiles(dir).get(0);
            byte[] before = Files.readAllBytes(segment);

            files.diskFull = true;
            journal.append(event("e4"));
            journal.append(event("e5"));
            JournalException e = assertThrows(JournalException.class, journal::sync);
            assertThat(e.getMessage()).contains("No space left on device").contains("free disk space")
                    .contains(dir.toString());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(segment)), "no partial line was left behind");
            assertEquals(range(1, 3), seqs(journal.readAfter(0, 100).events()));

            files.diskFull = false;
            journal.sync();
            assertEquals(range(1, 5), seqs(journal.readAfter(0, 100).events()));
        }
        try (EventJournal reopened = quiet().open()) {
            assertEquals(0, reopened.stats().tornBytesDroppedOnOpen());
            assertEquals(range(1, 5), seqs(readAll(reopened, 0, 100)));
        }
    }

    @Test
    void readOnlyDirectoryWhenASegmentMustRollKeepsWhatExistsAndRecoversWhenWritable() throws IOException {
        FaultyFiles files = new FaultyFiles();
        try (EventJournal journal = quiet().segmentBytes(1024).opener(files).open()) {
            int n = 0;
            while (segmentFiles(dir).size() < 2) {
                journal.append(event("e" + ++n));
                journal.sync();
            }
            List<Path> segments = segmentFiles(dir);
            Path active = segments.get(1);

            files.refuseOpen = p -> true;
            int queued = 0;
            JournalException failure = null;
            while (failure == null) {
                journal.append(event("q" + ++queued));
                try {
                    journal.sync();
                } catch (JournalException e) {
                    failure = e;
                }
            }
            assertThat(failure.getMessage()).contains("Read-only file system").contains("stay queued");
            assertEquals(segments, segmentFiles(dir), "no segment appeared");
            assertEquals(range(1, n + queued - 1), seqs(readAll(journal, 0, 100)), "everything synced before is readable");
            assertTrue(Files.readString(active).endsWith("\n"), "the active segment ends with a whole line");

            files.refuseOpen = p -> false;
            journal.sync();
            assertEquals(range(1, n + queued), seqs(readAll(journal, 0, 100)));
            assertEquals(3, segmentFiles(dir).size());
        }
    }

    @Test
    void failedFsyncStopsTheJournalUntilReopenedWhichRecoversWhatIsOnDisk() throws IOException {
        FaultyFiles files = new FaultyFiles();
        EventJournal journal = quiet().opener(files).open();
        journal.append(event("e1"));
        journal.sync();
        files.fsyncFails = true;
        journal.append(event("e2"));
        JournalException e = assertThrows(JournalException.class, journal::sync);
        assertThat(e.getMessage()).contains("fsync failed").contains("Input/output error").contains("reopen");
        assertThrows(JournalException.class, () -> journal.append(event("e3")));
        JournalException closing = assertThrows(JournalException.class, journal::close);
        assertThat(closing.getMessage()).contains("1 events not on disk");

        try (EventJournal reopened = quiet().open()) {
            assertEquals(range(1, 2), seqs(readAll(reopened, 0, 100)), "e2 reached the file before the fsync failed");
            assertEquals(3, reopened.append(event("e3")));
        }
    }

    @Test
    void cursorThatCannotBeWrittenLeavesTheCursorAndTheSegmentsAlone() throws IOException {
        FaultyFiles files = new FaultyFiles();
        try (EventJournal journal = quiet().segmentBytes(1024).opener(files).open()) {
            for (int i = 1; i <= 30; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            List<Path> segments = segmentFiles(dir);
            files.refuseOpen = p -> p.getFileName().toString().equals(CursorFile.TEMP_NAME);
            JournalException e = assertThrows(JournalException.class, () -> journal.acknowledge(30));
            assertThat(e.getMessage()).contains("cannot write the cursor").contains("stays at 0");
            assertEquals(0, journal.acknowledged());
            assertEquals(segments, segmentFiles(dir));
            assertFalse(Files.exists(dir.resolve(CursorFile.NAME)));
        }
    }

    @Test
    void interruptedCallerGetsAClearErrorAndTheJournalKeepsWorking() {
        try (EventJournal journal = quiet().open()) {
            journal.append(event("e1"));
            Thread.currentThread().interrupt();
            JournalException e = assertThrows(JournalException.class, journal::sync);
            assertTrue(Thread.interrupted(), "the interrupt flag is restored");
            assertThat(e.getMessage()).contains("interrupted").contains("stay queued");
            journal.sync();
            assertEquals(List.of(1L), seqs(journal.readAfter(0, 10).events()));
        }
    }

    @Test
    void closeSyncsQueuedEventsAndAClosedJournalRefusesUse() {
        EventJournal journal = quiet().open();
        journal.append(event("e1"));
        journal.close();
        assertThrows(IllegalStateException.class, () -> journal.append(event("e2")));
        assertThrows(IllegalStateException.class, () -> journal.readAfter(0, 1));
        journal.close();
        try (EventJournal reopened = quiet().open()) {
            assertEquals(List.of(1L), seqs(reopened.readAfter(0, 10).events()));
        }
    }

    @Test
    void conflictingSettingsAreRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventJournal.builder(dir, "j").syncBatchBytes(64 << 20).open());
        assertThat(e.getMessage()).contains("maxPendingBytes").contains("syncBatchBytes");
        assertThrows(IllegalArgumentException.class, () -> EventJournal.builder(dir, " ").open());
        assertThrows(IllegalArgumentException.class, () -> EventJournal.builder(dir, "j").segmentBytes(10).open());
    }

    @Test
    void emitAsAnEventSinkAppends() {
        try (EventJournal journal = quiet().open()) {
            journal.emit(AuditEvent.builder(EventAction.POLICY_VIOLATION, TestEvents.T0).reason("project X").build());
            journal.sync();
            assertEquals("policy.violation", journal.readAfter(0, 1).events().get(0).action());
        }
    }

    @Test
    void segmentFilesHoldOnlyWholeLines() throws IOException {
        try (EventJournal journal = quiet().segmentBytes(2048).open()) {
            for (int i = 1; i <= 50; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
        }
        for (Path segment : segmentFiles(dir)) {
            String text = Files.readString(segment, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"), segment + " ends with a line break");
            assertEquals(0, NdjsonEvents.defaults().requireSeq(true).parse(text.getBytes(StandardCharsets.UTF_8)).rejectedCount());
        }
    }
}
