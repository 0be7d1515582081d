package io.jiraaccess.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a bench's Markdown summary beside the benchmarks jar ({@code benchmarks/target/<name>.md}). */
public final class BenchReport {
    private BenchReport() {
    }

    /** The directory holding the benchmarks jar (or the classes directory when run from an IDE). */
    public static Path targetDir() {
        try {
            Path code = Path.of(BenchReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent();
            Files.createDirectories(dir);
            return dir;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate the benchmarks target directory", e);
        }
    }

    /** Writes {@code <name>.md} and prints where. */
    public static Path write(String name, String markdown) {
        Path file = targetDir().resolve(name + ".md");
        try {
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("summary written to " + file);
        return file;
    }
}
