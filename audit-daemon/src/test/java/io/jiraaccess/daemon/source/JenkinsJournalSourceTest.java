package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.index.BatchIndexer;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.ingest.Ingest;
import io.jiraaccess.daemon.ingest.Ingested;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.runner.SourceStatus;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.InMemoryCursorStore;
import io.jiraaccess.daemon.testing.JenkinsStandIn;
import io.jiraaccess.daemon.testing.StderrCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JenkinsJournalSourceTest {
    private static final String TOKEN = "11d3c0ffee5a1t0k3n9876";
    @TempDir
    Path home;
    private EventJournal journal;
    private JenkinsStandIn jenkins;
    private final List<String> messages = new ArrayList<>();
    private final InMemoryCursorStore cursors = new InMemoryCursorStore();

    @BeforeEach
    void start() throws Exception {
        journal = EventJournal.open(home.resolve("journal"), "ci-main");
        jenkins = new JenkinsStandIn(journal, "audit-bot", TOKEN);
        for (int i = 0; i < 25; i++) {
            journal.append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-05-01T10:00:00Z").plusSeconds(i)).build());
        }
        journal.sync();
    }

    @AfterEach
    void stop() {
        jenkins.close();
        journal.close();
        messages.add(String.valueOf(jenkins.acknowledgeRequests));
        for (String m : messages) {
            for (String form : SecretForms.ofBasic("audit-bot", TOKEN)) {
                assertThat(m).doesNotContain(form);
            }
        }
    }

    private JenkinsJournalSource source(String token, Duration timeout) {
        return new JenkinsJournalSource("ci-main", jenkins.url(), "audit-bot", SecretValue.of(token), timeout, Clock.systemUTC());
    }

    private SourceUnavailableException failure(JenkinsJournalSource s) {
        SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, () -> s.read("10", 10));
        messages.add(e.getMessage());
        messages.add(String.valueOf(e.getCause()));
        return e;
    }

    /** The event ids of an answer, as the ingest stage reads its lines. */
    private static List<String> ids(SourceBatch batch) {
        return ingest(batch).documents().stream().map(IndexDocument::eventId).toList();
    }

    private static Ingested ingest(SourceBatch batch) {
        return new Ingest("jenkins-ci-main", null, Clock.systemUTC()).ingest(batch);
    }

    @Test
    void readsTheJournalAfterTheCursorAsTheLinesItStoresAndAReadAcknowledgesNothing() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        SourceBatch first = s.read(null, 10);
        assertEquals(10, first.records().size());
        assertEquals(journal.readAfter(0, 10).lines().stream().map(l -> new String(l, StandardCharsets.UTF_8)).toList(),
                first.records().stream().map(r -> new String(((SourceRecord.Line) r).raw().bytes(), StandardCharsets.UTF_8))
                        .toList(), "each line as the journal stores it");
        assertEquals("ci-main:1", ids(first).get(0));
        assertEquals("10", ingest(first).endPosition());
        assertFalse(first.exhausted());
        SourceBatch rest = s.read("20", 10);
        assertEquals(List.of("ci-main:21", "ci-main:22", "ci-main:23", "ci-main:24", "ci-main:25"), ids(rest));
        assertEquals("25", ingest(rest).endPosition());
        assertTrue(rest.exhausted());
        assertEquals(0, journal.acknowledged(), "reading changes nothing in Jenkins");
        assertEquals(List.of(), jenkins.acknowledgeRequests);
        assertEquals(new Backlog(0, "events"), s.backlog("25"));
        assertEquals(new Backlog(5, "events"), s.backlog("20"));
    }

    @Test
    void serverErrorsTimeoutsAndGarbageAreReportedAsUnavailable() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(1));
        jenkins.fault(JenkinsStandIn.Fault.SERVER_ERROR);
        assertThat(failure(s).getMessage()).isEqualTo("Jenkins ci-main answered HTTP 503 at " + jenkins.url() + "/jira-access/events");
        jenkins.fault(JenkinsStandIn.Fault.GARBAGE);
        assertThat(malformed(s)).startsWith("Jenkins ci-main sent a malformed journal answer (jenkins ci-main response line 2: "
                + "not valid JSON); nothing after seq 10 is read until it is well formed");
        jenkins.fault(JenkinsStandIn.Fault.HTML_ERROR_PAGE);
        assertThat(malformed(s)).startsWith("Jenkins ci-main sent a malformed journal answer (jenkins ci-main response line 1: "
                + "last line has no line break and does not parse (torn write or truncated input)); nothing after seq 10");
        jenkins.fault(JenkinsStandIn.Fault.HANG);
        assertThat(failure(s).getMessage()).isEqualTo("Jenkins ci-main did not answer within 1 s");
        jenkins.fault(JenkinsStandIn.Fault.NONE);
        assertEquals(10, ids(s.read("10", 10)).size());
    }

    /** The message of the refusal of what the source read now. */
    private String malformed(JenkinsJournalSource s) {
        SourceBatch batch = s.read("10", 10);
        SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, () -> ingest(batch));
        messages.add(e.getMessage());
        return e.getMessage();
    }

    /** The plugin serves the lines its journal validated; a line that is not UTF-8 can only be damage on the way. */
    @Test
    void anAnswerWithALineThatIsNotUtf8IsRefusedWhole() {
        jenkins.fault(JenkinsStandIn.Fault.NOT_UTF8);
        assertThat(malformed(source(TOKEN, Duration.ofSeconds(5)))).startsWith("Jenkins ci-main sent a malformed journal "
                + "answer (jenkins ci-main response line 1: not valid UTF-8); nothing after seq 10 is read");
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        jenkins.retryAfterSeconds(7);
        jenkins.fault(JenkinsStandIn.Fault.TOO_MANY_REQUESTS);
        SourceUnavailableException e = failure(s);
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertThat(e.getMessage()).contains("HTTP 429, Retry-After 7 s");
    }

    private SourceRunner runner(JenkinsJournalSource s, BatchIndexer indexer) {
        return new SourceRunner(s, cursors, indexer, new TemplateInstaller(null, IndexTemplateSource.of(Map.of(), Map.of())),
                SourceRunner.Settings.DEFAULT.withBatchSize(10), Clock.systemUTC());
    }

    /** Elasticsearch acknowledges each batch when the test says so. */
    private static final class HeldIndexer implements BatchIndexer {
        final List<CompletableFuture<BatchReceipt>> acks = new CopyOnWriteArrayList<>();
        volatile boolean hold;

        @Override
        public CompletableFuture<BatchReceipt> submit(String sourceId, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
            CompletableFuture<BatchReceipt> ack = new CompletableFuture<>();
            acks.add(ack);
            if (!hold) {
                ack.complete(new BatchReceipt(docs.size(), 0));
            }
            return ack;
        }

        @Override
        public void flush() {
        }
    }

    @Test
    void theJournalIsAcknowledgedByPostOnlyOnceElasticsearchHasEverythingAndTheCursorIsCommitted() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        HeldIndexer indexer = new HeldIndexer();
        indexer.hold = true;
        SourceRunner r = runner(s, indexer);
        CompletableFuture<Void> poll = CompletableFuture.runAsync(r::poll);
        Await.until(Duration.ofSeconds(10), "three batches submitted", () -> indexer.acks.size() == 3);
        assertEquals(List.of(), jenkins.acknowledgeRequests, "nothing indexed yet: nothing acknowledged");
        assertEquals(0, journal.acknowledged());
        indexer.acks.forEach(a -> a.complete(new BatchReceipt(10, 0)));
        poll.join();
        assertEquals("25", cursors.load("jenkins-ci-main").position());
        Await.until(Duration.ofSeconds(10), "seq 25 acknowledged", () -> journal.acknowledged() == 25);
        assertThat(jenkins.acknowledgeRequests).endsWith(25L).allMatch(seq -> seq == 10 || seq == 20 || seq == 25);
        assertNull(r.status().snapshot().warning());
    }

    @Test
    void aPluginWithoutTheEndpointGetsOneWarningNamingTheFixAndIngestionGoesOn() throws Exception {
        jenkins.acknowledgements(JenkinsStandIn.Acknowledgements.NO_ENDPOINT);
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        SourceRunner r = runner(s, new HeldIndexer());
        try (StderrCapture err = new StderrCapture()) {
            r.poll();
            assertEquals("25", cursors.load("jenkins-ci-main").position());
            Await.until(Duration.ofSeconds(10), "a warning", () -> r.status().snapshot().warning() != null);
            for (int i = 26; i <= 30; i++) {
                journal.append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.parse("2026-05-01T11:00:00Z")).build());
            }
            journal.sync();
            r.poll();
            assertEquals("30", cursors.load("jenkins-ci-main").position(), "ingestion goes on");
            Await.until(Duration.ofSeconds(10), "seq 30 asked for", () -> jenkins.acknowledgeRequests.contains(30L));
            String warning = r.status().snapshot().warning();
            assertEquals("Jenkins ci-main has no /jira-access/acknowledge (HTTP 404): upgrade the Jira Access plugin "
                    + "there; until then its journal keeps what the daemon has indexed", warning);
            assertEquals(1, err.text().split("upgrade the Jira Access plugin", -1).length - 1, "warned once");
            messages.add(err.text());
        }
        assertEquals(0, journal.acknowledged());
    }

    @Test
    void aFailedAcknowledgementIsShownAndTriedAgainWithoutHoldingUpIngestion() {
        jenkins.acknowledgements(JenkinsStandIn.Acknowledgements.FAILING);
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        SourceRunner r = runner(s, new HeldIndexer());
        r.poll();
        assertEquals("25", cursors.load("jenkins-ci-main").position());
        Await.until(Duration.ofSeconds(10), "seq 25 asked for", () -> jenkins.acknowledgeRequests.contains(25L));
        Await.until(Duration.ofSeconds(10), () -> "the warning about seq 25, was " + r.status().snapshot().warning(),
                () -> "Jenkins ci-main did not take the acknowledgement of seq 25 (HTTP 503)".equals(
                        r.status().snapshot().warning()));
        assertEquals(SourceStatus.State.IDLE, r.status().snapshot().state(), "the source itself is fine");

        jenkins.acknowledgements(JenkinsStandIn.Acknowledgements.TAKEN);
        r.poll(); // nothing new: the poll's start acknowledges what is committed
        Await.until(Duration.ofSeconds(10), "seq 25 acknowledged", () -> journal.acknowledged() == 25);
        Await.until(Duration.ofSeconds(10), "the warning gone", () -> r.status().snapshot().warning() == null);
        messages.add(String.valueOf(r.status().snapshot().lastError()));
    }

    @Test
    void refusedCredentialsSayWhatToCheckWithoutTheToken() {
        JenkinsJournalSource s = source("wrong-token-value-123", Duration.ofSeconds(5));
        SourceUnavailableException e = failure(s);
        assertThat(e.getMessage()).contains("refused the credentials (HTTP 401)").contains("check jenkins user and apiToken");
        assertThat(e.getMessage()).doesNotContain("wrong-token-value-123");
    }

    @Test
    void anUnreachableJenkinsIsUnavailable() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(2));
        jenkins.close();
        assertThat(failure(s).getMessage()).startsWith("cannot reach Jenkins ci-main at " + jenkins.url());
    }
}
