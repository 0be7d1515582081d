package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.files.ChannelOpener;
import io.jiraaccess.core.files.DurableFiles;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event journal: append-only NDJSON segments ({@code segment-<first seq>.ndjson}) in one directory, one
 * {@link AuditEvent} a line, each stamped on append with a monotonic {@code jira_access.seq} (from 1) and
 * {@code event.id = <serviceName>:<seq>}.
 *
 * <h2>Durability contract</h2>
 * <ul>
 *   <li>{@link #append} assigns the seq and queues the line in memory; it returns without I/O. The event becomes
 *   durable (written and fsynced) within {@link Builder#syncInterval}, or sooner when
 *   {@link Builder#syncBatchBytes} are queued, or when any caller asks (group commit: one fsync covers every event
 *   queued before it, whoever asked).</li>
 *   <li>{@link #sync()} returns once every event appended before the call is durable, and throws if that cannot
 *   be done. Only events whose {@code sync()} (or {@link #awaitDurable}) returned are guaranteed to survive a crash
 *   of the machine. {@link #flush()} only hands queued events to the OS: they survive the death of this process,
 *   not of the machine.</li>
 *   <li>Readers ({@link #readAfter}) see durable events only. So a seq a reader has seen is never reused: after
 *   a crash the journal continues after the last line on disk, and what a crash lost was never visible.</li>
 *   <li>All file writes happen on one writer thread, so interrupting a caller (Jenkins aborts builds that way)
 *   cannot close the segment file under everyone else.</li>
 *   <li>A write that fails (disk full, read-only) is undone (the file is truncated back to its last whole line);
 *   the events stay queued and are retried after {@code syncInterval}, or at the next {@code sync()}.
 *   A failed fsync makes the journal unusable until it is reopened, because the OS may have dropped the
 *   unwritten pages; reopening recovers from what is on disk.</li>
 *   <li>On open, a torn last line (bytes after the last line break of the last segment, left by a crash in the
 *   middle of a write) is truncated; nothing else is ever removed, and seq continues after the last good line.
 *   Garbage lines elsewhere are skipped and reported by {@link #readAfter}.</li>
 * </ul>
 * Segments roll at {@link Builder#segmentBytes}; the previous one is fsynced before the next is created, so only the
 * last segment can end in a torn line. {@link #acknowledge} persists the reader's cursor and deletes segments whose
 * every event it covers, never the active segment.
 *
 * <h2>Size cap</h2>
 * A journal nobody acknowledges (the audit daemon is down) would grow until the disk is full. So after each new
 * segment the journal deletes its oldest segments, read or not, while it holds more than
 * {@link Builder#maxRetainedBytes}; never the active one. The events deleted before any reader acknowledged them are
 * counted, in a file that survives restarts, logged, and reported by {@link #stats()} ({@link
 * JournalStats#capWarnings()} says it, and warns from {@link JournalStats#NEAR_CAP} of the cap on): a loss is
 * never silent. A reader that asks for a deleted seq gets the oldest retained events and sees the gap in seq.
 * <p>Thread-safe. One process owns a journal: it is not built for several processes, and a second process that
 * opens the same directory fails with a clear error (an OS lock on {@code journal.lock}, released when the owner
 * dies).
 */
public final class EventJournal implements EventSink, Closeable {
    public static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_SYNC_BATCH_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_PENDING_BYTES = 16L * 1024 * 1024;
    /** 512 MiB: about half a million events, weeks of a busy controller's events while the reader is away. */
    public static final long DEFAULT_MAX_RETAINED_BYTES = 512L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(EventJournal.class.getName());
    private static final NdjsonEvents LINES = NdjsonEvents.defaults().requireSeq(true);

    /** What readers may see: events up to {@code seq}, the active segment up to {@code activeBytes}. */
    private record Durable(long seq, long activeFirst, long activeBytes) {
    }

    private final Path dir;
    private final String serviceName;
    private final long syncIntervalNanos;
    private final int syncBatchBytes;
    private final long maxPendingBytes;
    private final long maxRetainedBytes;
    private final ChannelOpener opener;
    private final JournalLock fileLock;
    private final SegmentIndex segments;
    private final SegmentReader reader;
    private final ActiveSegment active;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerWake = lock.newCondition();
    private final Condition progress = lock.newCondition();
    // guarded by lock
    private long nextSeq;
    private final ArrayDeque<QueuedLine> pending = new ArrayDeque<>();
    private long pendingBytes;
    private long unsyncedSince;
    private long requestedSync;
    private long requestedFlush;
    private long requests;
    private long attempted;
    private long writtenSeq;
    private long retryAtNanos;
    private JournalException failure;
    private JournalException broken;
    private boolean closing;
    private boolean writerDone;
    private volatile Durable durable;

    // owned by the writer thread
    private final ArrayDeque<QueuedLine> unwritten = new ArrayDeque<>();

    private final Object ackLock = new Object();
    private volatile long acknowledged;
    // written by the writer thread (and the constructor), read by stats()
    private volatile DroppedFile.Dropped dropped;
    private long capCheckedAt = -1;
    private final Thread writer;

    private EventJournal(Builder b) {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.serviceName = b.serviceName;
        this.syncIntervalNanos = b.syncInterval.toNanos();
        this.syncBatchBytes = b.syncBatchBytes;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxRetainedBytes = b.maxRetainedBytes;
        this.opener = b.opener;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalException("journal directory " + dir + " cannot be created ("
                    + DurableFiles.describe(e) + "); choose a writable directory", e);
        }
        this.fileLock = JournalLock.acquire(dir);
        try {
            this.acknowledged = CursorFile.load(dir);
            this.dropped = DroppedFile.load(dir);
            this.segments = new SegmentIndex(dir);
            this.active = ActiveSegment.open(dir, segments, opener, b.segmentBytes, acknowledged);
        } catch (IOException | RuntimeException e) {
            closeQuietly(fileLock);
            if (e instanceof JournalException je) {
                throw je;
            }
            throw new JournalException("journal " + dir + " cannot be opened (" + (e instanceof IOException io
                    ? DurableFiles.describe(io) : e.toString()) + "); check the directory's permissions and free space", e);
        }
        this.reader = new SegmentReader(segments);
        this.nextSeq = active.nextSeqOnDisk();
        this.writtenSeq = nextSeq - 1;
        this.durable = new Durable(nextSeq - 1, active.firstSeq(), active.size());
        deleteAcknowledgedSegments();
        enforceCap();
        this.writer = new Thread(this::writeLoop, "jira-access-journal-writer " + dir.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens (or creates) the journal in {@code dir} with default settings. */
    public static EventJournal open(Path dir, String serviceName) {
        return builder(dir, serviceName).open();
    }

    public static Builder builder(Path dir, String serviceName) {
        return new Builder(dir, serviceName);
    }

    public Path dir() {
        return dir;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Appends without waiting for durability; see {@link #append}. */
    @Override
    public void emit(AuditEvent event) {
        append(event);
    }

    /**
     * Stamps the event with the next seq and {@code event.id = <serviceName>:<seq>} (and {@code service.name} if it
     * has none) and queues it. Returns the seq; call {@link #awaitDurable(long)} or {@link #sync()} to wait until it
     * is on disk.
     *
     * @throws IllegalArgumentException when the event could not be read back (over 1 MiB, nested too deep, no
     *                                  valid {@code @timestamp}); nothing is appended
     * @throws JournalException         when writes have been failing and {@link Builder#maxPendingBytes} are queued,
     *                                  or the journal must be reopened after a failed fsync, or no seq up to
     *                                  {@link NdjsonEvents#MAX_SEQ} is left; when the writer is merely behind, append
     *                                  waits for it instead
     * @throws IllegalStateException    after {@link #close()}
     */
    public long append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (!(event.get("@timestamp") instanceof String ts) || !NdjsonEvents.isInstant(ts)) {
            throw new IllegalArgumentException("event " + event.action() + " has no valid @timestamp; build events "
                    + "with AuditEvent.builder");
        }
        lock.lock();
        try {
            long seq = -1;
            byte[] line = null;
            while (true) {
                if (closing) {
                    throw new IllegalStateException("journal " + dir + " is closed");
                }
                if (broken != null) {
                    throw new JournalException(broken.getMessage(), broken);
                }
                if (nextSeq > NdjsonEvents.MAX_SEQ) {
                    // only a damaged line claiming a huge seq gets here; a line above MAX_SEQ would be unreadable
                    throw new JournalException("journal " + dir + " has no seq left to assign: the last line on disk "
                            + "claims seq " + (nextSeq - 1) + ", and " + NdjsonEvents.MAX_SEQ + " is the largest a "
                            + "journal line may carry; let the reader catch up, then move the directory away to start "
                            + "a new journal");
                }
                if (seq != nextSeq) {
                    // stamped again only if another appender took the seq while this one waited for room
                    seq = nextSeq;
                    line = lineOf(stamp(event, seq));
                    refuseUnreadable(event, line);
                }
                if (pendingBytes + line.length <= maxPendingBytes) {
                    break;
                }
                awaitRoom();
            }
            nextSeq++;
            pending.add(new QueuedLine(seq, line));
            pendingBytes += line.length;
            if (unsyncedSince == 0) {
                unsyncedSince = System.nanoTime();
                writerWake.signal();
            } else if (pendingBytes >= syncBatchBytes) {
                writerWake.signal();
            }
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called with {@link #lock} held when the queue is full. While the writer keeps up nothing waits; when it falls
     * {@link Builder#maxPendingBytes} behind, appenders wait for it (back-pressure); when writes are failing they
     * are refused instead, so memory stays bounded and callers learn why.
     */
    private void awaitRoom() {
        if (failure != null) {
            throw new JournalException("journal " + dir + ": " + pendingBytes + " bytes of events are waiting to "
                    + "be written (" + failure.getMessage() + "); the event is refused to keep memory bounded", failure);
        }
        writerWake.signal();
        try {
            progress.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for room in journal " + dir
                    + "; the event was not appended", e);
        }
    }

    /** Waits until every event appended before this call is durable (one fsync may serve many callers). */
    public void sync() {
        awaitDurable(lastAssigned());
    }

    /**
     * Waits until the event with this seq (and every one before it) is durable.
     *
     * @throws JournalException when the write or fsync failed (the message says why and what to do), or the
     *                          waiting thread was interrupted (the events stay queued)
     */
    public void awaitDurable(long seq) {
        lock.lock();
        try {
            if (durable.seq() >= seq) {
                return;
            }
            requestedSync = Math.max(requestedSync, seq);
            awaitProgress(() -> durable.seq() >= seq, "seq " + seq + " is durable");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands every event appended before this call to the OS without fsync: they then survive the death of this
     * process but not a crash of the machine, and readers do not see them until they are durable.
     */
    public void flush() {
        long target = lastAssigned();
        lock.lock();
        try {
            if (writtenSeq >= target) {
                return;
            }
            requestedFlush = Math.max(requestedFlush, target);
            awaitProgress(() -> writtenSeq >= target, "seq " + target + " is written");
        } finally {
            lock.unlock();
        }
    }

    private interface Done {
        boolean reached();
    }

    /** Called with {@link #lock} held: asks the writer for a round and waits until {@code done} or a failure. */
    private void awaitProgress(Done done, String what) {
        if (closing) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
        long mine = ++requests;
        writerWake.signal();
        while (!done.reached()) {
            if (broken != null) {
                throw new JournalException(broken.getMessage(), broken);
            }
            if (failure != null && attempted >= mine) {
                throw new JournalException(failure.getMessage(), failure);
            }
            if (writerDone) {
                throw new JournalException("journal " + dir + " was closed before " + what);
            }
            try {
                progress.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalException("interrupted while waiting until " + what + " in journal " + dir
                        + "; the events stay queued and are written in the background", e);
            }
        }
    }

    private long lastAssigned() {
        lock.lock();
        try {
            return nextSeq - 1;
        } finally {
            lock.unlock();
        }
    }

    private AuditEvent stamp(AuditEvent event, long seq) {
        AuditEvent.Builder b = event.toBuilder().seq(seq).id(serviceName + ":" + seq);
        if (event.get("service.name") == null) {
            b.service(serviceName);
        }
        return b.build();
    }

    private static byte[] lineOf(AuditEvent event) {
        byte[] json = event.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /** Refuses, before its seq is taken, an event that its readers would skip (the line is our own valid JSON). */
    private static void refuseUnreadable(AuditEvent event, byte[] line) {
        NdjsonEvents.Reason reason = LINES.refuseToWrite(line, line.length - 1);
        if (reason != null) {
            throw new IllegalArgumentException("event " + event.action() + " cannot be journaled: "
                    + reason.description() + " (lines up to " + LINES.maxLineBytes() + " bytes, nesting up to "
                    + LINES.maxDepth() + ")");
        }
    }

    // ---- the writer thread ----

    private void writeLoop() {
        try {
            boolean last = false;
            while (!last) {
                boolean force;
                boolean due = false;
                long attempt;
                lock.lock();
                try {
                    while (true) {
                        if (broken != null) {
                            return;
                        }
                        if (closing) {
                            last = true;
                            break;
                        }
                        long now = System.nanoTime();
                        boolean unsynced = nextSeq - 1 > durable.seq();
                        boolean asked = requests > attempted;
                        boolean backingOff = failure != null && now - retryAtNanos < 0;
                        due = unsynced && (pendingBytes >= syncBatchBytes || now - unsyncedSince >= syncIntervalNanos);
                        if (asked || (due && !backingOff)) {
                            break;
                        }
                        if (!unsynced) {
                            writerWake.await();
                        } else {
                            long until = backingOff ? retryAtNanos : unsyncedSince + syncIntervalNanos;
                            writerWake.awaitNanos(Math.max(1, until - now));
                        }
                    }
                    attempt = requests;
                    // a round asked for by flush() alone writes without fsync
                    force = last || due || requestedSync > durable.seq();
                    unwritten.addAll(pending);
                    pending.clear();
                } finally {
                    lock.unlock();
                }
                writeRound(attempt, force);
            }
        } catch (InterruptedException e) {
            // only close() stops this thread; an interrupt from elsewhere ends it the same way
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                writerDone = true;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Writes what is unwritten and, if {@code force}, fsyncs it; then publishes progress or the failure. */
    private void writeRound(long attempt, boolean force) {
        JournalException error = null;
        boolean fatal = false;
        long bytesBefore = active.bytesWritten();
        try {
            active.write(unwritten);
            if (force) {
                active.force();
            }

        } catch (ActiveSegment.SyncFailedException e) {
            fatal = true;
            error = new JournalException("journal " + dir + ": fsync failed (" + DurableFiles.describe(e)
                    + "); events after seq " + durable.seq() + " may not be on disk: close and reopen the journal, "
                    + "which recovers from what is on disk", e);
        } catch (IOException | RuntimeException e) {
            fatal = active.undoFailed();
            error = new JournalException("journal " + dir + ": cannot write " + failedFile(e)
                    + " (" + (e instanceof IOException io ? DurableFiles.describe(io) : e.toString()) + "); "
                    + (fatal ? "the partial write could not be undone: close and reopen the journal"
                    : "the events stay queued and are retried: free disk space or make the directory writable"), e);
        }
        if (error == null && active.firstSeq() != capCheckedAt) {
            // a new segment was started: the closed one now counts against the cap (before progress is published,
            // so whoever waited for this round sees the cap's outcome in stats())
            enforceCap();
        }
        lock.lock();
        try {
            pendingBytes -= active.bytesWritten() - bytesBefore;
            writtenSeq = active.lastWrittenSeq();
            attempted = attempt;
            if (error == null) {
                if (force) {
                    durable = new Durable(writtenSeq, active.firstSeq(), active.size());
                    unsyncedSince = nextSeq - 1 > writtenSeq ? System.nanoTime() : 0;
                }
                if (failure != null) {
                    LOG.log(System.Logger.Level.INFO, "journal {0}: writing works again", dir);
                    failure = null;
                }
            } else {
                if (failure == null || fatal) {
                    LOG.log(System.Logger.Level.WARNING, error.getMessage());
                }
                failure = error;
                retryAtNanos = System.nanoTime() + Math.max(syncIntervalNanos, Duration.ofSeconds(1).toNanos());
                if (fatal) {
                    broken = error;
                }
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The file a failure names (a segment being created), else the active segment. */
    private String failedFile(Exception e) {
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            return Path.of(fse.getFile()).getFileName().toString();
        }
        return active.fileName();
    }

    // ---- reading and acknowledging ----

    /**
     * Up to {@code limit} durable events with seq above {@code after}, in seq order, across segments, and the
     * garbage lines skipped on the way. Finds the starting segment by name; a reader that continues from its
     * previous read's {@link JournalRead#lastSeq()} resumes at the byte where that read stopped.
     */
    public JournalRead readAfter(long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after must be 0 or more, was " + after);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        requireOpen();
        Durable d = durable;
        try {
            return reader.read(after, limit, d.seq(), d.activeFirst(), d.activeBytes());
        } catch (IOException e) {
            throw new JournalException("journal " + dir + " cannot be read (" + DurableFiles.describe(e)
                    + "); check the directory's permissions", e);
        }
    }

    /**
     * Persists the reader's cursor (atomically) and deletes every segment whose events all have seq up to
     * {@code seq}, never the active one. A cursor never moves back: a lower seq than the current cursor is ignored.
     *
     * @throws IllegalArgumentException when {@code seq} is beyond the last durable event (no reader can have seen it)
     * @throws JournalException         when the cursor cannot be written; it is unchanged and nothing is deleted
     */
    public void acknowledge(long seq) {
        requireOpen();
        long durableSeq = durable.seq();
        if (seq > durableSeq) {
            throw new IllegalArgumentException("cannot acknowledge seq " + seq + ": the last durable event in journal "
                    + dir + " is " + durableSeq);
        }
        synchronized (ackLock) {
            if (seq <= acknowledged) {
                return;
            }
            try {
                CursorFile.store(opener, dir, seq);
            } catch (IOException e) {
                throw new JournalException("journal " + dir + ": cannot write the cursor (" + DurableFiles.describe(e)
                        + "); it stays at " + acknowledged + " and no segment is deleted: free disk space or make the "
                        + "directory writable", e);
            }
            acknowledged = seq;
            deleteAcknowledgedSegments();
        }
    }

    private void deleteAcknowledgedSegments() {
        if (segments.deleteAcknowledged(acknowledged) > 0) {
            try {
                DurableFiles.fsyncDirectory(dir);
            } catch (IOException e) {
                // a deletion that is not durable yet is redone after a crash: the cursor is already on disk
                LOG.log(System.Logger.Level.DEBUG, "journal {0}: directory fsync after deletion failed", dir);
            }
        }
    }

    public long acknowledged() {
        return acknowledged;
    }

    /**
     * Called by the writer thread (and on open): deletes the oldest segments while the journal is over its cap, and
     * counts, persists and logs the events that were deleted unread.
     */
    private void enforceCap() {
        capCheckedAt = active.firstSeq();
        if (maxRetainedBytes <= 0) {
            return;
        }
        SegmentIndex.CapResult r;
        synchronized (ackLock) {
            r = segments.dropOverCap(maxRetainedBytes, active.firstSeq(), active.size(), acknowledged);
        }
        if (r.segments() == 0) {
            return;
        }
        try {
            DurableFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "journal {0}: directory fsync after the cap's deletion failed", dir);
        }
        if (r.events() > 0) {
            DroppedFile.Dropped now = dropped.plus(r.events(), r.throughSeq());
            dropped = now;
            try {
                DroppedFile.store(opener, dir, now);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "journal {0}: the count of dropped events cannot be saved ({1}); "
                        + "it is kept in memory until the next restart", dir, DurableFiles.describe(e));
            }
            LOG.log(System.Logger.Level.WARNING, "journal {0} reached its size cap of {1} bytes: {2} events up to seq "
                    + "{3} were deleted before any reader acknowledged them ({4} in all); the reader acknowledged up to "
                    + "seq {5}", dir, maxRetainedBytes, r.events(), r.throughSeq(), now.events(), acknowledged);
        }
    }

    public JournalStats stats() {
        Durable d = durable;
        long retained = segments.retainedBytes(d.activeFirst(), d.activeBytes());
        DroppedFile.Dropped lost = dropped;
        lock.lock();
        try {
            return new JournalStats(nextSeq - 1, durable.seq(), acknowledged, segments.oldestFirstSeq(), segments.size(),
                    pendingBytes, active.tornBytesDropped(), retained, maxRetainedBytes, lost.events(), lost.lastSeq());
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("journal " + dir + " is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and fsyncs every queued event, stops the writer thread and releases the directory.
     *
     * @throws JournalException when the last events could not be written (the message says how many were lost)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            writerWake.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(active);
        closeQuietly(fileLock);
        lock.lock();
        try {
            long lost = nextSeq - 1 - durable.seq();
            if (lost > 0) {
                JournalException cause = broken != null ? broken : failure;
                throw new JournalException("journal " + dir + " closed with " + lost + " events not on disk"
                        + (cause != null ? ": " + cause.getMessage() : ""), cause);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing after the data was synced (or after a failure already reported) has nothing left to report
        }
    }

    /** Settings of a journal; {@link #open()} refuses conflicting ones. */
    public static final class Builder {
        private final Path dir;
        private final String serviceName;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
        private int syncBatchBytes = DEFAULT_SYNC_BATCH_BYTES;
        private long maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
        private long maxRetainedBytes = DEFAULT_MAX_RETAINED_BYTES;
        private ChannelOpener opener = ChannelOpener.DEFAULT;

        private Builder(Path dir, String serviceName) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.serviceName = serviceName;
        }

        /** A segment is closed and a new one started when the next line would take it over this size. */
        public Builder segmentBytes(long bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        /** The longest an appended event waits to be fsynced when nobody asks for it sooner. */
        public Builder syncInterval(Duration interval) {
            this.syncInterval = Objects.requireNonNull(interval, "syncInterval");
            return this;
        }

        /** Queued bytes that trigger a write and fsync without waiting for the interval. */
        public Builder syncBatchBytes(int bytes) {
            this.syncBatchBytes = bytes;
            return this;
        }

        /** Queued bytes beyond which appends are refused (only reached while writes fail). */
        public Builder maxPendingBytes(long bytes) {
            this.maxPendingBytes = bytes;
            return this;
        }

        /**
         * The size cap: beyond it the oldest segments are deleted even if unread (counted and reported, see the
         * class comment); 0 for no cap. At least two segments.
         */
        public Builder maxRetainedBytes(long bytes) {
            this.maxRetainedBytes = bytes;
            return this;
        }

        Builder opener(ChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        public EventJournal open() {
            if (serviceName == null || serviceName.isBlank()) {
                throw new IllegalArgumentException("journal " + dir + ": serviceName is required (it prefixes every "
                        + "event.id); use the Jenkins controller's or CI's name");
            }
            if (segmentBytes < 1024) {
                throw new IllegalArgumentException("segmentBytes must be at least 1024, was " + segmentBytes);
            }
            if (syncInterval.isNegative() || syncInterval.isZero()) {
                throw new IllegalArgumentException("syncInterval must be positive, was " + syncInterval);
            }
            if (syncBatchBytes < 1) {
                throw new IllegalArgumentException("syncBatchBytes must be positive, was " + syncBatchBytes);
            }
            if (maxPendingBytes < syncBatchBytes || maxPendingBytes < NdjsonEvents.DEFAULT_MAX_LINE_BYTES + 64) {
                throw new IllegalArgumentException("maxPendingBytes (" + maxPendingBytes + ") must be at least "
                        + "syncBatchBytes (" + syncBatchBytes + ") and at least one maximal line ("
                        + (NdjsonEvents.DEFAULT_MAX_LINE_BYTES + 64) + " bytes)");
            }
            if (maxRetainedBytes != 0 && (maxRetainedBytes < 0 || maxRetainedBytes / 2 < segmentBytes)) {
                throw new IllegalArgumentException("maxRetainedBytes (" + maxRetainedBytes + ") must be 0 (no cap) or "
                        + "at least two segments (2 x " + segmentBytes + " bytes)");
            }
            return new EventJournal(this);
        }
    }
}
