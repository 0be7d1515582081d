package io.jiraaccess.core.rotation;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a real directory read-only for the duration of a test: mode 0500, or, where that does not stop the writer
 * (root ignores modes), the immutable attribute ({@code chattr +i}). Closing makes it writable again, so the test's
 * temporary directory can be deleted.
 */
final class ReadOnlyDirectory implements AutoCloseable {
    private final Path dir;
    private final boolean immutable;

    private ReadOnlyDirectory(Path dir, boolean immutable) {
        this.dir = dir;
        this.immutable = immutable;
    }

    static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (!writable(dir)) {
            return new ReadOnlyDirectory(dir, false);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        boolean set = chattr("+i", dir);
        Assumptions.assumeTrue(set && !writable(dir), "this machine cannot make a directory read-only for its user");
        return new ReadOnlyDirectory(dir, true);
    }

    /** The reason the OS gives for a refused write, as the store's error message quotes it. */
    String reason() {
        return immutable ? "Operation not permitted" : "AccessDeniedException";
    }

    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
        } catch (IOException noChattr) {
            return false;
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            chattr("-i", dir);
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
