package io.jiraaccess.daemon.source;

import io.jiraaccess.core.journal.SpoolFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls the spool as soon as a complete spool file appears in its directory ({@link SpoolFiles#isComplete}: a writer
 * renames its finished file into place), between the source's scheduled polls: a file dropped into the spool is indexed
 * within about a second instead of at the next {@code spool.poll}. The schedule still runs (a missed or coalesced
 * notice, a file system without change notices, a source backing off: the next scheduled poll reads what is there).
 * <p>Notices that arrive while a poll runs lead to exactly one more poll after it, so a burst of files costs two polls,
 * not one per file. A poll's failure is logged and reported in the source's status as a scheduled one's is; the watch
 * goes on. No Camel types: the daemon wires it beside the spool's Quartz route.
 */
public final class SpoolWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWatch.class);

    private final Path dir;
    private final Runnable poll;
    private final WatchService watcher;
    private final Thread thread;
    private final ExecutorService polls;
    private final AtomicBoolean queued = new AtomicBoolean();

    private SpoolWatch(Path dir, Runnable poll, WatchService watcher) {
        this.dir = dir;
        this.poll = poll;
        this.watcher = watcher;
        this.polls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spool-watch-poll");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::watch, "spool-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code dir} (created if absent) and calls {@code poll} after new spool files.
     *
     * @throws IOException the directory cannot be created or watched
     */
    public static SpoolWatch start(Path dir, Runnable poll) throws IOException {
        Files.createDirectories(dir);
        WatchService watcher = dir.getFileSystem().newWatchService();
        try {
            // a complete file is renamed into place: created, never modified afterwards
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        SpoolWatch w = new SpoolWatch(dir, poll, watcher);
        w.thread.start();
        return w;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean spoolFile = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    spoolFile |= asksForPoll(e.kind(), e.context());
                }
                if (spoolFile) {
                    requestPoll();
                }
                if (!key.reset()) {
                    LOG.warn("Spool directory {} can no longer be watched (removed?); new files wait for the scheduled poll",
                            dir);
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        }
    }

    /** Whether a notice asks for a poll: a complete spool file appeared, or notices were lost (overflow). */
    static boolean asksForPoll(WatchEvent.Kind<?> kind, Object context) {
        return kind == StandardWatchEventKinds.OVERFLOW
                || kind == StandardWatchEventKinds.ENTRY_CREATE && context instanceof Path p && SpoolFiles.isComplete(p);
    }

    /** Whether a poll is waiting to run (a notice came since the last poll began). */
    boolean pollQueued() {
        return queued.get();
    }

    private void requestPoll() {
        if (queued.compareAndSet(false, true)) {
            try {
                polls.execute(() -> {
                    queued.set(false); // a notice from now on asks for one more poll after this one
                    poll.run();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                queued.set(false);
            }
        }
    }

    /** Stops watching; waits briefly for a poll in progress (stop the runner first, so it ends at a batch boundary). */
    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the spool watch: {}", e.toString());
        }
        thread.interrupt();
        polls.shutdown(); // not interrupted: a stopped runner ends its poll at the next batch boundary
        try {
            if (!polls.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("A spool poll did not end within 30 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
