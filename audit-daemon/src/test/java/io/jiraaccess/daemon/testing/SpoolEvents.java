package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.SpoolFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The events in a spool directory's complete files, by time. */
public final class SpoolEvents {
    private SpoolEvents() {
    }

    public static List<AuditEvent> read(Path spool) {
        List<AuditEvent> out = new ArrayList<>();
        try {
            for (Path f : SpoolFiles.list(spool)) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(AuditEvent.fromJson(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(AuditEvent::timestamp));
        return out;
    }

    /** Every file's text, to look for secrets. */
    public static String text(Path spool) {
        StringBuilder b = new StringBuilder();
        try {
            for (Path f : SpoolFiles.list(spool)) {
                b.append(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }
}
