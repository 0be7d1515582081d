package io.jiraaccess.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what core logs through {@code System.Logger} (backed by java.util.logging when no other backend is
 * installed) below a logger name, formatted as a reader would see it, thrown exceptions included.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new ArrayList<>();
    private final Formatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs(String name) {
        // hold the logger strongly: java.util.logging forgets unreferenced loggers, and their handlers with them
        this.logger = Logger.getLogger(name);
        this.previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures everything logged under {@code io.jiraaccess}. */
    public static CapturedLogs start() {
        return start("io.jiraaccess");
    }

    public static CapturedLogs start(String loggerName) {
        return new CapturedLogs(loggerName);
    }

    /** Every captured line: level, logger, formatted message and any exception with its causes. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                out.add(formatter.format(r));
            }
        }
        return out;
    }

    /** Formatted messages at {@code level} exactly. */
    public List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                if (r.getLevel().equals(level)) {
                    out.add(formatter.formatMessage(r));
                }
            }
        }
        return out;
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
