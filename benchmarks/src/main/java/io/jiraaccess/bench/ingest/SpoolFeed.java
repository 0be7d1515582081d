package io.jiraaccess.bench.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Another CI writing spool files the way core's {@code SpoolWriter} does: a file is written under a hidden name and
 * renamed to {@code *.ndjson} when complete. For throughput runs the files are {@link #stage staged} under hidden
 * names beforehand and {@link #release released} (renamed) at once, so generating them is not part of the measured
 * time; for steady load they are {@link #write written} one at a time.
 */
public final class SpoolFeed {
    private final Path dir;
    private final EventLines lines;
    private final String service;
    private final List<Path> staged = new ArrayList<>();
    private long nextSeq = 1;
    private int nextFile = 1;

    public SpoolFeed(Path dir, EventLines lines, String service) {
        this.dir = dir;
        this.lines = lines;
        this.service = service;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String service() {
        return service;
    }

    /** The seq the next event gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** Writes {@code events} events into hidden files of at most {@code perFile} events, not yet visible. */
    public void stage(long events, int perFile) {
        long remaining = events;
        while (remaining > 0) {
            int n = (int) Math.min(perFile, remaining);
            staged.add(writeHidden(n));
            remaining -= n;
        }
    }

    /** Makes every staged file visible (renames it to its final name), oldest first; returns how many. */
    public int release() {
        int n = 0;
        for (Path hidden : staged) {
            publish(hidden);
            n++;
        }
        staged.clear();
        return n;
    }

    /** Writes and publishes one file of {@code events} events; returns the seq of its first event. */
    public long write(int events) {
        long first = nextSeq;
        publish(writeHidden(events));
        return first;
    }

    private Path writeHidden(int events) {
        Path hidden = dir.resolve(String.format(".bench-%08d.ndjson.tmp", nextFile++));
        try (FileChannel ch = FileChannel.open(hidden, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BufferedWriter w = new BufferedWriter(java.nio.channels.Channels.newWriter(ch, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < events; i++) {
                w.write(lines.line(service, nextSeq++));
                w.write('\n');
            }
            w.flush();
            ch.force(true); // as SpoolWriter does: durable before it becomes visible
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a spool file in " + dir, e);
        }
        return hidden;
    }

    private static void publish(Path hidden) {
        String name = hidden.getFileName().toString();
        Path visible = hidden.resolveSibling(name.substring(1, name.length() - ".tmp".length()));
        try {
            Files.move(hidden, visible, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + hidden, e);
        }
    }
}
