package io.jiraaccess.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The daemon jar in a child JVM, as an operator runs it ({@code run --config}), its output appended to a log file:
 * started, killed with SIGKILL, started again, stopped with SIGTERM.
 */
public final class DaemonProcess implements AutoCloseable {
    private final String name;
    private final Path config;
    private final Path log;
    private final URI admin;
    private Process process;

    public DaemonProcess(String name, Path config, Path log, URI admin) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.admin = admin;
    }

    public String name() {
        return name;
    }

    public URI admin() {
        return admin;
    }

    public Path log() {
        return log;
    }

    public synchronized DaemonProcess start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("jira-access.daemon.jar", "target/audit-daemon.jar");
        try {
            // C1 only and the serial collector: a quicker start on a busy machine, nothing the tests depend on
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                    new File(jar).getAbsolutePath(), "run", "--config", config.toString())
                    .directory(config.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code /health} answers. */
    public DaemonProcess awaitUp(Duration timeout) {
        Await.until(timeout, () -> name + " answers /health (alive: " + isAlive() + ", log " + log + ")", () -> {
            try {
                TestDaemon.health(admin);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return this;
    }

    public JsonNode health() {
        return TestDaemon.health(admin);
    }

    public String metrics() {
        return metrics(admin);
    }

    /** GET /metrics with the admin token. */
    public static String metrics(URI admin) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin.resolve("/metrics"))
                    .header("Authorization", "Bearer " + TestDaemon.ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no cursor save. Returns the moment the signal was sent. */
    public synchronized Instant kill() {
        Process p = process;
        process = null;
        Instant at = Instant.now();
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (p.isAlive() || p.exitValue() != 137) {
            throw new IllegalStateException(name + " did not die of SIGKILL");
        }
        return at;
    }

    /** SIGTERM: the daemon stops its sources, flushes and leaves the cluster. */
    @Override
    public synchronized void close() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
