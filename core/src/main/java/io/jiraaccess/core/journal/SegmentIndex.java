package io.jiraaccess.core.journal;

import io.jiraaccess.core.files.DurableFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's segment files by first seq. A segment named {@code segment-N} holds events with seq from N up to
 * (excluding) the next segment's N, so finding where a seq lives needs only the names. Readers hold the read lock
 * while they read files; adding a segment (roll) and deleting acknowledged ones take the write lock.
 */
final class SegmentIndex {
    private static final Pattern NAME = Pattern.compile("segment-(\\d{1,20})\\.ndjson");

    private static final System.Logger LOG = System.getLogger(SegmentIndex.class.getName());

    private final Path dir;
    private final TreeMap<Long, Path> byFirstSeq = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    SegmentIndex(Path dir) throws IOException {
        this.dir = dir;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "segment-*.ndjson")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    try {
                        byFirstSeq.put(Long.parseLong(m.group(1)), file);
                    } catch (NumberFormatException outOfRange) {
                        // not a name this journal writes; leave the file alone
                    }
                }
            }
        }
    }

    static String fileName(long firstSeq) {
        return String.format(Locale.ROOT, "segment-%020d.ndjson", firstSeq);
    }

    Path path(long firstSeq) {
        return dir.resolve(fileName(firstSeq));
    }

    ReadWriteLock lock() {
        return lock;
    }

    /** The live map; callers hold {@link #lock()}. */
    NavigableMap<Long, Path> map() {
        return byFirstSeq;
    }

    void add(long firstSeq, Path file) {
        lock.writeLock().lock();
        try {
            byFirstSeq.put(firstSeq, file);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes every segment whose events all have seq up to {@code acknowledged} (the next segment starts at most
     * one after it), never the last one; returns how many. A segment that cannot be deleted is kept and logged;
     * the next acknowledgement retries.
     */
    int deleteAcknowledged(long acknowledged) {
        int deleted = 0;
        lock.writeLock().lock();
        try {
            Iterator<Map.Entry<Long, Path>> it = byFirstSeq.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Path> segment = it.next();
                Long next = byFirstSeq.higherKey(segment.getKey());
                if (next == null || next - 1 > acknowledged) {
                    break;
                }
                try {
                    Files.deleteIfExists(segment.getValue());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "journal {0}: acknowledged segment {1} cannot be deleted ({2}); "
                            + "the next acknowledgement retries", dir, segment.getValue().getFileName(), DurableFiles.describe(e));
                    break;
                }
                it.remove();
                deleted++;
            }
        } finally {
            lock.writeLock().unlock();
        }
        return deleted;
    }

    /** What {@link #dropOverCap} deleted, and the bytes left. */
    record CapResult(int segments, long events, long throughSeq, long retainedBytes) {
    }

    /**
     * Deletes the oldest segments, never the active one ({@code activeFirst}, holding {@code activeBytes}), until the
     * journal holds at most {@code maxBytes}; counts the deleted events that were not acknowledged yet. A segment
     * that cannot be deleted is kept and logged; the next check retries.
     */
    CapResult dropOverCap(long maxBytes, long activeFirst, long activeBytes, long acknowledged) {
        lock.writeLock().lock();
        try {
            long total = totalBytes(activeFirst, activeBytes);
            int deleted = 0;
            long events = 0;
            long through = 0;
            while (total > maxBytes && byFirstSeq.size() > 1) {
                Map.Entry<Long, Path> oldest = byFirstSeq.firstEntry();
                if (oldest.getKey() == activeFirst) {
                    break;
                }
                long size = sizeOf(oldest.getValue());
                try {
                    Files.deleteIfExists(oldest.getValue());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "journal {0}: segment {1} is over the size cap and cannot be "
                            + "deleted ({2}); the next check retries", dir, oldest.getValue().getFileName(),
                            DurableFiles.describe(e));
                    break;
                }
                long next = byFirstSeq.higherKey(oldest.getKey());
                long from = Math.max(oldest.getKey(), acknowledged + 1);
                if (next - 1 >= from) {
                    events += next - from;
                    through = next - 1;
                }
                byFirstSeq.pollFirstEntry();
                total -= size;
                deleted++;
            }
            return new CapResult(deleted, events, through, total);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Bytes in every segment: the files' sizes, and {@code activeBytes} for the active one. */
    long retainedBytes(long activeFirst, long activeBytes) {
        lock.readLock().lock();
        try {
            return totalBytes(activeFirst, activeBytes);
        } finally {
            lock.readLock().unlock();
        }
    }

    private long totalBytes(long activeFirst, long activeBytes) {
        long total = 0;
        for (Map.Entry<Long, Path> segment : byFirstSeq.entrySet()) {
            total += segment.getKey() == activeFirst ? activeBytes : sizeOf(segment.getValue());
        }
        return total;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return byFirstSeq.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    long oldestFirstSeq() {
        lock.readLock().lock();
        try {
            return byFirstSeq.firstKey();
        } finally {
            lock.readLock().unlock();
        }
    }
}
