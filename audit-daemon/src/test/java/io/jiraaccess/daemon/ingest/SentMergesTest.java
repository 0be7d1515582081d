package io.jiraaccess.daemon.ingest;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.IndexDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentMergesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String SITE = "https://jira.example.com";

    private static AuditEvent used(String credential, Instant at, String fingerprint) {
        return AuditEvent.builder(EventAction.TOKEN_USED, at).id("ci:" + at.toEpochMilli()).outcome(true)
                .service("ci-main").jira(SITE, "datacenter")
                .credential(credential, "pat", fingerprint, null, null, null).build();
    }

    private static final long STEP = SentMerges.TIME_STEP.toSeconds();

    /** One batch's merges, as a source builds them, not the last of its poll. */
    private static List<IndexDocument> batch(SentMerges sent, AuditEvent... events) {
        return batch(sent, false, events);
    }

    private static List<IndexDocument> batch(SentMerges sent, boolean lastOfPoll, AuditEvent... events) {
        CredentialUpdates updates = new CredentialUpdates("jenkins");
        for (AuditEvent e : events) {
            updates.observe(Facts.of(e));
        }
        return updates.merges(sent, lastOfPoll).stream().map(Facts::document).toList();
    }

    @Test
    void withinAPollAMergeIsSentAgainOnlyWhenItSaysSomethingNew() {
        SentMerges sent = new SentMerges();
        assertEquals(2, batch(sent, used("a", T0, "fp-a"), used("b", T0, "fp-b")).size(), "first merges: sent");
        assertEquals(0, batch(sent, used("a", T0.plusSeconds(30), "fp-a"), used("b", T0.plusSeconds(STEP - 1), "fp-b")).size(),
                "same credentials, used again within the step: nothing new");

        List<IndexDocument> later = batch(sent, used("a", T0.plusSeconds(STEP), "fp-a"), used("b", T0.plusSeconds(STEP + 1), "fp-b2"));
        assertEquals(2, later.size(), "a step later, and a new fingerprint: both sent");
        assertTrue(later.get(0).jsonText().contains("\"last_used_at\":\"" + T0.plusSeconds(STEP) + "\""), later.get(0).jsonText());
        assertTrue(later.get(1).jsonText().contains("fp-b2"), later.get(1).jsonText());

        assertEquals(0, batch(sent, used("a", T0.plusSeconds(STEP + STEP / 2), "fp-a")).size(), "the step counts from the last sent");
        assertEquals(1, batch(sent, used("a", T0.plusSeconds(2 * STEP), "fp-a")).size());
    }

    /** What a poll held back goes out with its last batch, even for credentials that last batch does not mention. */
    @Test
    void thePollsLastBatchSendsTheLatestStateOfEveryHeldBackMerge() {
        SentMerges sent = new SentMerges();
        batch(sent, used("a", T0, "fp-a"), used("b", T0, "fp-b"));
        assertEquals(0, batch(sent, used("a", T0.plusSeconds(40), "fp-a"), used("b", T0.plusSeconds(50), "fp-b")).size());
        assertEquals(0, batch(sent, used("a", T0.plusSeconds(45), "fp-a")).size());

        List<IndexDocument> last = batch(sent, true, used("c", T0.plusSeconds(60), "fp-c"));
        assertEquals(List.of("ci|" + SITE + "|c", "ci|" + SITE + "|a", "ci|" + SITE + "|b"),
                last.stream().map(IndexDocument::eventId).toList(), "c is new; a and b were held back");
        assertTrue(last.get(1).jsonText().contains("\"last_used_at\":\"" + T0.plusSeconds(45) + "\""), last.get(1).jsonText());
        assertTrue(last.get(2).jsonText().contains("\"last_used_at\":\"" + T0.plusSeconds(50) + "\""), last.get(2).jsonText());

        assertEquals(0, batch(sent, true, used("a", T0.plusSeconds(45), "fp-a")).size(), "sent: nothing held back any more");
    }

    @Test
    void aNewPollSendsEveryMergeAgain() {
        SentMerges sent = new SentMerges();
        batch(sent, used("a", T0, "fp-a"));
        sent.forget(); // what a source does when a poll begins: a batch read again after a failure sends its merges
        assertEquals(1, batch(sent, used("a", T0, "fp-a")).size());
    }

    @Test
    void withoutMemoryEveryMergeIsSent() {
        assertEquals(1, batch(null, used("a", T0, "fp-a")).size());
        assertEquals(1, batch(null, used("a", T0, "fp-a")).size());
    }
}
