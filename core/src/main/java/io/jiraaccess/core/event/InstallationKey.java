package io.jiraaccess.core.event;

import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.store.StoreException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The key behind credential fingerprints: 32 random bytes in {@code installation.key} (mode 0600), created on
 * first use. Installations that should fingerprint alike (CLI runners and a Jenkins controller feeding one daemon)
 * share the file, or set {@code JIRA_ACCESS_FINGERPRINT_KEY} (64 hex digits).
 */
public final class InstallationKey {
    public static final String FILE_NAME = "installation.key";
    public static final String ENV = "JIRA_ACCESS_FINGERPRINT_KEY";
    /** Shorter keys are refused: {@link Fingerprinter} needs at least 16 bytes. */
    static final int MIN_BYTES = 16;

    private InstallationKey() {
    }

    public static byte[] loadOrCreate(Path dir) {
        return loadOrCreate(dir, System::getenv);
    }

    /** As {@link #loadOrCreate(Path)}, reading {@link #ENV} from {@code environment}. */
    public static byte[] loadOrCreate(Path dir, Function<String, String> environment) {
        String env = environment.apply(ENV);
        if (env != null && !env.isBlank()) {
            try {
                byte[] k = HexFormat.of().parseHex(env.trim());
                if (k.length >= MIN_BYTES) {
                    return k;
                }
            } catch (IllegalArgumentException ignored) {
                // fall through to the error below, which does not quote the value
            }
            throw new StoreException(ENV + " must be at least 32 hex digits (64 recommended)");
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dir, ".installation", ".tmp", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n");
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs, so both fingerprint alike
                Files.deleteIfExists(tmp);
                return read(file);
            }
            return key;
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            // the key is a secret: the message never quotes the file's content
            throw new StoreException(file + " cannot be read or created; check the directory's permissions, "
                    + "or delete a corrupt key file (fingerprints then change)", e instanceof IOException ? e : null);
        }
    }

    private static byte[] read(Path file) throws IOException {
        // 64 hex digits and a newline; a device or a huge file here is not a key, and is not read to its end
        byte[] key = HexFormat.of().parseHex(new String(BoundedFiles.read(file, 4096), StandardCharsets.US_ASCII).trim());
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("key too short");
        }
        return key;
    }
}
