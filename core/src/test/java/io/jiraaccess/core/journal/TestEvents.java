package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Events and helpers shared by the journal tests. */
final class TestEvents {
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    private TestEvents() {
    }

    static AuditEvent event(String message) {
        return AuditEvent.builder(EventAction.TOKEN_USED, T0)
                .credential("jira-ci", "pat", "0123456789abcdef", null, null, List.of("OPS"))
                .message(message)
                .build();
    }

    /** Every durable event, read page by page as a consumer would. */
    static List<AuditEvent> readAll(EventJournal journal, long after, int pageSize) {
        List<AuditEvent> all = new ArrayList<>();
        long cursor = after;
        while (true) {
            JournalRead page = journal.readAfter(cursor, pageSize);
            all.addAll(page.events());
            if (page.events().isEmpty()) {
                return all;
            }
            cursor = page.lastSeq();
        }
    }

    static List<Long> seqs(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::seq).toList();
    }

    static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }

    /** Waits for a condition another thread makes true (checked every millisecond); fails after {@code timeout}. */
    static void awaitCondition(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            // poll gently: spinning would take the CPU from the very thread being waited for
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
