package io.jiraaccess.core.connect;

import io.jiraaccess.core.secret.SecretForms;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What is logged through JUL (System.Logger's default backend) while open, formatted as it would be printed: every
 * level for our own loggers ({@code io.jiraaccess}), the configured levels for everything else (lowering the JDK's
 * own loggers to FINEST would make them log, slowly, far more than any production setup does).
 */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Logger ours = Logger.getLogger("io.jiraaccess");
    private final Level previousLevel = ours.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord r) {
            lines.add(formatter.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLogs() {
        handler.setLevel(Level.ALL);
        ours.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    synchronized String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        ours.setLevel(previousLevel);
    }

    /** Fails when any printed form of a secret, or any of the literal values, occurs in {@code text}. */
    static void assertNoLeak(String text, String secret, String... literals) {
        for (String form : SecretForms.of(secret)) {
            assertFalse(text.contains(form), "a form of the shared secret leaked: " + describe(text));
        }
        for (String literal : literals) {
            assertFalse(literal != null && literal.length() >= 8 && text.contains(literal), "a token leaked: " + describe(text));
        }
    }

    private static String describe(String text) {
        return text.length() + " characters of captured text";
    }
}
