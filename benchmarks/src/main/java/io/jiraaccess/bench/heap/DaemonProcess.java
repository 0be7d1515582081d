package io.jiraaccess.bench.heap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The real daemon as an operator runs it, {@code java -Xmx<N>m -jar audit-daemon.jar run --config FILE}, in a child
 * JVM that logs its collections to a GC log. Output goes to a log file. {@link #close()} stops it as a service
 * manager would (SIGTERM, then SIGKILL after a grace period); a shutdown hook and, where {@code setpriv} exists, the
 * parent-death signal make sure it does not outlive the bench.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final List<String> command;
    private final Path java;
    private final Path log;
    private final Process process;
    private final long launchedNanos;
    private final Thread shutdownHook;
    /* the parent-death signal fires when the thread that forked the child ends: fork from one long-lived thread */
    private final ExecutorService launcher;
    private Integer exitCode;

    private DaemonProcess(List<String> command, Path java, Path log, Process process, long launchedNanos,
                          ExecutorService launcher) {
        this.command = List.copyOf(command);
        this.java = java;
        this.log = log;
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.launcher = launcher;
        this.shutdownHook = new Thread(process::destroyForcibly, "heap-bench-daemon-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> run --config <config>} in {@code workDir}, output to {@code log}.
     */
    public static DaemonProcess start(Path java, List<String> jvmOptions, Path jar, Path config, Path workDir, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        List<String> launched = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            // SIGTERM to the daemon if the bench dies without stopping it (setpriv execs: the pid stays the daemon's)
            launched.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        launched.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(launched).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        ExecutorService launcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "heap-bench-daemon-launcher");
            t.setDaemon(true);
            return t;
        });
        long launchedAt = System.nanoTime();
        try {
            Process p = launcher.submit(pb::start).get(30, TimeUnit.SECONDS);
            return new DaemonProcess(cmd, java, log, p, launchedAt, launcher);
        } catch (ExecutionException e) {
            launcher.shutdownNow();
            throw new IllegalStateException("cannot start the daemon (" + String.join(" ", cmd) + "): "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            launcher.shutdownNow();
            throw new IllegalStateException("starting the daemon process did not finish", e);
        }
    }

    /** The command, as an operator would type it (without the parent-death wrapper). */
    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Seconds since the process was launched: close to (a few ms more than) the child JVM's own uptime. */
    public double uptimeSecondsAt(long nanoTime) {
        return (nanoTime - launchedNanos) / 1e9;
    }

    public Path log() {
        return log;
    }

    /** The exit code once it ended, else null. */
    public Integer exitCode() {
        if (exitCode == null && !process.isAlive()) {
            exitCode = process.exitValue();
        }
        return exitCode;
    }

    /** Waits until {@code GET <admin>/health} answers 200 with the admin token; fails if the process ends first. */
    public void awaitHealthy(URI admin, String adminToken, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(admin.resolve("/health")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + adminToken).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("the daemon ended with exit code " + exitCode() + " before it was "
                        + "healthy; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("the daemon's admin API did not answer /health within " + timeout.toSeconds()
                + " s (" + last + "); see " + log);
    }

    /** Resident set size of the process in MB, from /proc; -1 where unknown. */
    public double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * Runs {@code jcmd <pid> <args>} with the JDK that runs the daemon and returns its output, or null when that JDK
     * has no jcmd or it failed.
     */
    public String jcmd(String... args) {
        Path jcmd = java.resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid())));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGTERM, then SIGKILL after 30 s; {@link #exitCode()} tells how it ended. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    System.out.println("the daemon did not stop within " + GRACE.toSeconds() + " s of SIGTERM: killed");
                    process.destroyForcibly();
                    process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            launcher.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook kills it anyway
            }
        }
        exitCode();
    }

    /** The daemon jar: {@code given} if set, else {@code audit-daemon/target/audit-daemon.jar} of this checkout. */
    public static Path locateJar(String given, Path benchmarksTarget) {
        List<Path> candidates = new ArrayList<>();
        if (given != null) {
            candidates.add(Path.of(given));
        } else {
            // benchmarks/target/benchmarks.jar -> <repo>/audit-daemon/target/audit-daemon.jar
            Path repo = benchmarksTarget.toAbsolutePath().normalize().getParent().getParent();
            if (repo != null) {
                candidates.add(repo.resolve("audit-daemon/target/audit-daemon.jar"));
            }
            candidates.add(Path.of("audit-daemon/target/audit-daemon.jar"));
            candidates.add(Path.of("../audit-daemon/target/audit-daemon.jar"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("no daemon jar found (looked at " + candidates + "); build it with "
                + "./mvnw -pl audit-daemon -am package -DskipTests, or pass --daemon-jar FILE");
    }

    /** The {@code java} running this JVM, for a child on the same JDK. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
