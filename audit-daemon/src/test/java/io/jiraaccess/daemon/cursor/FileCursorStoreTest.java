package io.jiraaccess.daemon.cursor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCursorStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSavedCursorIsWhatTheNextStoreLoads() {
        FileCursorStore store = new FileCursorStore(dir, Clock.systemUTC());
        assertTrue(store.load("spool").isNone());
        Cursor c1 = store.save("spool", Cursor.NONE, "p1");
        Cursor c2 = store.save("spool", c1, "p2");
        assertEquals("p2", new FileCursorStore(dir, Clock.systemUTC()).load("spool").position());
        assertEquals(c2, new FileCursorStore(dir, Clock.systemUTC()).load("spool"));
        assertEquals("2", c2.revision());
    }

    @Test
    void aSaveBasedOnAStaleCursorIsRefused() {
        FileCursorStore a = new FileCursorStore(dir, Clock.systemUTC());
        FileCursorStore b = new FileCursorStore(dir, Clock.systemUTC());
        Cursor loaded = a.load("jenkins-ci");
        b.save("jenkins-ci", loaded, "10");
        assertThatThrownBy(() -> a.save("jenkins-ci", loaded, "20")).isInstanceOf(CursorConflictException.class);
        assertEquals("10", a.load("jenkins-ci").position());
    }

    @Test
    void savesLeaveNoTemporaryFilesBehind() throws Exception {
        FileCursorStore store = new FileCursorStore(dir, Clock.systemUTC());
        Cursor c = Cursor.NONE;
        for (int i = 0; i < 5; i++) {
            c = store.save("spool", c, "p" + i);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(".lock", "spool.cursor.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void sourceIdsThatAreNotFileNamesAreRefused() {
        FileCursorStore store = new FileCursorStore(dir, Clock.systemUTC());
        assertThatThrownBy(() -> store.load("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
