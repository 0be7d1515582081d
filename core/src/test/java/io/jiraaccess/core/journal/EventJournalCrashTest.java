package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.jiraaccess.core.journal.TestEvents.range;
import static io.jiraaccess.core.journal.TestEvents.readAll;
import static io.jiraaccess.core.journal.TestEvents.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real process appends and is killed with SIGKILL; the journal it leaves must reopen consistently. */
class EventJournalCrashTest {
    @TempDir
    Path dir;

    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;

        Child(Path dir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    JournalCrashChild.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String nextLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the child process ended early (exit " + exitCode() + ")");
            }
            return line;
        }

        private String exitCode() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        /** Reads progress until the child reports {@code target} durable; returns the highest it reported. */
        long awaitDurable(long target) throws IOException {
            long durable = 0;
            while (durable < target) {
                String line = nextLine();
                if (line.startsWith("durable ")) {
                    durable = Math.max(durable, Long.parseLong(line.substring("durable ".length())));
                }
            }
            return durable;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child died");
            assertEquals(137, process.exitValue(), "killed by SIGKILL (128 + 9)");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void journalOfAKilledProcessReopensWithEverySyncedEventAndNoReusedSeq() throws Exception {
        long promised;
        try (Child child = new Child(dir)) {
            assertEquals("ready", child.nextLine());
            JournalException inUse = assertThrows(JournalException.class, () -> EventJournal.open(dir, "second"));
            assertThat(inUse.getMessage()).contains("in use by another process")
                    .contains("(pid " + child.process.pid() + ")");
            promised = child.awaitDurable(1000);
            child.kill();
        }
        long lastAfterFirstCrash = assertConsistent(promised);

        // a second life continues the sequence and is killed as well
        long promisedAgain;
        try (Child child = new Child(dir)) {
            assertEquals("ready", child.nextLine());
            promisedAgain = child.awaitDurable(lastAfterFirstCrash + 1000);
            child.kill();
        }
        long last = assertConsistent(promisedAgain);
        assertThat(last).isGreaterThan(lastAfterFirstCrash);
    }

    /** Every promised event is there, seqs are 1..N without gap or duplicate, and the next append gets N+1. */
    private long assertConsistent(long promised) {
        try (EventJournal journal = EventJournal.open(dir, "checker")) {
            List<AuditEvent> all = readAll(journal, 0, 5000);
            long last = all.get(all.size() - 1).seq();
            assertThat(last).isGreaterThanOrEqualTo(promised);
            assertEquals(range(1, last), seqs(all));
            Set<String> ids = new HashSet<>();
            for (AuditEvent e : all) {
                assertTrue(ids.add(e.id()), "event.id " + e.id() + " appears once");
            }
            assertEquals(0, journal.readAfter(0, Integer.MAX_VALUE).skippedCount());
            assertEquals(last, journal.stats().durableSeq());
            long next = journal.append(TestEvents.event("after the crash"));
            assertEquals(last + 1, next);
            journal.sync();
            return next;
        }
    }
}
