package io.jiraaccess.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations whose order makes writes crash-safe, the one way every part of Jira Access writes a file
 * that must be whole or absent (journal cursor and spool files, credential store, last-use ledger, the daemon's
 * cursors and spool drops, reports).
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    public static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Makes creations, renames and deletions in {@code dir} durable (the file's own fsync does not). */
    public static void fsyncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            // some platforms cannot open a directory (Windows); their renames are atomic all the same
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} so that a reader, or a crash at any point, sees the old content or
     * the new one, never a part: a temporary file of its own beside it (dot-named, so readers of the directory skip
     * it; only its owner may read it on POSIX), fsynced, renamed over {@code target} atomically, the directory
     * fsynced. On failure the temporary file is removed and {@code target} is as it was.
     *
     * @throws AtomicMoveNotSupportedException on a file system without atomic renames ({@link #describe} says so)
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        writeAtomically(ChannelOpener.DEFAULT, tmp, target, bytes);
    }

    /** As {@link #writeAtomically(Path, byte[])}, through a given temporary file and opener (the journal's). */
    public static void writeAtomically(ChannelOpener opener, Path tmp, Path target, byte[] bytes) throws IOException {
        try {
            try (FileChannel ch = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw e;
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is ignored by readers and replaced by the next write
        }
    }

    /** The OS's reason ("No space left on device", "Read-only file system") without the stack. */
    public static String describe(IOException e) {
        if (e instanceof AtomicMoveNotSupportedException) {
            return "the file system does not support atomic renames; use a local directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
