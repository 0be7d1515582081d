package io.jiraaccess.daemon.testing;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A Jenkins controller's steady stream of journal events. Keeps the set of event ids it produced. */
public final class JournalProducer implements AutoCloseable {
    private final MemoryJournal journal;
    private final int perTick;
    private final Set<String> produced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journal-producer");
        t.setDaemon(true);
        return t;
    });

    public JournalProducer(MemoryJournal journal, int perTick) {
        this.journal = journal;
        this.perTick = perTick;
    }

    public JournalProducer every(long periodMillis) {
        timer.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized void tick() {
        for (int i = 0; i < perTick; i++) {
            produced.add(journal.append(Instant.now()));
        }
    }

    public Set<String> produced() {
        return Set.copyOf(produced);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            // wait for a tick in progress
        }
    }
}
