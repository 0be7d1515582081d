package io.jiraaccess.core.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool directory's convention, shared by its writers and its reader (the daemon): a complete file is a
 * {@code *.ndjson} whose name does not start with a dot. Writers create a dot-named temporary file, fsync it and
 * rename it, so a complete name never shows half a file; {@link SpoolWriter} names them
 * {@code events-<UTC timestamp>-<random>.ndjson}, so name order is creation order.
 */
public final class SpoolFiles {
    public static final String SUFFIX = ".ndjson";

    private SpoolFiles() {
    }

    /** Whether a reader may take this file: complete, not a temporary one still being written. */
    public static boolean isComplete(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && !name.startsWith(".") && name.length() > SUFFIX.length();
    }

    /** The complete spool files in {@code dir}, oldest name first; an absent directory holds none. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                if (isComplete(file) && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }
}
