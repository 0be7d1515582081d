package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.ChannelOpener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Opens real files, and fails the way a full disk, a read-only remount or a dying disk fails: a full disk takes
 * half of a write and then refuses the rest (ENOSPC), a read-only file system refuses opening for write and every
 * write (EROFS), a dying disk refuses fsync (EIO). Tests run as root here, so permissions cannot simulate these.
 */
final class FaultyFiles implements ChannelOpener {
    volatile boolean diskFull;
    volatile boolean readOnly;
    volatile boolean fsyncFails;
    /** Files whose opening fails as on a read-only file system, whatever {@link #readOnly} says. */
    volatile Predicate<Path> refuseOpen = p -> false;
    /** When set, the first write of a file stops after half its bytes until {@link #resumeWrite} opens. */
    volatile CountDownLatch pausedMidWrite;
    volatile CountDownLatch resumeWrite;

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        boolean writing = List.of(options).contains(StandardOpenOption.WRITE);
        if (writing && (readOnly || refuseOpen.test(file))) {
            throw new FileSystemException(file.toString(), null, "Read-only file system");
        }
        return new Channel(FileChannel.open(file, options));
    }

    private final class Channel extends FileChannel {
        private final FileChannel real;
        private boolean shortWriteDone;

        Channel(FileChannel real) {
            this.real = real;
        }

        private int faultyWrite(ByteBuffer src, long position) throws IOException {
            if (readOnly) {
                throw new FileSystemException(null, null, "Read-only file system");
            }
            CountDownLatch paused = pausedMidWrite;
            if (diskFull || paused != null) {
                if (shortWriteDone || src.remaining() < 2) {
                    if (paused != null) {
                        return write(src, position, src.remaining());
                    }
                    shortWriteDone = false;
                    throw new IOException("No space left on device");
                }
                shortWriteDone = true;
                int n = write(src, position, src.remaining() / 2);
                if (paused != null) {
                    paused.countDown();
                    awaitResume();
                }
                return n;
            }
            return write(src, position, src.remaining());
        }

        private void awaitResume() throws IOException {
            try {
                if (!resumeWrite.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test never resumed the write");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private int write(ByteBuffer src, long position, int count) throws IOException {
            ByteBuffer slice = src.duplicate();
            slice.limit(slice.position() + count);
            int n = position < 0 ? real.write(slice) : real.write(slice, position);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return faultyWrite(src, -1);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return faultyWrite(src, position);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (fsyncFails) {
                throw new IOException("Input/output error");
            }
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (readOnly) {
                throw new FileSystemException(null, null, "Read-only file system");
            }
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
