package io.jiraaccess.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a fed daemon's loads come from: its configuration (both polls every second), its spool directory and a Jenkins
 * journal endpoint in the bench's JVM, living as long as the daemon does. Every load adds new spool files and new
 * journal events (new ids and seqs, the same shape and size).
 */
final class LoadFeed implements AutoCloseable {
    private final DaemonSetup setup;
    private final JournalEndpoint journal;
    private final SpoolFeed spool;

    private LoadFeed(DaemonSetup setup, JournalEndpoint journal, SpoolFeed spool) {
        this.setup = setup;
        this.journal = journal;
        this.spool = spool;
    }

    /** Writes a daemon configuration against {@code es} in {@code dir} (emptied first) and starts the journal endpoint. */
    static LoadFeed open(BenchElasticsearch es, Path dir) {
        BenchElasticsearch.deleteTree(dir);
        // event seq n is at midnight (UTC) + n ms: the loads of a long bench stay in today's daily index, as the raw
        // loads' events (at the time of their run) do, however long the daemon lives
        EventLines lines = new EventLines(Instant.now().truncatedTo(ChronoUnit.DAYS));
        String token = DaemonSetup.newJenkinsToken();
        JournalEndpoint journal;
        try {
            journal = new JournalEndpoint(lines, IngestRuns.JOURNAL_SERVICE, DaemonSetup.JENKINS_USER, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal endpoint", e);
        }
        try {
            DaemonSetup setup = DaemonSetup.write(dir, es.url(), journal.url(), token, DaemonSetup.everySeconds(1),
                    DaemonSetup.everySeconds(1));
            return new LoadFeed(setup, journal, new SpoolFeed(setup.spoolDir(), lines, IngestRuns.SPOOL_SERVICE));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    DaemonSetup setup() {
        return setup;
    }

    /** Writes the spool half of a load as hidden files (not timed). */
    void stage(long spoolEvents, int perFile) {
        spool.stage(spoolEvents, perFile);
    }

    /** Offers a staged load: the spool files appear, the journal's head moves on by {@code journalEvents}. */
    void release(long journalEvents) {
        spool.release();
        journal.offer(journalEvents);
    }

    @Override
    public void close() {
        journal.close();
    }
}
