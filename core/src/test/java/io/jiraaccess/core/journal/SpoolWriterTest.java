package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.jiraaccess.core.journal.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoolWriterTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(TestEvents.T0, ZoneOffset.UTC);

    private SpoolWriter.Builder writer() {
        return SpoolWriter.builder(dir, "gitlab-ci").runId("pipeline-42").clock(clock);
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static List<String> ids(Path file) throws IOException {
        return NdjsonEvents.defaults().parse(Files.readAllBytes(file)).events().stream().map(AuditEvent::id).toList();
    }

    @Test
    void eachFlushWritesOneCompleteFileWithRunScopedIds() throws IOException {
        try (SpoolWriter spool = writer().build()) {
            spool.emit(event("a"));
            spool.emit(event("b"));
            spool.emit(event("c"));
            Path first = spool.flush();
            assertThat(first.getFileName().toString()).matches("events-20250301T101530000Z-[0-9a-f]{16}\\.ndjson");
            assertEquals(List.of("gitlab-ci:pipeline-42:1", "gitlab-ci:pipeline-42:2", "gitlab-ci:pipeline-42:3"), ids(first));
            assertNull(spool.flush(), "nothing buffered, no file");

            spool.emit(event("d"));
            Path second = spool.flush();
            assertEquals(List.of("gitlab-ci:pipeline-42:4"), ids(second));
            assertEquals(List.of(first, second).stream().sorted().toList(), SpoolFiles.list(dir));
            assertEquals(2, allFiles().size(), "no temporary file is left behind");
        }
    }

    @Test
    void spooledEventsKeepTheirContentAndGainTheServiceName() throws IOException {
        AuditEvent original = event("content");
        Path file;
        try (SpoolWriter spool = writer().build()) {
            spool.emit(original);
            file = spool.flush();
        }
        AuditEvent spooled = NdjsonEvents.defaults().parse(Files.readAllBytes(file)).events().get(0);
        assertEquals(original.toBuilder().id("gitlab-ci:pipeline-42:1").service("gitlab-ci").build(), spooled);
    }

    @Test
    void closeFlushesAndAFullBufferFlushesByItself() throws IOException {
        SpoolWriter spool = writer().maxBufferedEvents(2).build();
        spool.emit(event("a"));
        assertEquals(0, SpoolFiles.list(dir).size());
        spool.emit(event("b"));
        assertEquals(1, SpoolFiles.list(dir).size());
        spool.emit(event("c"));
        spool.close();
        List<Path> files = SpoolFiles.list(dir);
        assertEquals(2, files.size());
        assertEquals(List.of("gitlab-ci:pipeline-42:1", "gitlab-ci:pipeline-42:2", "gitlab-ci:pipeline-42:3"),
                files.stream().flatMap(f -> {
                    try {
                        return ids(f).stream();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).sorted().toList());
    }

    @Test
    void aHalfWrittenFileIsNeverVisibleUnderItsFinalName() throws Exception {
        FaultyFiles files = new FaultyFiles();
        files.pausedMidWrite = new CountDownLatch(1);
        files.resumeWrite = new CountDownLatch(1);
        SpoolWriter spool = writer().opener(files).build();
        for (int i = 0; i < 50; i++) {
            spool.emit(event("e" + i));
        }
        CompletableFuture<Path> flushing = CompletableFuture.supplyAsync(spool::flush);
        assertTrue(files.pausedMidWrite.await(30, TimeUnit.SECONDS), "the write started");

        List<Path> during = allFiles();
        assertEquals(1, during.size());
        String tmpName = during.get(0).getFileName().toString();
        assertThat(tmpName).startsWith(".events-").endsWith(".ndjson.tmp");
        assertTrue(Files.size(during.get(0)) > 0, "the temporary file holds a partial write");
        assertEquals(List.of(), SpoolFiles.list(dir), "readers see no complete file yet");

        files.resumeWrite.countDown();
        Path written = flushing.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(written), allFiles());
        NdjsonEvents.Batch batch = NdjsonEvents.defaults().parse(Files.readAllBytes(written));
        assertEquals(50, batch.events().size());
        assertEquals(0, batch.rejectedCount());
    }

    @Test
    void aFailedFlushLeavesNoFileAndKeepsTheEventsForTheNextOne() throws IOException {
        FaultyFiles files = new FaultyFiles();
        SpoolWriter spool = writer().opener(files).build();
        spool.emit(event("a"));
        spool.emit(event("b"));
        files.diskFull = true;
        JournalException e = assertThrows(JournalException.class, spool::flush);
        assertThat(e.getMessage()).contains(dir.toString()).contains("No space left on device").contains("2 events")
                .contains("stay buffered");
        assertEquals(List.of(), allFiles(), "neither a partial final file nor a temporary one");
        assertEquals(2, spool.buffered());

        files.diskFull = false;
        Path written = spool.flush();
        assertEquals(List.of("gitlab-ci:pipeline-42:1", "gitlab-ci:pipeline-42:2"), ids(written));
        assertEquals(0, spool.buffered());
    }

    @Test
    void readOnlySpoolDirectoryIsAClearErrorAndNothingIsLost() throws IOException {
        FaultyFiles files = new FaultyFiles();
        files.readOnly = true;
        SpoolWriter spool = writer().opener(files).build();
        spool.emit(event("a"));
        JournalException e = assertThrows(JournalException.class, spool::flush);
        assertThat(e.getMessage()).contains("Read-only file system").contains("make the directory writable");
        assertEquals(1, spool.buffered());
        assertEquals(List.of(), allFiles());
    }

    @Test
    void eventsStopBeingAcceptedWhenFlushesKeepFailing() {
        FaultyFiles files = new FaultyFiles();
        files.readOnly = true;
        SpoolWriter spool = writer().opener(files).maxBufferedEvents(1).build();
        for (int i = 0; i < 10; i++) {
            int n = i;
            assertThrows(JournalException.class, () -> spool.emit(event("e" + n)), "the automatic flush fails");
        }
        JournalException refused = assertThrows(JournalException.class, () -> spool.emit(event("e10")));
        assertThat(refused.getMessage()).contains("10 events wait").contains("refused");
        assertEquals(10, spool.buffered());
    }

    @Test
    void readersIgnoreTemporaryAndHiddenNames() throws IOException {
        Files.writeString(dir.resolve(".events-20250301T101530000Z-0011223344556677.ndjson.tmp"), "{");
        Files.writeString(dir.resolve(".hidden.ndjson"), "{");
        Files.writeString(dir.resolve("notes.txt"), "x");
        Path complete = Files.writeString(dir.resolve("events-20250301T101530000Z-0011223344556677.ndjson"), "");
        assertEquals(List.of(complete), SpoolFiles.list(dir));
        assertEquals(List.of(), SpoolFiles.list(dir.resolve("absent")));
    }

    @Test
    void eventsReadersWouldRejectAreRefused() {
        SpoolWriter spool = writer().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spool.emit(event("x".repeat(NdjsonEvents.DEFAULT_MAX_LINE_BYTES))));
        assertThat(e.getMessage()).contains("line longer than the limit");
        assertEquals(0, spool.buffered());
        spool.emit(event("fine"));
        assertEquals(1, spool.buffered());
    }

    @Test
    void runIdMustBeUsableInEventIdsAndDefaultsToOneThatIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpoolWriter.builder(dir, "ci").runId("a:b").build());
        assertThat(e.getMessage()).contains("'a:b'").contains("letters, digits");
        assertThrows(IllegalArgumentException.class, () -> SpoolWriter.builder(dir, "").build());
        String generated = SpoolWriter.builder(dir, "ci").clock(clock).build().runId();
        assertThat(generated).matches("20250301T101530000Z-[0-9a-f]{8}");
    }
}
