package io.jiraaccess.core.event;

import io.jiraaccess.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallationKeyTest {
    static final java.util.function.Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path tmp;

    @Test
    void keyIsCreatedOnceOwnerOnlyAndReadBack() throws Exception {
        Path dir = tmp.resolve("store");
        byte[] first = InstallationKey.loadOrCreate(dir, NO_ENV);
        assertEquals(32, first.length);
        Path file = dir.resolve(InstallationKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(HexFormat.of().formatHex(first) + "\n", Files.readString(file));
        assertArrayEquals(first, InstallationKey.loadOrCreate(dir, NO_ENV));
        assertArrayEquals(first, InstallationKey.loadOrCreate(dir));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file left behind");
        }
    }

    @Test
    void twoInstallationsGetDifferentKeys() {
        assertFalse(java.util.Arrays.equals(InstallationKey.loadOrCreate(tmp.resolve("a"), NO_ENV),
                InstallationKey.loadOrCreate(tmp.resolve("b"), NO_ENV)));
    }

    @Test
    void environmentKeyWinsOverTheFile() {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        byte[] key = InstallationKey.loadOrCreate(tmp.resolve("store"), Map.of(InstallationKey.ENV, hex)::get);
        assertArrayEquals(HexFormat.of().parseHex(hex), key);
        assertFalse(Files.exists(tmp.resolve("store").resolve(InstallationKey.FILE_NAME)));
    }

    @Test
    void shortOrMalformedEnvironmentKeyIsRefusedWithoutEchoingIt() {
        for (String bad : new String[] {"abcdef", "zz112233445566778899aabbccddeeff00"}) {
            StoreException e = assertThrows(StoreException.class,
                    () -> InstallationKey.loadOrCreate(tmp.resolve("store"), Map.of(InstallationKey.ENV, bad)::get));
            assertEquals("JIRA_ACCESS_FINGERPRINT_KEY must be at least 32 hex digits (64 recommended)", e.getMessage());
        }
    }

    @Test
    void corruptOrShortKeyFileIsReportedWithoutItsContent() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("store"));
        Path file = dir.resolve(InstallationKey.FILE_NAME);
        for (String content : new String[] {"not-hex-secretish-content\n", "abcd\n", ""}) {
            Files.writeString(file, content);
            StoreException e = assertThrows(StoreException.class, () -> InstallationKey.loadOrCreate(dir, NO_ENV));
            assertTrue(e.getMessage().startsWith(file + " cannot be read or created"), e.getMessage());
            assertTrue(e.getMessage().contains("delete a corrupt key file (fingerprints then change)"), e.getMessage());
            assertFalse(e.getMessage().contains("secretish"), e.getMessage());
        }
    }
}
