package io.jiraaccess.daemon.runner;

import io.jiraaccess.daemon.cursor.Cursor;
import io.jiraaccess.daemon.cursor.CursorConflictException;
import io.jiraaccess.daemon.cursor.CursorStore;
import io.jiraaccess.daemon.index.BatchIndexer;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.IndexingUnavailableException;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.ingest.Ingest;
import io.jiraaccess.daemon.ingest.Ingested;
import io.jiraaccess.daemon.source.Backlog;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Polls one source: read → ingest → index → commit. It reads from the committed cursor, has each batch ingested
 * ({@link Ingest}: records to documents and dead letters) and indexed, and saves the cursor batch by batch, in order,
 * only once Elasticsearch acknowledged everything up to it; then the batch is told ({@link SourceBatch#afterCommit()}).
 * Up to {@code maxInFlight} batches are in flight at once (read-ahead keeps the bulk pipeline full; memory stays
 * bounded). The route's Quartz trigger calls {@link #poll()}; a poll drains the source and returns. Failures are
 * reported in {@link SourceStatus} and rethrown for the route's error handler to log: a failing source backs off, and
 * everything pauses while Elasticsearch is down. This is the bean the routes call: it has no Camel types.
 */
public final class SourceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);
    /** The longest wait between attempts while Elasticsearch is down: it should be picked up soon after it is back. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /**
     * @param batchSize   events per read
     * @param maxInFlight batches submitted but not yet acknowledged
     * @param backoffBase wait after the first failure; doubled per consecutive failure
     * @param backoffMax  the longest wait
     */
    public record Settings(int batchSize, int maxInFlight, Duration backoffBase, Duration backoffMax) {
        public static final Settings DEFAULT = new Settings(1000, 4, Duration.ofSeconds(1), Duration.ofMinutes(5));

        public Settings withBatchSize(int size) {
            return new Settings(size, maxInFlight, backoffBase, backoffMax);
        }
    }

    private final EventSource source;
    private final Ingest ingest;
    private final CursorStore cursors;
    private final BatchIndexer indexer;
    private final TemplateInstaller templates;
    private final Settings settings;
    private final Clock clock;
    private final SourceStatus status;
    private volatile boolean stopping;

    public SourceRunner(EventSource source, CursorStore cursors, BatchIndexer indexer, TemplateInstaller templates,
                        Settings settings, Clock clock) {
        this.source = source;
        this.ingest = Ingest.of(source, clock);
        this.cursors = cursors;
        this.indexer = indexer;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
        this.status = new SourceStatus(source.id(), source.kind(), source::warning, clock);
    }

    public EventSource source() {
        return source;
    }

    public SourceStatus status() {
        return status;
    }

    /** Ends the current poll at the next batch boundary and refuses new ones (daemon shutdown). */
    public void stop() {
        stopping = true;
    }

    /**
     * One poll: drains the source unless it is backing off. Serialised: Quartz fires it as a stateful job, and the
     * lock keeps a manual call from overlapping a scheduled one.
     *
     * @throws SourceUnavailableException   the source failed (it now backs off)
     * @throws IndexingUnavailableException Elasticsearch did not acknowledge (the source pauses; nothing is lost)
     * @throws CursorConflictException      another daemon advanced this source's cursor
     */
    public synchronized void poll() {
        if (stopping || status.waiting(clock.instant())) {
            return;
        }
        Window window = new Window();
        try {
            templates.ensureInstalled();
            Cursor cursor = cursors.load(source.id());
            status.cursorLoaded(cursor.position());
            ingest.pollStarts();
            source.resume(cursor.position());
            window.cursor = cursor;
            String readPosition = cursor.position();
            boolean drained = false;
            while (!stopping) {
                SourceBatch batch = source.read(readPosition, settings.batchSize());
                Ingested in = ingest.ingest(batch);
                if (!in.isEmpty() || !Objects.equals(in.endPosition(), readPosition)) {
                    status.ingesting();
                    window.add(batch, in, indexer.submit(source.id(), in.documents(), in.deadLetters()));
                    readPosition = in.endPosition();
                }
                window.commitCompleted();
                if (batch.exhausted()) {
                    drained = true;
                    break;
                }
                if (window.size() >= settings.maxInFlight()) {
                    indexer.flush();
                    window.commitOldest();
                }
            }
            indexer.flush();
            window.commitAll();
            status.caughtUp(drained && !stopping, source.backlog(window.cursor.position()));
        } catch (SourceUnavailableException e) {
            commitWhatIsAcknowledged(window);
            Duration wait = backoff(status.consecutiveFailures() + 1, e.retryAfter());
            status.backingOff(e.getMessage(), wait);
            status.backlog(safeBacklog(window));
            throw new SourceUnavailableException(e.getMessage() + "; next attempt in " + wait.toSeconds() + " s",
                    e.retryAfter(), e);
        } catch (IndexingUnavailableException e) {
            Duration wait = backoff(status.consecutivePauses() + 1, null);
            if (wait.compareTo(MAX_PAUSE) > 0) {
                wait = MAX_PAUSE;
            }
            status.paused("Elasticsearch unavailable: " + e.getMessage(), wait);
            throw e;
        } catch (CursorConflictException e) {
            status.failed(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            status.failed(e.toString());
            throw e;
        }
    }

    /**
     * A poll whose failures are logged as {@code <source id> (<why>): <message>} instead of thrown (they are in the
     * status already): for callers that are not a route, such as the spool watch.
     */
    public Runnable loggedPoll(String why) {
        String id = source.id();
        return () -> {
            try {
                poll();
            } catch (SourceUnavailableException | IndexingUnavailableException e) {
                LOG.warn("{} ({}): {}", id, why, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} ({}) failed: {}", id, why, e.toString());
            }
        };
    }

    /** Exponential back-off from {@code backoffBase}, capped at {@code backoffMax}, never shorter than Retry-After. */
    Duration backoff(int failures, Duration retryAfter) {
        Duration d = settings.backoffBase();
        for (int i = 1; i < failures && d.compareTo(settings.backoffMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        if (d.compareTo(settings.backoffMax()) > 0) {
            d = settings.backoffMax();
        }
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    /** Before backing off, keeps the progress Elasticsearch already acknowledged. */
    private void commitWhatIsAcknowledged(Window window) {
        try {
            indexer.flush();
            window.commitAll();
        } catch (RuntimeException e) {
            LOG.debug("{}: could not commit in-flight batches before backing off: {}", source.id(), e.toString());
        }
    }

    private Backlog safeBacklog(Window window) {
        try {
            return source.backlog(window.cursor == null ? null : window.cursor.position());
        } catch (RuntimeException e) {
            return Backlog.UNKNOWN;
        }
    }

    /** Batches in flight, committed strictly in read order. */
    private final class Window {
        private final Deque<Pending> pending = new ArrayDeque<>();
        Cursor cursor = Cursor.NONE;

        void add(SourceBatch batch, Ingested ingested, CompletableFuture<BatchReceipt> ack) {
            pending.addLast(new Pending(batch, ingested, ack));
        }

        int size() {
            return pending.size();
        }

        void commitCompleted() {
            while (!pending.isEmpty() && pending.peekFirst().ack.isDone()) {
                commit(pending.removeFirst());
            }
        }

        void commitOldest() {
            if (!pending.isEmpty()) {
                commit(pending.removeFirst());
            }
        }

        void commitAll() {
            while (!pending.isEmpty()) {
                commit(pending.removeFirst());
            }
        }

        private void commit(Pending p) {
            BatchReceipt receipt;
            try {
                receipt = p.ack.get();
            } catch (ExecutionException e) {
                pending.clear(); // later batches must not be committed past this one: they are read again
                Throwable c = e.getCause();
                throw c instanceof IndexingUnavailableException iu ? iu
                        : new IndexingUnavailableException(String.valueOf(c), c);
            } catch (InterruptedException e) {
                pending.clear();
                Thread.currentThread().interrupt();
                throw new IndexingUnavailableException("interrupted while waiting for Elasticsearch", e);
            }
            Ingested in = p.ingested;
            if (in.endPosition() != null && !Objects.equals(in.endPosition(), cursor.position())) {
                cursor = cursors.save(source.id(), cursor, in.endPosition());
            }
            p.batch.afterCommit().accept(cursor.position());
            int rejected = in.deadLetters().size();
            status.committed(cursor.position(), receipt.indexed(), receipt.deadLettered() - rejected, rejected);
            if (rejected > 0) {
                LOG.warn("{}: {} record(s) that are not events went to the dead-letter index (first: {})", source.id(),
                        rejected, in.deadLetters().get(0).letter().errorMessage());
            }
        }
    }

    private record Pending(SourceBatch batch, Ingested ingested, CompletableFuture<BatchReceipt> ack) {
    }
}
