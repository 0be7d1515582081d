package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.DurableFiles;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process owns a journal: an OS lock on {@code journal.lock}, released by the OS when the process dies, so a
 * crashed owner never blocks its successor. The file holds the owner's pid for the error message.
 */
final class JournalLock implements Closeable {
    static final String NAME = "journal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static JournalLock acquire(Path dir) {
        Path file = dir.resolve(NAME);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot create the lock file " + file + " ("
                    + DurableFiles.describe(e) + "); give the journal a writable directory", e);
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new JournalException("journal " + dir + " is already open in this process; share the one "
                        + "EventJournal instance instead of opening it twice");
            }
            if (lock == null) {
                throw new JournalException("journal " + dir + " is in use by another process" + holder(file)
                        + "; a journal belongs to one process (one Jenkins controller): stop the other one or "
                        + "give this one its own directory");
            }
            ch.truncate(0);
            DurableFiles.writeFully(ch, ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            return new JournalLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new JournalException("journal " + dir + ": cannot lock " + file + " ("
                    + DurableFiles.describe((IOException) e) + ")", e);
        }
    }

    /** " (pid N)" when the lock file names its owner; its content is never quoted otherwise. */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
