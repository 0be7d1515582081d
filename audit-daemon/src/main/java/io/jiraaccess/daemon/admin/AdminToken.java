package io.jiraaccess.daemon.admin;

import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.secret.SecretValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin API's bearer token: configured ({@code admin.token}), or generated once into {@code <state>/admin-token}
 * (mode 0600) and reused. Presented tokens are compared in constant time (SHA-256 digests, so not even the length leaks).
 */
public final class AdminToken {
    public static final String FILE_NAME = "admin-token";

    private final SecretValue token;
    private final byte[] digest;
    private final Path file;

    private AdminToken(SecretValue token, Path file) {
        this.token = token;
        this.digest = sha256(token.utf8());
        this.file = file;
    }

    public static AdminToken of(SecretValue token) {
        return new AdminToken(token, null);
    }

    /** The configured token, or the one in the state directory (generated on first use). */
    public static AdminToken resolve(SecretValue configured, Path stateDir) {
        if (configured != null) {
            return of(configured);
        }
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException e) {
                    // another daemon on this state directory generated it first: use theirs
                }
            }
            // the file holds 64 hex digits: read no more than a little over that, whatever the file has become
            String value = new String(BoundedFiles.read(file, 4096), StandardCharsets.UTF_8).trim();
            if (value.length() < 16) {
                throw new IllegalStateException(file + " holds no usable admin token; delete it to generate a new one");
            }
            return new AdminToken(SecretValue.of(value), file);
        } catch (BoundedFiles.TooLarge e) {
            throw new IllegalStateException(file + " holds more than an admin token; delete it to generate a new one");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }

    /** Where the generated token lives, or null when it was configured. */
    public Path file() {
        return file;
    }

    public SecretValue value() {
        return token;
    }

    /** True when {@code authorization} is {@code Bearer <this token>}. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // still hash something, so a missing header costs the same as a wrong one
            MessageDigest.isEqual(digest, sha256(new byte[0]));
            return false;
        }
        byte[] presented = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(digest, presented);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
