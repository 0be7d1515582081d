package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A CI system writing spool files the way core's SpoolWriter does: a temporary hidden name, then a rename. Keeps the
 * set of event ids it produced.
 */
public final class SpoolProducer implements AutoCloseable {
    private final Path dir;
    private final String prefix;
    private final int eventsPerFile;
    private final Set<String> produced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spool-producer");
        t.setDaemon(true);
        return t;
    });
    private int files;

    public SpoolProducer(Path dir, String prefix, int eventsPerFile) {
        this.dir = dir;
        this.prefix = prefix;
        this.eventsPerFile = eventsPerFile;
    }

    /** Writes one file every {@code periodMillis} until stopped. */
    public SpoolProducer every(long periodMillis) {
        timer.scheduleAtFixedRate(this::writeFile, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized List<String> writeFile() {
        int n = ++files;
        String name = String.format("%s-%06d.ndjson", prefix, n);
        StringBuilder b = new StringBuilder();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= eventsPerFile; i++) {
            String id = prefix + ":" + n + ":" + i;
            b.append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id(id).service(prefix)
                    .credential("spool-cred", "pat", "fedcba9876543210", null, null, null).outcome(true).build().toJson())
                    .append('\n');
            ids.add(id);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        produced.addAll(ids);
        return ids;
    }

    public Set<String> produced() {
        return Set.copyOf(produced);
    }

    /** Stops producing; returns once no write is in progress. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            // a write that started before shutdown has finished when this lock is free
        }
    }
}
