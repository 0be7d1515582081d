package io.jiraaccess.daemon.runner;

import io.jiraaccess.daemon.index.BatchIndexer;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.IndexingUnavailableException;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.daemon.testing.InMemoryCursorStore;
import io.jiraaccess.daemon.testing.Records;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SourceRunnerTest {
    private static final TemplateInstaller NO_TEMPLATES = new TemplateInstaller(null,
            IndexTemplateSource.of(Map.of(), Map.of()));

    /** A source of numbered events: position = last number read; fails on demand. */
    static final class CountingSource implements EventSource {
        final int total;
        RuntimeException failAfter;
        int failAt = Integer.MAX_VALUE;
        final List<String> reads = new ArrayList<>();
        final List<String> committed = new ArrayList<>();

        CountingSource(int total) {
            this.total = total;
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public SourceBatch read(String position, int maxEvents) {
            reads.add(position);
            int from = position == null ? 0 : Integer.parseInt(position);
            if (from >= failAt && failAfter != null) {
                throw failAfter;
            }
            List<SourceRecord> lines = new ArrayList<>();
            int to = Math.min(total, from + maxEvents);
            for (int i = from + 1; i <= to; i++) {
                lines.add(Records.event("e" + i, i));
            }
            return SourceBatch.of(lines, String.valueOf(to), to >= total, committed::add);
        }
    }

    /** Acknowledges per the given rule; remembers every submitted id. */
    static final class FakeIndexer implements BatchIndexer {
        final List<String> submitted = java.util.Collections.synchronizedList(new ArrayList<>());
        Function<List<IndexDocument>, CompletableFuture<BatchReceipt>> rule =
                docs -> CompletableFuture.completedFuture(new BatchReceipt(docs.size(), 0));

        @Override
        public CompletableFuture<BatchReceipt> submit(String sourceId, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
            docs.forEach(d -> submitted.add(d.eventId()));
            return rule.apply(docs);
        }

        @Override
        public void flush() {
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final InMemoryCursorStore cursors = new InMemoryCursorStore();
    private final FakeIndexer indexer = new FakeIndexer();

    private SourceRunner runner(EventSource source, int batch) {
        return new SourceRunner(source, cursors, indexer, NO_TEMPLATES,
                new SourceRunner.Settings(batch, 3, Duration.ofSeconds(1), Duration.ofSeconds(8)), clock);
    }

    @Test
    void aPollDrainsTheSourceAndSavesTheCursorBatchByBatch() {
        CountingSource source = new CountingSource(10);
        SourceRunner r = runner(source, 4);
        r.poll();
        assertEquals(List.of("4", "8", "10"), cursors.saves);
        assertEquals(List.of("4", "8", "10"), source.committed, "each batch is told its committed position");
        assertEquals(10, indexer.submitted.size());
        SourceStatus.Snapshot s = r.status().snapshot();
        assertEquals(SourceStatus.State.IDLE, s.state());
        assertEquals("10", s.cursor());
        assertEquals(10, s.eventsIndexed());
        assertEquals(0, s.lagSeconds());
    }

    @Test
    void whenElasticsearchFailsABatchTheCursorStaysBeforeItAndLaterBatchesAreNotCommitted() {
        CountingSource source = new CountingSource(12);
        indexer.rule = docs -> docs.get(0).eventId().equals("e5")
                ? CompletableFuture.failedFuture(new IndexingUnavailableException("connection refused"))
                : CompletableFuture.completedFuture(new BatchReceipt(docs.size(), 0));
        SourceRunner r = runner(source, 4);
        assertThatThrownBy(r::poll).isInstanceOf(IndexingUnavailableException.class);
        assertEquals(List.of("4"), cursors.saves);
        assertEquals(SourceStatus.State.PAUSED, r.status().snapshot().state());
        assertEquals(clock.instant().plusSeconds(1), r.status().snapshot().nextAttemptAt());

        // Elasticsearch is back: after the pause, the next poll starts from the saved cursor and re-sends e5..e12
        indexer.rule = docs -> CompletableFuture.completedFuture(new BatchReceipt(docs.size(), 0));
        indexer.submitted.clear();
        r.poll();
        assertEquals(List.of(), indexer.submitted, "still paused: nothing read or sent");
        clock.advance(Duration.ofSeconds(1));
        r.poll();
        assertEquals("12", cursors.load("counting").position());
        assertEquals("e5", indexer.submitted.get(0));
        assertEquals(8, indexer.submitted.size());
        assertEquals(SourceStatus.State.IDLE, r.status().snapshot().state());
    }

    @Test
    void aCursorNeverPassesABatchThatIsNotAcknowledgedEvenIfLaterOnesAre() {
        CountingSource source = new CountingSource(9);
        CompletableFuture<BatchReceipt> slowFirst = new CompletableFuture<>();
        indexer.rule = docs -> docs.get(0).eventId().equals("e1") ? slowFirst
                : CompletableFuture.completedFuture(new BatchReceipt(docs.size(), 0));
        SourceRunner r = runner(source, 3);
        CompletableFuture<Void> poll = CompletableFuture.runAsync(r::poll);
        // the later batches are acknowledged, but the first is not: nothing may be saved
        while (indexer.submitted.size() < 9) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), cursors.saves);
        slowFirst.complete(new BatchReceipt(3, 0));
        poll.join();
        assertEquals(List.of("3", "6", "9"), cursors.saves);
    }

    @Test
    void aFailingSourceBacksOffExponentiallyAndHonoursRetryAfter() {
        CountingSource source = new CountingSource(100);
        source.failAt = 0;
        source.failAfter = new SourceUnavailableException("Jenkins ci answered HTTP 503");
        SourceRunner r = runner(source, 10);
        assertThatThrownBy(r::poll).isInstanceOf(SourceUnavailableException.class).hasMessageContaining("next attempt in 1 s");
        SourceStatus.Snapshot s = r.status().snapshot();
        assertEquals(SourceStatus.State.BACKING_OFF, s.state());
        assertEquals("Jenkins ci answered HTTP 503", s.lastError());
        assertEquals(clock.instant().plusSeconds(1), s.nextAttemptAt());

        r.poll(); // within the back-off: skipped, the source is not even read
        assertEquals(1, source.reads.size());

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(r::poll).hasMessageContaining("next attempt in 2 s");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(r::poll).hasMessageContaining("next attempt in 4 s");
        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(r::poll).hasMessageContaining("next attempt in 8 s");
        clock.advance(Duration.ofSeconds(8));
        assertThatThrownBy(r::poll).hasMessageContaining("next attempt in 8 s"); // capped at backoffMax
        assertEquals(5, r.status().snapshot().consecutiveFailures());

        source.failAfter = new SourceUnavailableException("HTTP 429", Duration.ofSeconds(30), null);
        clock.advance(Duration.ofSeconds(8));
        assertThatThrownBy(r::poll).hasMessageContaining("next attempt in 30 s");

        source.failAfter = null;
        clock.advance(Duration.ofSeconds(30));
        r.poll();
        SourceStatus.Snapshot ok = r.status().snapshot();
        assertEquals(SourceStatus.State.IDLE, ok.state());
        assertEquals(0, ok.consecutiveFailures());
        assertNull(ok.nextAttemptAt());
        assertEquals("100", ok.cursor());
    }

    @Test
    void progressBeforeASourceFailureIsKept() {
        CountingSource source = new CountingSource(100);
        source.failAt = 20;
        source.failAfter = new SourceUnavailableException("timeout");
        SourceRunner r = runner(source, 10);
        assertThatThrownBy(r::poll).isInstanceOf(SourceUnavailableException.class);
        assertEquals("20", cursors.load("counting").position());
    }

    @Test
    void lagIsTheTimeSinceTheSourceWasLastCaughtUp() {
        CountingSource source = new CountingSource(5);
        SourceRunner r = runner(source, 10);
        r.poll();
        source.failAt = 5;
        source.failAfter = new SourceUnavailableException("down");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(r::poll).isInstanceOf(SourceUnavailableException.class);
        clock.advance(Duration.ofSeconds(41));
        assertEquals(42, r.status().snapshot().lagSeconds());
    }

    /** A Jenkins journal's answers, given by the test; what the runner had acknowledged. */
    static final class JournalSource implements EventSource {
        final Deque<List<String>> answers = new ArrayDeque<>();
        final List<String> acknowledged = new ArrayList<>();

        @Override
        public String id() {
            return "jenkins-ci";
        }

        @Override
        public String kind() {
            return "jenkins";
        }

        @Override
        public SourceBatch read(String position, int maxRecords) {
            List<String> lines = answers.isEmpty() ? List.of() : answers.poll();
            List<SourceRecord> records = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                records.add(Records.line(lines.get(i), i + 1));
            }
            long after = position == null ? 0 : Long.parseLong(position);
            return SourceBatch.journal(records, new SourceBatch.JournalAnswer(after, "Jenkins ci"),
                    lines.size() < maxRecords, acknowledged::add);
        }
    }

    private static String journalLine(long seq) {
        return "{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"ci:" + seq + "\"},\"jira_access\":{\"seq\":"
                + seq + "}}";
    }

    @Test
    void aJournalAnswerEndsAtItsLastSeqWhichIsCommittedAndThenAcknowledged() {
        JournalSource source = new JournalSource();
        source.answers.add(List.of(journalLine(3), journalLine(7)));
        SourceRunner r = runner(source, 10);
        r.poll();
        assertEquals(List.of("ci:3", "ci:7"), indexer.submitted);
        assertEquals(List.of("7"), cursors.saves);
        assertEquals(List.of("7"), source.acknowledged);
        r.poll(); // an empty answer: nothing new to commit or acknowledge
        assertEquals(List.of("7"), cursors.saves);
        assertEquals(List.of("7"), source.acknowledged);
    }

    @Test
    void aJournalAnswerThatIsNotAnIncreasingRunOfEventsIsRefusedWholeAndNothingIsCommitted() {
        Map<List<String>, String> answers = Map.of(
                List.of(journalLine(3), "%%% not json", journalLine(9)), "f line 2: not valid JSON",
                List.of(journalLine(5), journalLine(5)), "f line 2: seq 5 does not follow 5",
                List.of("{\"@timestamp\":\"2026-03-14T10:00:00Z\",\"event\":{\"id\":\"x\"}}"),
                "f line 1: missing or invalid jira_access.seq",
                List.of(journalLine(4) + journalLine(5)), "f line 1: data after the JSON object");
        answers.forEach((answer, reason) -> {
            JournalSource source = new JournalSource();
            source.answers.add(answer);
            SourceRunner r = runner(source, 10);
            assertThatThrownBy(r::poll).isInstanceOf(SourceUnavailableException.class).hasMessageStartingWith(
                    "Jenkins ci sent a malformed journal answer (" + reason + "); nothing after seq 0 is read until it "
                            + "is well formed");
            assertEquals(SourceStatus.State.BACKING_OFF, r.status().snapshot().state(), reason);
        });
        assertEquals(List.of(), indexer.submitted);
        assertEquals(List.of(), cursors.saves);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
