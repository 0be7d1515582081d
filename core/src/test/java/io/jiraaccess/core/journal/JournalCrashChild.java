package io.jiraaccess.core.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link EventJournalCrashTest}: appends from two threads until it is killed, one waiting
 * for durability every 10 events, the other only flushing now and then (and otherwise relying on the background
 * sync). It prints
 * {@code ready} once the journal is open, and {@code durable <seq>} each time a {@code sync()} returned, so the
 * parent knows which events were promised to survive.
 */
public final class JournalCrashChild {
    private JournalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        EventJournal journal = EventJournal.builder(Path.of(args[0]), "crash-child")
                .segmentBytes(64 * 1024)
                .syncInterval(Duration.ofMillis(5))
                .open();
        System.out.println("ready");
        System.out.flush();
        Thread background = new Thread(() -> {
            for (long i = 0; ; i++) {
                journal.append(TestEvents.event("background-" + i));
                if (i % 50 == 49) {
                    // written but not fsynced: a kill lands while such events sit in the page cache
                    journal.flush();
                }
            }
        });
        background.setDaemon(true);
        background.start();
        for (long i = 0; ; i++) {
            long seq = journal.append(TestEvents.event("syncing-" + i));
            if (i % 10 == 9) {
                journal.awaitDurable(seq);
                System.out.println("durable " + seq);
                System.out.flush();
            }
        }
    }
}
