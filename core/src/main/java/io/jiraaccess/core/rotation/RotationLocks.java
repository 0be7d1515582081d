package io.jiraaccess.core.rotation;

import io.jiraaccess.core.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is rotating a credential right now. Held for a whole rotation cycle, and taken without waiting: a second
 * trigger learns at once that a rotation is in progress instead of queueing behind it. A lock whose holder died
 * (killed process) is free again, which is what lets a restart recover the rotation the dead one left.
 * (The store's own {@code withLock} guards each read-modify-write; it is not held across calls to Jira.)
 */
public interface RotationLocks {
    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The credential's rotation lock, or empty when another rotation (this process or another) holds it. */
    Optional<Held> tryLock(String credentialId);

    /** Locks within this JVM: for stores only this process writes (the Jenkins controller, tests). */
    static RotationLocks inProcess() {
        ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        return credentialId -> {
            ReentrantLock lock = locks.computeIfAbsent(credentialId, k -> new ReentrantLock());
            if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
                return Optional.empty();
            }
            return Optional.of(lock::unlock);
        };
    }

    /**
     * OS file locks on {@code .<credential id>.rotation.lock} in {@code dir} (the store directory), so CLI runs in
     * parallel pipelines on one machine see each other; the OS drops the lock of a killed process.
     */
    static RotationLocks files(Path dir) {
        return new FileRotationLocks(dir);
    }

    /** The file-lock implementation; one JVM-wide guard per lock file, since a JVM may not lock a file twice. */
    final class FileRotationLocks implements RotationLocks {
        private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

        private final Path dir;

        FileRotationLocks(Path dir) {
            this.dir = dir.toAbsolutePath().normalize();
        }

        @Override
        public Optional<Held> tryLock(String credentialId) {
            if (credentialId == null || !credentialId.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")) {
                throw new StoreException("credential id '" + credentialId + "' cannot name a lock file; use letters, "
                        + "digits, '.', '_', '@' and '-'");
            }
            Path file = dir.resolve("." + credentialId + ".rotation.lock");
            ReentrantLock local = IN_JVM.computeIfAbsent(file, k -> new ReentrantLock());
            if (local.isHeldByCurrentThread() || !local.tryLock()) {
                return Optional.empty();
            }
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    local.unlock();
                    return Optional.empty();
                }
                FileChannel channel = ch;
                return Optional.of(() -> {
                    try {
                        lock.release();
                        channel.close();
                    } catch (IOException e) {
                        // closing the channel releases the lock; the OS releases it at exit in any case
                    } finally {
                        local.unlock();
                    }
                });
            } catch (IOException | UnsupportedOperationException e) {
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // nothing was locked
                    }
                }
                local.unlock();
                String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                        ? fse.getReason() : e.getClass().getSimpleName();
                throw new StoreException("credential " + credentialId + ": cannot lock " + file + " (" + why
                        + "); the credential store directory must be writable", e);
            }
        }
    }
}
