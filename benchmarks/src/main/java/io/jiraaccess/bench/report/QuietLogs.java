package io.jiraaccess.bench.report;

/** Keeps the daemon's and Elasticsearch client's INFO logs out of a bench's output unless asked for. */
public final class QuietLogs {
    private QuietLogs() {
    }

    /** Call first in {@code main}, before any logger exists. */
    public static void unless(boolean verbose) {
        if (!verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
