package io.jiraaccess.core.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.jiraaccess.core.journal.TestEvents.event;
import static io.jiraaccess.core.journal.TestEvents.readAll;
import static io.jiraaccess.core.journal.TestEvents.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal nobody acknowledges stays under its size cap, and what the cap deletes unread is counted and reported. */
class EventJournalCapTest {
    private static final long SEGMENT = 1024;
    private static final long CAP = 4 * SEGMENT;

    @TempDir
    Path dir;

    private EventJournal.Builder capped() {
        return EventJournal.builder(dir, "jenkins-a").syncInterval(Duration.ofHours(1)).segmentBytes(SEGMENT)
                .maxRetainedBytes(CAP);
    }

    private long bytesOnDisk() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("segment-")).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    @Test
    void anUnacknowledgedJournalStaysUnderItsCapAndCountsWhatItDropped() throws IOException {
        try (EventJournal journal = capped().open()) {
            for (int i = 1; i <= 200; i++) {
                journal.append(event("e" + i));
                if (i % 10 == 0) {
                    journal.sync();
                }
            }
            journal.sync();
            JournalStats stats = journal.stats();

            assertThat(bytesOnDisk()).isLessThanOrEqualTo(CAP);
            assertEquals(bytesOnDisk(), stats.retainedBytes());
            assertEquals(CAP, stats.maxRetainedBytes());
            // every seq below the oldest retained one was deleted unread, and counted
            assertEquals(stats.oldestSeq() - 1, stats.droppedEvents());
            assertEquals(stats.oldestSeq() - 1, stats.lastDroppedSeq());
            assertThat(stats.droppedEvents()).isGreaterThan(100);
            // a reader behind the gap gets the oldest retained events and sees the gap in seq
            List<Long> read = seqs(readAll(journal, 0, 50));
            assertEquals(stats.oldestSeq(), read.get(0));
            assertEquals(200L, read.get(read.size() - 1));
            assertEquals(List.of(stats.droppedEvents() + " audit events (up to seq " + stats.lastDroppedSeq()
                    + ") were deleted before the audit daemon acknowledged them, because the journal reached its size "
                    + "cap of 0.0 MiB; check that the daemon is running and can reach Jenkins, or raise the cap"),
                    stats.capWarnings().subList(0, 1));
        }
        try (EventJournal reopened = capped().open()) {
            JournalStats stats = reopened.stats();
            assertThat(stats.droppedEvents()).as("the count survives a restart").isGreaterThan(100);
            assertEquals(stats.oldestSeq() - 1, stats.lastDroppedSeq());
        }
    }

    @Test
    void acknowledgedEventsAreNotCountedAsDropped() {
        try (EventJournal journal = capped().open()) {
            for (int i = 1; i <= 200; i++) {
                journal.append(event("e" + i));
                if (i % 10 == 0) {
                    journal.sync();
                    journal.acknowledge(i);
                }
            }
            journal.sync();
            assertEquals(0, journal.stats().droppedEvents());
            assertEquals(List.of(), journal.stats().capWarnings());
        }
    }

    @Test
    void aJournalNearItsCapWarnsBeforeAnythingIsDropped() {
        try (EventJournal journal = EventJournal.builder(dir, "jenkins-a").syncInterval(Duration.ofHours(1))
                .segmentBytes(SEGMENT).maxRetainedBytes(100 * SEGMENT).open()) {
            int i = 0;
            while (!journal.stats().nearCap()) {
                journal.append(event("e" + ++i));
                journal.sync();
            }
            JournalStats stats = journal.stats();
            assertEquals(0, stats.droppedEvents());
            assertThat(stats.retainedBytes()).isGreaterThanOrEqualTo((long) (0.8 * 100 * SEGMENT));
            assertEquals(1, stats.capWarnings().size());
            assertThat(stats.capWarnings().get(0)).startsWith("the event journal holds ")
                    .contains("the audit daemon has acknowledged up to seq 0 of " + i);
        }
    }

    @Test
    void withoutACapNothingUnacknowledgedIsDeleted() {
        try (EventJournal journal = capped().maxRetainedBytes(0).open()) {
            for (int i = 1; i <= 200; i++) {
                journal.append(event("e" + i));
            }
            journal.sync();
            assertEquals(1, journal.stats().oldestSeq());
            assertEquals(200, readAll(journal, 0, 50).size());
            assertTrue(journal.stats().capWarnings().isEmpty());
        }
    }

    @Test
    void aCapSmallerThanTwoSegmentsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> capped().maxRetainedBytes(SEGMENT).open());
        assertEquals("maxRetainedBytes (1024) must be 0 (no cap) or at least two segments (2 x 1024 bytes)", e.getMessage());
    }
}
