package io.jiraaccess.core.journal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for {@link EventJournal}'s recovery and reader: a journal holding durable events gets fuzzed bytes
 * appended to one of its segment files (what a crash, a torn write or disk damage leaves), is reopened and read.
 * <p>An input is a 5-byte header and the garbage (missing header bytes are 0):
 * <ol start="0">
 *   <li>events appended and synced before the damage: {@code b % 25}</li>
 *   <li>which segment gets the garbage, by index among the segment files in name order: {@code b % count}</li>
 *   <li>page size of the paged read: {@code 1 + b % 8}</li>
 *   <li>{@code after} of a positioned read: {@code b % (events + 4)}</li>
 *   <li>seq acknowledged before the damage (deletes the segments it covers): {@code b % (events + 1)}</li>
 * </ol>
 * Properties, for any garbage:
 * <ul>
 *   <li>the journal reopens, and nothing but {@link JournalException} is ever thrown (here: nothing at all);</li>
 *   <li>no durable event after the acknowledged seq is lost or altered, and every event read with a seq the journal
 *   had assigned is the event it wrote under that seq;</li>
 *   <li>seqs come strictly increasing: no duplicate is ever returned;</li>
 *   <li>paged reads ({@link JournalRead#lastSeq()} as the next {@code after}) return exactly the one-shot read, and a
 *   read after any seq returns the one-shot read's events after it;</li>
 *   <li>events appended after recovery get seqs above every seq read, are read back after the old ones, and a
 *   further reopen returns the same events (less acknowledged ones whose segment it deleted); when a damaged last
 *   line claimed a seq so large that none is left up to {@link NdjsonEvents#MAX_SEQ}, appending is refused with
 *   {@link JournalException}.</li>
 * </ul>
 */
class EventJournalFuzzTest {
    private static final int SEGMENT_BYTES = 1024;
    private static final Path BASE = scratchBase();

    static {
        if (System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty()) {
            // recovery warns about every torn line: thousands a second would drown libFuzzer's own output
            Logger.getLogger("io.jiraaccess.core.journal").setLevel(Level.OFF);
        }
    }

    @FuzzTest(maxDuration = "4m")
    void durableEventsSurviveGarbageAppendedToAnySegment(byte[] input) throws IOException {
        int events = header(input, 0) % 25;
        int segmentChoice = header(input, 1);
        int pageSize = 1 + header(input, 2) % 8;
        int after = header(input, 3) % (events + 4);
        int acknowledge = header(input, 4) % (events + 1);
        byte[] garbage = input.length > 5 ? Arrays.copyOfRange(input, 5, input.length) : new byte[0];

        Path dir = Files.createTempDirectory(BASE, "journal-fuzz");
        try {
            List<AuditEvent> before;
            try (EventJournal journal = open(dir)) {
                for (int i = 1; i <= events; i++) {
                    journal.append(event(i));
                }
                journal.sync();
                before = journal.readAfter(0, Integer.MAX_VALUE).events();
                assertEquals(events, before.size(), "events read before the damage");
                if (acknowledge > 0) {
                    journal.acknowledge(acknowledge);
                }
            }
            appendGarbage(dir, segmentChoice, garbage);

            List<AuditEvent> recovered;
            List<AuditEvent> withNew;
            try (EventJournal journal = open(dir)) {
                recovered = journal.readAfter(0, Integer.MAX_VALUE).events();
                assertIncreasingSeqs(recovered);
                assertNothingDurableLostOrAltered(before, acknowledge, recovered);
                assertSameEvents(recovered, readInPages(journal, pageSize), "paged read, " + pageSize + " a page");
                assertSameEvents(recovered.stream().filter(e -> e.seq() > after).limit(pageSize).toList(),
                        journal.readAfter(after, pageSize).events(), "read after " + after);

                long highest = recovered.isEmpty() ? 0 : recovered.get(recovered.size() - 1).seq();
                long lastOnDisk = journal.stats().lastSeq();
                assertTrue(lastOnDisk >= Math.max(highest, events), "recovery continues after seq " + lastOnDisk
                        + ", below what was read or written");
                List<Long> assigned = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    if (lastOnDisk + i > NdjsonEvents.MAX_SEQ) {
                        // a damaged last line claimed (almost) the largest seq: appending is refused, not lost
                        assertThrows(JournalException.class, () -> journal.append(event(1000)));
                        break;
                    }
                    assigned.add(journal.append(event(1000 + i)));
                }
                journal.sync();
                for (long seq : assigned) {
                    assertTrue(seq > Math.max(highest, events), "seq " + seq + " assigned after recovery is not above "
                            + Math.max(highest, events));
                }
                withNew = journal.readAfter(0, Integer.MAX_VALUE).events();
                assertSameEvents(recovered, withNew.subList(0, Math.min(recovered.size(), withNew.size())),
                        "old events read after appending");
                assertEquals(assigned, withNew.subList(recovered.size(), withNew.size()).stream()
                        .map(AuditEvent::seq).toList(), "events appended after recovery");
            }
            try (EventJournal journal = open(dir)) {
                // opening deletes the segments the cursor covers that are no longer the active one
                List<AuditEvent> reopened = journal.readAfter(0, Integer.MAX_VALUE).events();
                assertSameEvents(unacknowledged(withNew, acknowledge), unacknowledged(reopened, acknowledge),
                        "after another reopen");
                assertTrue(withNew.containsAll(reopened), "after another reopen: only events read before");
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static List<AuditEvent> unacknowledged(List<AuditEvent> events, long acknowledged) {
        return events.stream().filter(e -> e.seq() > acknowledged).toList();
    }

    /** Seqs first, so a finding reads as a short list of numbers; then the documents. */
    private static void assertSameEvents(List<AuditEvent> expected, List<AuditEvent> actual, String what) {
        assertEquals(TestEvents.seqs(expected), TestEvents.seqs(actual), what + ": seqs");
        assertEquals(expected, actual, what + ": events");
    }

    private static void assertIncreasingSeqs(List<AuditEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).seq() > events.get(i - 1).seq(), "seq " + events.get(i).seq() + " after "
                    + events.get(i - 1).seq());
        }
    }

    private static void assertNothingDurableLostOrAltered(List<AuditEvent> before, int acknowledged,
                                                          List<AuditEvent> recovered) {
        Map<Long, AuditEvent> read = new HashMap<>();
        recovered.forEach(e -> read.put(e.seq(), e));
        for (AuditEvent e : before) {
            if (e.seq() > acknowledged) {
                assertTrue(read.containsKey(e.seq()), "durable event " + e.seq() + " lost; read "
                        + TestEvents.seqs(recovered));
                assertEquals(e, read.get(e.seq()), "durable event " + e.seq());
            } else if (read.containsKey(e.seq())) {
                assertEquals(e, read.get(e.seq()), "acknowledged event " + e.seq() + " still in a kept segment");
            }
        }
        long assigned = before.size();
        recovered.stream().filter(e -> e.seq() <= assigned).forEach(e ->
                assertEquals(before.get((int) (e.seq() - 1)), e, "event read under the assigned seq " + e.seq()));
    }

    private static List<AuditEvent> readInPages(EventJournal journal, int pageSize) {
        List<AuditEvent> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JournalRead page = journal.readAfter(cursor, pageSize);
            all.addAll(page.events());
            if (!page.hasMore()) {
                return all;
            }
            if (page.events().isEmpty()) {
                // every line up to durableSeq was garbage: nothing further to read
                return all;
            }
            cursor = page.lastSeq();
        }
    }

    private static void appendGarbage(Path dir, int choice, byte[] garbage) throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
        assertTrue(!segments.isEmpty(), "a journal always keeps its active segment");
        Files.write(segments.get(choice % segments.size()), garbage, StandardOpenOption.APPEND);
    }

    private static EventJournal open(Path dir) {
        return EventJournal.builder(dir, "fuzz").segmentBytes(SEGMENT_BYTES).open();
    }

    /** Events of varied sizes, so segments roll at different points. */
    private static AuditEvent event(int n) {
        return AuditEvent.builder(EventAction.TOKEN_USED, TestEvents.T0.plusSeconds(n))
                .message("event " + n + " " + "x".repeat(n * 7 % 50))
                .build();
    }

    private static int header(byte[] input, int i) {
        return i < input.length ? input[i] & 0xFF : 0;
    }

    /** tmpfs where there is one: recovery fsyncs on every open, and the fuzzer opens thousands of journals. */
    private static Path scratchBase() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
