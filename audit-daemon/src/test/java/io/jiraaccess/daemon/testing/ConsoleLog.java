package io.jiraaccess.daemon.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A log file of this test JVM's console from the moment it is installed: everything written to System.out and
 * System.err (where the daemon, the workload and Camel log) still goes where it went and is also appended to a file,
 * so the leak scan ({@code SecretLeakScanIT}) can read the logs of the end-to-end run as it reads any other log file.
 * Installed once per JVM, never removed.
 */
public final class ConsoleLog {
    private static ConsoleLog installed;

    private final Path file;
    private final OutputStream out;
    private final PrintStream stdout;
    private final PrintStream stderr;

    private ConsoleLog(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.file = file.toAbsolutePath();
        this.out = new FileOutputStream(this.file.toFile(), true);
        this.stdout = tee(System.out);
        this.stderr = tee(System.err);
        System.setOut(stdout);
        System.setErr(stderr);
    }

    /** Installs the console log writing to {@code file}, or returns the one already installed (whatever its file). */
    public static synchronized ConsoleLog install(Path file) {
        if (installed == null) {
            try {
                installed = new ConsoleLog(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the console log " + file, e);
            }
        }
        return installed;
    }

    /** The file the console is copied to. */
    public Path file() {
        return file;
    }

    /**
     * True while System.out and System.err still write into this log (directly or through a capture that another
     * test put in front and will remove): a scan of the file then saw everything printed since it was installed.
     */
    public boolean isRecording() {
        return System.out == stdout && System.err == stderr;
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                original.write(b);
                synchronized (out) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                original.write(b, off, len);
                synchronized (out) {
                    out.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
