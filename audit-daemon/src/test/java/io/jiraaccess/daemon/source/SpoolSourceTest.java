package io.jiraaccess.daemon.source;

import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.ingest.Ingest;
import io.jiraaccess.daemon.ingest.Ingested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoolSourceTest {
    @TempDir
    Path dir;

    static String event(String id) {
        return "{\"@timestamp\":\"2026-05-01T12:00:00Z\",\"event\":{\"id\":\"" + id + "\",\"action\":\"token.used\"}}";
    }

    private void spool(String name, String... lines) throws Exception {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name));
    }

    /** What the ingest stage makes of a batch. */
    private static Ingested ingest(SourceBatch b) {
        return new Ingest("spool", null, Clock.systemUTC()).ingest(b);
    }

    private static List<String> ids(SourceBatch b) {
        return ingest(b).documents().stream().map(IndexDocument::eventId).toList();
    }

    private static List<DeadLetterEntry> dead(SourceBatch b) {
        return ingest(b).deadLetters();
    }

    @Test
    void onlyFinishedFilesAreReadInNameOrderAndMovedToDoneAfterCommit() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("b.ndjson", event("b1"));
        spool("a.ndjson", event("a1"), event("a2"));
        Files.writeString(dir.resolve(".c.ndjson"), event("hidden") + "\n");
        Files.writeString(dir.resolve("d.ndjson.tmp"), event("unfinished") + "\n");

        SourceBatch batch = s.read(null, 100);
        assertEquals(List.of("a1", "a2", "b1"), ids(batch));
        assertTrue(batch.exhausted());
        assertTrue(Files.exists(dir.resolve("a.ndjson")), "nothing moves before the commit");
        batch.afterCommit().accept(batch.endPosition());
        assertTrue(Files.exists(dir.resolve("done/a.ndjson")));
        assertTrue(Files.exists(dir.resolve("done/b.ndjson")));
        assertTrue(Files.exists(dir.resolve(".c.ndjson")));
        assertTrue(Files.exists(dir.resolve("d.ndjson.tmp")));
        assertEquals(List.of(), ids(s.read(batch.endPosition(), 100)));
    }

    @Test
    void batchesResumeInsideAFileFromTheirEndPosition() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", IntStream.rangeClosed(1, 5).mapToObj(i -> event("e" + i)).toArray(String[]::new));
        SourceBatch first = s.read(null, 2);
        SourceBatch second = s.read(first.endPosition(), 2);
        SourceBatch third = s.read(second.endPosition(), 2);
        assertEquals(List.of("e1", "e2"), ids(first));
        assertEquals(List.of("e3", "e4"), ids(second));
        assertEquals(List.of("e5"), ids(third));
        assertFalse(first.exhausted());
        assertTrue(third.exhausted());
        // a restart from the committed cursor of the first batch reads the same events again, no more, no fewer
        assertEquals(List.of("e3", "e4"), ids(new SpoolSource(dir).read(first.endPosition(), 2)));
    }

    @Test
    void linesCrossingReadBuffersAndAFinalLineWithoutNewlineKeepExactOffsets() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        // about 1 KiB per line, 300 lines: several 64 KiB read buffers, lines split across their edges
        List<String> lines = IntStream.rangeClosed(1, 300).mapToObj(i -> "{\"@timestamp\":\"2026-05-01T12:00:00Z\","
                + "\"event\":{\"id\":\"e" + i + "\"},\"message\":\"" + "ü".repeat(i % 7) + "x".repeat(900 + i) + "\"}").toList();
        Path tmp = dir.resolve(".big.tmp");
        Files.writeString(tmp, String.join("\n", lines), StandardCharsets.UTF_8); // no newline after the last line
        Files.move(tmp, dir.resolve("big.ndjson"));
        List<String> read = new ArrayList<>();
        String position = null;
        SourceBatch b;
        do {
            // a fresh source each time: every batch resumes from the byte offset the previous one ended at
            b = new SpoolSource(dir).read(position, 7);
            read.addAll(ids(b));
            position = b.endPosition();
        } while (!b.exhausted());
        assertEquals(IntStream.rangeClosed(1, 300).mapToObj(i -> "e" + i).toList(), read);
        SpoolPosition end = SpoolPosition.decode(position);
        assertEquals(Files.size(dir.resolve("big.ndjson")), end.offset());
        assertEquals(300, end.line());
        assertTrue(end.eof());
        List<IndexDocument> last = ingest(b).documents();
        assertEquals(lines.get(299), new String(last.get(last.size() - 1).json(), StandardCharsets.UTF_8));
        assertEquals(List.of(), s.read(position, 7).records());
    }

    @Test
    void garbageLinesAreDeadLetteredWithTheirLineAndTheRestIsRead() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", event("e1"), "not json", "", event("e2"), "{\"no\":\"timestamp\"}");
        SourceBatch b = s.read(null, 100);
        assertEquals(List.of("e1", "e2"), ids(b));
        List<DeadLetterEntry> dead = dead(b);
        assertEquals(2, dead.size());
        assertEquals("spool/a.ndjson line 2: not valid JSON", dead.get(0).letter().errorMessage());
        assertEquals("not json", dead.get(0).letter().original());
        assertEquals(DeadLetterEntry.NOT_AN_EVENT, dead.get(0).letter().errorType());
        assertEquals("spool", dead.get(0).letter().source());
        assertEquals("spool/a.ndjson line 5: " + NdjsonEvents.Reason.NOT_AN_EVENT.description(),
                dead.get(1).letter().errorMessage());
        assertEquals(dead.get(0).id(), dead(new SpoolSource(dir).read(null, 100)).get(0).id(),
                "a re-read gives the same dead-letter id");
    }

    /** Issue 14, finding 9: nothing after an event's object is quietly dropped. */
    @Test
    void aLineWithDataAfterItsObjectIsDeadLetteredWholeAndWhitespaceAroundAnEventIsFine() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", event("e1") + event("e2"), event("e3") + " xyz", "  " + event("e4") + "\t ", event("e5") + "}");
        SourceBatch b = s.read(null, 100);
        assertEquals(List.of("e4"), ids(b));
        List<DeadLetterEntry> dead = dead(b);
        assertEquals(List.of("spool/a.ndjson line 1: data after the JSON object",
                        "spool/a.ndjson line 2: data after the JSON object", "spool/a.ndjson line 4: data after the JSON object"),
                dead.stream().map(d -> d.letter().errorMessage()).toList());
        assertEquals(event("e1") + event("e2"), dead.get(0).letter().original(), "the whole line");
    }

    @Test
    void aFileWithoutAnyEventIsQuarantinedWithAReason() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", "garbage", "{\"also\":\"no timestamp\"}");
        spool("b.ndjson", event("b1"));
        SourceBatch batch = s.read(null, 100);
        assertEquals(List.of("b1"), ids(batch));
        assertTrue(Files.exists(dir.resolve("quarantine/a.ndjson")));
        String reason = Files.readString(dir.resolve("quarantine/a.ndjson.reason"));
        assertThat(reason).contains("2 line(s), none of them an event").contains("line 1: not valid JSON")
                .contains("line 2: missing or invalid @timestamp");
    }

    @Test
    void invalidUtf8AndOverlongLinesAreRejectedNotFatal() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
        Path tmp = dir.resolve(".x");
        Files.write(tmp, (event("e1") + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(tmp, bad, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(tmp, "x".repeat(NdjsonEvents.DEFAULT_MAX_LINE_BYTES + 10) + "\n" + event("e2"),
                java.nio.file.StandardOpenOption.APPEND);
        Files.move(tmp, dir.resolve("a.ndjson"));
        SourceBatch b = s.read(null, 100);
        assertEquals(List.of("e1", "e2"), ids(b));
        assertEquals(List.of("spool/a.ndjson line 2: not valid UTF-8",
                        "spool/a.ndjson line 3: line longer than " + NdjsonEvents.DEFAULT_MAX_LINE_BYTES + " bytes"),
                dead(b).stream().map(d -> d.letter().errorMessage()).toList());
        assertEquals(64 * 1024, dead(b).get(1).letter().original().length(), "its beginning is kept");
        assertTrue(b.exhausted(), "the last line without a newline still ends the file");
    }

    @Test
    void resumeMovesAFileWhoseCommitHappenedButWhoseMoveDidNot() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", event("a1"));
        SourceBatch b = s.read(null, 100);
        // crash: cursor saved at b.endPosition(), afterCommit never ran
        new SpoolSource(dir).resume(b.endPosition());
        assertTrue(Files.exists(dir.resolve("done/a.ndjson")));
        assertFalse(Files.exists(dir.resolve("a.ndjson")));
    }

    @Test
    void aFileArrivingWithAnEarlierNameIsReadOnTheNextPoll() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("m.ndjson", event("m1"));
        SourceBatch b = s.read(null, 100);
        b.afterCommit().accept(b.endPosition());
        spool("a.ndjson", event("a1"));
        assertEquals(List.of("a1"), ids(s.read(b.endPosition(), 100)));
    }

    @Test
    void backlogCountsTheBytesNotYetCommitted() throws Exception {
        SpoolSource s = new SpoolSource(dir);
        spool("a.ndjson", event("a1"), event("a2"));
        long size = Files.size(dir.resolve("a.ndjson"));
        assertEquals(new Backlog(size, "bytes"), s.backlog(null));
        SourceBatch b = s.read(null, 1);
        assertEquals(new Backlog(size - (event("a1").length() + 1), "bytes"), s.backlog(b.endPosition()));
        List<String> all = new ArrayList<>(ids(b));
        all.addAll(ids(s.read(b.endPosition(), 5)));
        assertEquals(List.of("a1", "a2"), all);
    }
}
