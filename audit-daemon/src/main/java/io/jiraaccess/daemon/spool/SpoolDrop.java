package io.jiraaccess.daemon.spool;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.files.DurableFiles;
import io.jiraaccess.core.journal.SpoolFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            Files.createDirectories(dir);
            DurableFiles.writeAtomically(target, bytes);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + events.size() + " event(s) to the spool directory " + dir
                    + " (" + DurableFiles.describe(e) + "); check that it exists and is writable", e);
        }
    }
}
