package io.jiraaccess.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteReplacesTheFileWholeLeavesNoTemporaryFileAndOnlyItsOwnerMayReadIt() throws IOException {
        Path target = dir.resolve("cursor.json");
        DurableFiles.writeAtomically(target, "old".getBytes(StandardCharsets.UTF_8));
        DurableFiles.writeAtomically(target, "new and longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("new and longer", Files.readString(target));
        assertEquals(List.of("cursor.json"), names());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.html");
        Files.createDirectories(target.resolve("in-the-way"));
        IOException e = assertThrows(IOException.class,
                () -> DurableFiles.writeAtomically(target, "x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isDirectory(target.resolve("in-the-way")), "untouched");
        assertEquals(List.of("report.html"), names(), "the temporary file is gone: " + e);
    }

    @Test
    void describeGivesTheReasonAndTheFixForAFileSystemWithoutAtomicRenames() {
        assertEquals("the file system does not support atomic renames; use a local directory",
                DurableFiles.describe(new AtomicMoveNotSupportedException("a", "b", "x")));
        assertEquals("No space left on device", DurableFiles.describe(new java.nio.file.FileSystemException("f", null,
                "No space left on device")));
    }
}
