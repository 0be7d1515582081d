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
