package io.jiraaccess.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what core logs through {@code System.Logger} (backed by java.util.logging in core's tests), at every
 * level, so tests can assert that no secret reached a log line.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("io.jiraaccess");
    private final Level previous;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder b = new StringBuilder(r.getLevel() + " " + r.getLoggerName() + " " + formatter.formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                b.append('\n').append(w);
            }
            synchronized (lines) {
                lines.add(b.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(previous);
    }
}
