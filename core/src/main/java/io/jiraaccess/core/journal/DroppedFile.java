package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.ChannelOpener;
import io.jiraaccess.core.files.DurableFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How many events the size cap deleted before any reader acknowledged them, and the last seq among them, in a file
 * replaced atomically: the count survives restarts, so an administrator is told about the loss until it is seen.
 */
final class DroppedFile {
    static final String NAME = "dropped";
    static final String TEMP_NAME = ".dropped.tmp";
    private static final System.Logger LOG = System.getLogger(DroppedFile.class.getName());

    /** Events deleted unread, and the highest seq among them (0 and 0 when none). */
    record Dropped(long events, long lastSeq) {
        static final Dropped NONE = new Dropped(0, 0);

        Dropped plus(long moreEvents, long throughSeq) {
            return new Dropped(events + moreEvents, Math.max(lastSeq, throughSeq));
        }
    }

    private DroppedFile() {
    }

    static Dropped load(Path dir) {
        Path file = dir.resolve(NAME);
        DurableFiles.deleteQuietly(dir.resolve(TEMP_NAME));
        try {
            if (Files.size(file) > 64) {
                return corrupt(file);
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            if (parts.length != 2) {
                return corrupt(file);
            }
            long events = Long.parseLong(parts[0]);
            long lastSeq = Long.parseLong(parts[1]);
            return events < 0 || lastSeq < 0 ? corrupt(file) : new Dropped(events, lastSeq);
        } catch (NoSuchFileException e) {
            return Dropped.NONE;
        } catch (IOException | NumberFormatException e) {
            return corrupt(file);
        }
    }

    static void store(ChannelOpener opener, Path dir, Dropped dropped) throws IOException {
        DurableFiles.writeAtomically(opener, dir.resolve(TEMP_NAME), dir.resolve(NAME),
                (dropped.events() + " " + dropped.lastSeq() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A damaged count is a statistic lost, not a reason to stop journaling: reported and restarted from 0. */
    private static Dropped corrupt(Path file) {
        LOG.log(System.Logger.Level.WARNING, "journal {0} cannot be read; the count of events the size cap dropped "
                + "restarts at 0 (delete the file to silence this)", file);
        return Dropped.NONE;
    }
}
