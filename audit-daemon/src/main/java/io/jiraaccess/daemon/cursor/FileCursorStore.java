package io.jiraaccess.daemon.cursor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.files.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One small JSON file per source in the state directory, replaced atomically (write a temp file, fsync, rename, fsync
 * the directory): after a crash the file holds the old cursor or the new one, never half of either. The revision is a
 * counter in the file; saves hold an OS file lock so two processes on one state directory cannot interleave.
 */
public final class FileCursorStore implements CursorStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;
    private final Clock clock;

    public FileCursorStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cursor directory " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Cursor load(String sourceId) {
        Path file = file(sourceId);
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            JsonNode position = n.get("position");
            if (position == null || position.isNull()) {
                return Cursor.NONE;
            }
            return new Cursor(position.asText(), String.valueOf(n.path("revision").asLong()));
        } catch (NoSuchFileException e) {
            return Cursor.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cursor file " + file + "; restore it from a backup or delete "
                    + "it to re-read the source from the start (ids are deterministic: nothing is duplicated)", e);
        }
    }

    @Override
    public synchronized Cursor save(String sourceId, Cursor expected, String position) {
        Objects.requireNonNull(position, "position");
        Path file = file(sourceId);
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            Cursor current = load(sourceId);
            if (!Objects.equals(current.revision(), expected.revision())) {
                throw new CursorConflictException(sourceId);
            }
            long revision = current.revision() == null ? 1 : Long.parseLong(current.revision()) + 1;
            ObjectNode doc = JSON.createObjectNode();
            doc.put("source", sourceId);
            doc.put("position", position);
            doc.put("revision", revision);
            doc.put("updated", clock.instant().toString());
            DurableFiles.writeAtomically(file, JSON.writeValueAsBytes(doc));
            return new Cursor(position, String.valueOf(revision));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the cursor of " + sourceId + " in " + dir, e);
        }
    }

    private Path file(String sourceId) {
        if (!SAFE_ID.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("source id '" + sourceId + "' is not a safe file name");
        }
        return dir.resolve(sourceId + ".cursor.json");
    }
}
