package io.jiraaccess.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a reader needs to judge a number: when, on what machine, with which Java and commit, and how busy the machine
 * was (the load average before and after: the build machine is shared, so a bench may compete with other work).
 */
public final class MachineFacts {
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadBefore = loadAverage();

    /** Markdown lines describing the machine and this run. */
    public String markdown() {
        return String.format(Locale.ROOT, """
                - date: %s (UTC)
                - machine: %d processors (%s), %s memory, %s %s (%s)
                - Java: %s %s, %s
                - commit: %s
                - load average (1, 5, 15 min) before: %s; after: %s
                """, started, Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemory(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vendor"),
                commit(), loadBefore, loadAverage());
    }

    public Instant started() {
        return started;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count is still reported
        }
        return "model unknown";
    }

    private static String totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** The checked-out commit, when run from a git checkout. */
    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                List<String> dirty = new String(new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .start().getInputStream().readAllBytes()).lines().toList();
                return out + (dirty.isEmpty() ? "" : " (with uncommitted changes)");
            }
        } catch (IOException e) {
            // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
