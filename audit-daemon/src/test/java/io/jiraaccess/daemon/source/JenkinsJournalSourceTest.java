package io.jiraaccess.daemon.source;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.testing.JenkinsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void readsTheJournalAfterTheCursorAndAcknowledgesIt() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(5));
        SourceBatch first = s.read(null, 10);
        assertEquals(10, first.documents().size());
        assertEquals("ci-main:1", first.documents().get(0).eventId());
        assertEquals("10", first.endPosition());
        assertFalse(first.exhausted());
        SourceBatch rest = s.read("20", 10);
        assertEquals(List.of("ci-main:21", "ci-main:22", "ci-main:23", "ci-main:24", "ci-main:25"),
                rest.documents().stream().map(IndexDocument::eventId).toList());
        assertTrue(rest.exhausted());
        assertEquals(20, journal.acknowledged());
        assertEquals(new Backlog(0, "events"), s.backlog("25"));
        assertEquals(new Backlog(5, "events"), s.backlog("20"));
    }

    @Test
    void serverErrorsTimeoutsAndGarbageAreReportedAsUnavailable() {
        JenkinsJournalSource s = source(TOKEN, Duration.ofSeconds(1));
        jenkins.fault(JenkinsStandIn.Fault.SERVER_ERROR);
        assertThat(failure(s).getMessage()).isEqualTo("Jenkins ci-main answered HTTP 503 at " + jenkins.url() + "/jira-access/events");
        jenkins.fault(JenkinsStandIn.Fault.GARBAGE);
        assertThat(failure(s).getMessage()).contains("malformed journal answer (line 2: not a JSON object");
        jenkins.fault(JenkinsStandIn.Fault.HTML_ERROR_PAGE);
        assertThat(failure(s).getMessage()).contains("malformed journal answer (line 1: not a JSON object");
        jenkins.fault(JenkinsStandIn.Fault.HANG);
        assertThat(failure(s).getMessage()).isEqualTo("Jenkins ci-main did not answer within 1 s");
        jenkins.fault(JenkinsStandIn.Fault.NONE);
        assertEquals(10, s.read("10", 10).documents().size());
    }

    /** The journal is read from its bytes; a byte that is not UTF-8 is read as a replacement character, as before. */
    @Test
    void aByteThatIsNotUtf8IsReadAsAReplacementCharacter() {
        jenkins.fault(JenkinsStandIn.Fault.NOT_UTF8);
        SourceBatch batch = source(TOKEN, Duration.ofSeconds(5)).read("10", 10);
        assertEquals(1, batch.documents().size());
        IndexDocument d = batch.documents().get(0);
        assertEquals("ci-main:11", d.eventId());
        assertThat(d.jsonText()).contains("\"message\":\"a\ufffdb\"");
        assertEquals("11", batch.endPosition());
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

    @Test
    void retryAfterAcceptsSecondsAndHttpDatesAndIsCapped() {
        Clock fixed = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
        JenkinsJournalSource s = new JenkinsJournalSource("x", jenkins.url(), "u", SecretValue.of(TOKEN), Duration.ofSeconds(1), fixed);
        assertEquals(Duration.ofSeconds(120), s.retryAfter("120"));
        assertEquals(Duration.ofSeconds(90), s.retryAfter("Fri, 01 May 2026 10:01:30 GMT"));
        assertEquals(Duration.ZERO, s.retryAfter("Fri, 01 May 2026 09:00:00 GMT"));
        assertEquals(JenkinsJournalSource.MAX_RETRY_AFTER, s.retryAfter("999999"));
        assertNull(s.retryAfter("soon"));
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
