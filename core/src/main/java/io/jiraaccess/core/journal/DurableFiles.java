package io.jiraaccess.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The few file operations whose order makes writes crash-safe. */
final class DurableFiles {
    private DurableFiles() {
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Makes creations, renames and deletions in {@code dir} durable (the file's own fsync does not). */
    static void fsyncDirectory(Path dir) throws IOException {
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

    /** Writes {@code bytes} to {@code tmp}, fsyncs it, renames it to {@code target} atomically, fsyncs the directory. */
    static void writeAtomically(ChannelOpener opener, Path tmp, Path target, byte[] bytes) throws IOException {
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
        fsyncDirectory(target.getParent());
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is ignored by readers and replaced by the next write
        }
    }

    /** The OS's reason ("No space left on device", "Read-only file system") without the stack. */
    static String describe(IOException e) {
        if (e instanceof AtomicMoveNotSupportedException) {
            return "the file system does not support atomic renames; use a local directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
