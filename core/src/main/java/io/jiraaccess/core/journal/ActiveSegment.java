package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.ChannelOpener;
import io.jiraaccess.core.files.DurableFiles;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The segment being appended to, owned by the journal's writer thread. Writes whole lines, undoes a partial write,
 * and rolls to a new segment (fsyncing the old one first, so only the last segment can end in a torn line).
 */
final class ActiveSegment implements Closeable {
    private static final System.Logger LOG = System.getLogger(ActiveSegment.class.getName());
    private static final NdjsonEvents LINES = NdjsonEvents.defaults().requireSeq(true);
    private static final int WRITE_CHUNK_BYTES = 1024 * 1024;

    /** A failed fsync: nobody can know what reached the disk. */
    static final class SyncFailedException extends IOException {
        SyncFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Path dir;
    private final SegmentIndex index;
    private final ChannelOpener opener;
    private final long maxBytes;
    private FileChannel channel;
    private long firstSeq;
    private long size;
    private long nextSeqOnDisk;
    private long tornBytesDropped;
    private long lastWrittenSeq;
    private long bytesWritten;
    private boolean undoFailed;

    private ActiveSegment(Path dir, SegmentIndex index, ChannelOpener opener, long maxBytes) {
        this.dir = dir;
        this.index = index;
        this.opener = opener;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens the last segment (creating the first one, numbered after {@code acknowledged}, in an empty journal):
     * scans it, truncates a torn last line, and makes what is on disk durable.
     */
    static ActiveSegment open(Path dir, SegmentIndex index, ChannelOpener opener, long maxBytes, long acknowledged)
            throws IOException {
        ActiveSegment s = new ActiveSegment(dir, index, opener, maxBytes);
        try {
            s.openOrCreate(acknowledged);
        } catch (IOException | RuntimeException e) {
            if (s.channel != null) {
                s.channel.close();
            }
            throw e;
        }
        s.lastWrittenSeq = s.nextSeqOnDisk - 1;
        return s;
    }

    private void openOrCreate(long acknowledged) throws IOException {
        if (index.map().isEmpty()) {
            firstSeq = Math.max(1, acknowledged + 1);
            Path file = index.path(firstSeq);
            channel = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            DurableFiles.fsyncDirectory(dir);
            index.add(firstSeq, file);
            size = channel.size();
            nextSeqOnDisk = firstSeq;
        } else {
            firstSeq = index.map().lastKey();
            recover(index.path(firstSeq), acknowledged);
        }
    }

    private void recover(Path file, long acknowledged) throws IOException {
        long maxSeq = 0;
        long goodEnd;
        try (InputStream in = Files.newInputStream(file)) {
            NdjsonEvents.LineReader reader = LINES.reader(in);
            long tornAt = -1;
            for (NdjsonEvents.Line line = reader.next(); line != null; line = reader.next()) {
                if (!line.terminated()) {
                    tornAt = line.offset();
                } else if (line.isEvent() && line.seq() >= firstSeq) {
                    // a seq below the segment's name is damage the reader skips: it must not decide the next seq
                    maxSeq = Math.max(maxSeq, line.seq());
                }
            }
            goodEnd = tornAt >= 0 ? tornAt : reader.offset();
        }
        channel = opener.open(file, StandardOpenOption.WRITE);
        long onDisk = channel.size();
        if (onDisk > goodEnd) {
            channel.truncate(goodEnd);
            tornBytesDropped = onDisk - goodEnd;
            LOG.log(System.Logger.Level.WARNING, "journal {0}: removed a torn last line ({1} bytes) at the end "
                    + "of {2}, left by a crash in the middle of a write", dir, tornBytesDropped, file.getFileName());
        }
        // what a killed process wrote sits in the page cache: make it (and the truncation) durable before readers
        // may see it
        channel.force(true);
        size = goodEnd;
        nextSeqOnDisk = Math.max(Math.max(firstSeq, maxSeq + 1), acknowledged + 1);
    }

    /** The seq the next appended event gets: after the last line on disk, the segment's name and the cursor. */
    long nextSeqOnDisk() {
        return nextSeqOnDisk;
    }

    long tornBytesDropped() {
        return tornBytesDropped;
    }

    long firstSeq() {
        return firstSeq;
    }

    /** Bytes of whole lines in the file. */
    long size() {
        return size;
    }

    long lastWrittenSeq() {
        return lastWrittenSeq;
    }

    /** Bytes written since the journal was opened. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Whether a partial write could not be cut back: the file may end in a torn line until reopened. */
    boolean undoFailed() {
        return undoFailed;
    }

    String fileName() {
        return SegmentIndex.fileName(firstSeq);
    }

    /**
     * Writes the queued lines in order, rolling to new segments at the size limit, and removes each written line
     * from the queue; on failure the unwritten ones stay queued and the file holds only whole lines.
     */
    void write(ArrayDeque<QueuedLine> queue) throws IOException {
        while (!queue.isEmpty()) {
            QueuedLine first = queue.peekFirst();
            if (size > 0 && size + first.bytes().length > maxBytes) {
                roll(first.seq());
            }
            int count = 0;
            int bytes = 0;
            for (QueuedLine line : queue) {
                int n = line.bytes().length;
                boolean fits = size + bytes + n <= maxBytes && bytes + n <= WRITE_CHUNK_BYTES;
                if (count > 0 && !fits) {
                    break;
                }
                count++;
                bytes += n;
            }
            ByteBuffer buf = ByteBuffer.allocate(bytes);
            Iterator<QueuedLine> it = queue.iterator();
            for (int i = 0; i < count; i++) {
                buf.put(it.next().bytes());
            }
            buf.flip();
            long position = size;
            try {
                while (buf.hasRemaining()) {
                    position += channel.write(buf, position);
                }
            } catch (IOException e) {
                undoPartialWrite(e);
                throw e;
            }
            size += bytes;
            bytesWritten += bytes;
            for (int i = 0; i < count; i++) {
                lastWrittenSeq = queue.removeFirst().seq();
            }
        }
    }

    void force() throws SyncFailedException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new SyncFailedException(e);
        }
    }

    /** A failed write may have left part of a line: cut the file back to its last whole line. */
    private void undoPartialWrite(IOException cause) {
        try {
            channel.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
            undoFailed = true;
        }
    }

    private void roll(long nextFirstSeq) throws IOException {
        force();
        Path next = index.path(nextFirstSeq);
        FileChannel ch = opener.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // left empty by an earlier roll that failed after creating it; anything else is not ours
            if (ch.size() != 0) {
                throw new IOException(next.getFileName() + " already holds data this journal did not write; move it away");
            }
            DurableFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        index.add(nextFirstSeq, next);
        FileChannel old = channel;
        channel = ch;
        firstSeq = nextFirstSeq;
        size = 0;
        old.close();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
