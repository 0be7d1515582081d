package io.jiraaccess.core.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** Where the CLI reads and writes, and the environment it sees: the process's own, or a test's. */
public record CliIo(PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
    public static CliIo system() {
        return new CliIo(System.out, System.err, System.in, System.getenv());
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
