package io.jiraaccess.daemon.inventory;

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

    /** One batch's merges, as a source builds them. */
    private static List<IndexDocument> batch(SentMerges sent, AuditEvent... events) {
        CredentialUpdates updates = new CredentialUpdates("jenkins");
        for (AuditEvent e : events) {
            updates.observe(e);
        }
        return updates.documents(sent);
    }

    @Test
    void withinAPollAMergeIsSentAgainOnlyWhenItSaysSomethingNew() {
        SentMerges sent = new SentMerges();
        assertEquals(2, batch(sent, used("a", T0, "fp-a"), used("b", T0, "fp-b")).size(), "first merges: sent");
        assertEquals(0, batch(sent, used("a", T0.plusSeconds(30), "fp-a"), used("b", T0.plusSeconds(59), "fp-b")).size(),
                "same credentials, used again within a minute: nothing new");

        List<IndexDocument> later = batch(sent, used("a", T0.plusSeconds(60), "fp-a"), used("b", T0.plusSeconds(61), "fp-b2"));
        assertEquals(2, later.size(), "a minute later, and a new fingerprint: both sent");
        assertTrue(later.get(0).jsonText().contains("\"last_used_at\":\"2026-11-29T10:01:00Z\""), later.get(0).jsonText());
        assertTrue(later.get(1).jsonText().contains("fp-b2"), later.get(1).jsonText());

        assertEquals(0, batch(sent, used("a", T0.plusSeconds(90), "fp-a")).size(), "the step counts from the last sent");
        assertEquals(1, batch(sent, used("a", T0.plusSeconds(120), "fp-a")).size());
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
