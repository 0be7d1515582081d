package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.SpoolWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Another CI system writing spool files through core's {@link SpoolWriter} (temporary dot-name, fsync, rename). Keeps
 * the set of event ids it produced, read back from the files it wrote.
 */
public final class SpoolProducer implements AutoCloseable {
    private final SpoolWriter writer;
    private final int eventsPerFile;
    private final Set<String> produced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spool-producer");
        t.setDaemon(true);
        return t;
    });

    public SpoolProducer(Path dir, String service, int eventsPerFile) {
        // the buffer holds one more than a file, so files are written only by the explicit flush below
        this.writer = SpoolWriter.builder(dir, service).maxBufferedEvents(eventsPerFile + 1).build();
        this.eventsPerFile = eventsPerFile;
    }

    /** Writes one file every {@code periodMillis} until stopped. */
    public SpoolProducer every(long periodMillis) {
        timer.scheduleAtFixedRate(this::writeFile, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Writes one complete file and returns the ids of its events. */
    public synchronized List<String> writeFile() {
        for (int i = 0; i < eventsPerFile; i++) {
            writer.emit(event());
        }
        Path file = writer.flush();
        List<String> ids = new ArrayList<>();
        if (file == null) {
            throw new IllegalStateException("the spool writer wrote no file");
        }
        for (String line : readWherever(file)) {
            ids.add(AuditEvent.fromJson(line).id());
        }
        produced.addAll(ids);
        return ids;
    }

    /**
     * The lines of the file, read where it is or where the daemon moved it: the daemon may move it at any moment, also
     * between a check and a read (which once cost this producer the ids of a whole file).
     */
    private static List<String> readWherever(Path file) {
        Path done = file.resolveSibling("done").resolve(file.getFileName());
        try {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException movedAlready) {
                return Files.readAllLines(done, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditEvent event() {
        return AuditEvent.builder(EventAction.TOKEN_USED, Instant.now())
                .credential("spool-cred", "pat", "fedcba9876543210", null, null, null).outcome(true).build();
    }

    public Set<String> produced() {
        return Set.copyOf(produced);
    }

    /** Stops producing; returns once no write is in progress. */
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
            writer.close();
        }
    }
}
