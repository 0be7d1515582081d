package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.ChannelOpener;
import io.jiraaccess.core.files.DurableFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The reader's acknowledged seq, in a file replaced atomically (temporary file, fsync, rename, directory fsync). */
final class CursorFile {
    static final String NAME = "cursor";
    static final String TEMP_NAME = ".cursor.tmp";

    private CursorFile() {
    }

    /** The acknowledged seq, 0 when nothing was acknowledged yet. */
    static long load(Path dir) {
        Path file = dir.resolve(NAME);
        DurableFiles.deleteQuietly(dir.resolve(TEMP_NAME));
        String text;
        try {
            if (Files.size(file) > 32) {
                throw corrupt(file);
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new JournalException("journal cursor " + file + " cannot be read (" + DurableFiles.describe(e)
                    + "); check the directory's permissions", e);
        }
        try {
            long seq = Long.parseLong(text);
            if (seq < 0) {
                throw corrupt(file);
            }
            return seq;
        } catch (NumberFormatException e) {
            throw corrupt(file);
        }
    }

    static void store(ChannelOpener opener, Path dir, long seq) throws IOException {
        DurableFiles.writeAtomically(opener, dir.resolve(TEMP_NAME), dir.resolve(NAME),
                (seq + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static JournalException corrupt(Path file) {
        return new JournalException("journal cursor " + file + " is corrupt; delete it to deliver again from the "
                + "oldest retained event (readers de-duplicate by event.id)");
    }
}
