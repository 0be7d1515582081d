package io.jiraaccess.core.rotation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jira-access} run in a child JVM on this test's class path (so {@link StepHook} is on it), with its own
 * environment; stdout and stderr are collected, and the {@link StepHook} marker is awaited on stderr.
 */
final class ChildCli implements AutoCloseable {
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private final Thread outReader;
    private final Thread errReader;

    private ChildCli(Process process) {
        this.process = process;
        outReader = reader(process.getInputStream(), out, false);
        errReader = reader(process.getErrorStream(), err, true);
    }

    /** Starts {@code jira-access args}; with {@code stopAfter} the {@link StepHook} stops it after that step. */
    static ChildCli start(Map<String, String> env, String stopAfter, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(classPath());
        if (stopAfter != null) {
            cmd.add("-D" + StepHook.STOP_AFTER + "=" + stopAfter);
        }
        cmd.add("io.jiraaccess.core.cli.JiraAccessCli");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("JIRA_ACCESS"));
        pb.environment().putAll(env);
        return new ChildCli(pb.start());
    }

    /** Surefire and failsafe put the test class path here; {@code java.class.path} may be a manifest-only jar. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private Thread reader(InputStream in, StringBuffer into, boolean watchMarker) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                    if (watchMarker && line.startsWith(StepHook.MARKER)) {
                        stopped.complete(line.substring(StepHook.MARKER.length()));
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            } finally {
                if (watchMarker) {
                    stopped.completeExceptionally(new IllegalStateException("the child ended without stopping at its step"));
                }
            }
        }, "child-cli-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until the hook stopped the child; returns {@code <step> <rotation id>}. */
    String awaitStopped(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("child exited " + (process.isAlive() ? "?" : process.exitValue())
                    + " without stopping; stdout:\n" + out + "stderr:\n" + err, e);
        }
    }

    /** SIGKILL: no shutdown hook, no finally block runs in the child. Returns its exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        joinReaders();
        return process.exitValue();
    }

    /** Lets a stopped child go on. */
    void release() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish within " + timeout + "; stdout:\n" + out + "stderr:\n" + err);
        }
        joinReaders();
        return process.exitValue();
    }

    private void joinReaders() throws InterruptedException {
        outReader.join(10_000);
        errReader.join(10_000);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
