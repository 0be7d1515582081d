package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.EventJournal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Jenkins controller's steady stream of token uses, appended to a real core journal (which stamps
 * {@code event.id = <service>:<seq>}). Keeps the set of event ids it produced.
 */
public final class JournalProducer implements AutoCloseable {
    private final EventJournal journal;
    private final int perTick;
    private final Set<String> produced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journal-producer");
        t.setDaemon(true);
        return t;
    });

    public JournalProducer(EventJournal journal, int perTick) {
        this.journal = journal;
        this.perTick = perTick;
    }

    public JournalProducer every(long periodMillis) {
        timer.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized void tick() {
        for (int i = 0; i < perTick; i++) {
            long seq = journal.append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.now())
                    .credential("cred-" + (i % 7), "pat", "0123456789abcdef", null, null, null)
                    .pipeline("job-" + (i % 3), String.valueOf(i), null, "agent-1")
                    .outcome(true).build());
            produced.add(journal.serviceName() + ":" + seq);
        }
    }

    public Set<String> produced() {
        return Set.copyOf(produced);
    }

    /** Stops producing and waits until everything produced is durable (so the journal can serve it). */
    @Override
    public void close() {
        // not shutdownNow: an interrupt could end a write after its file or entry is durable, before its ids are noted
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            journal.sync();
        }
    }
}
