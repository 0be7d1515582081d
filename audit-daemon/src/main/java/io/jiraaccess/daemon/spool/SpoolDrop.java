package io.jiraaccess.daemon.spool;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.SpoolFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Writes events the daemon itself produces (enforcement alerts, revocations) into the spool directory as one
 * complete NDJSON file, following core's {@link SpoolFiles} convention (dot-named temporary file, fsync, rename),
 * so the spool source indexes them at least once even if the daemon stops right after a revocation. Unlike core's
 * {@code SpoolWriter}, which numbers events per run, it keeps each event's own deterministic {@code event.id}: an
 * alert raised again the same day overwrites the first instead of adding a second.
 */
public final class SpoolDrop {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String prefix;
    private final Clock clock;

    /** @param prefix starts each file name, e.g. {@code enforcement} (files sort after core's {@code events-...}) */
    public SpoolDrop(Path dir, String prefix, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes {@code events} (each with {@code event.id} and {@code @timestamp}) as one spool file.
     *
     * @return the file, or null when there was nothing to write
     * @throws UncheckedIOException when the file cannot be written; no complete file appears then
     */
    public Path write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (AuditEvent e : events) {
            if (e.id() == null || e.get("@timestamp") == null) {
                throw new IllegalArgumentException("event " + e.action() + " has no event.id or @timestamp");
            }
            text.append(e.toJson()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        String name = prefix + "-" + FILE_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(r) + SpoolFiles.SUFFIX;
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // not every file system can sync a directory; the rename itself is atomic
            }
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the dot-named leftover is ignored by readers
            }
            throw new UncheckedIOException("cannot write " + events.size() + " event(s) to the spool directory " + dir
                    + " (" + e.getClass().getSimpleName() + "); check that it exists and is writable", e);
        }
    }
}
