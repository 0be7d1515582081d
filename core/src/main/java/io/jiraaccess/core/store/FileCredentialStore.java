package io.jiraaccess.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.files.BoundedFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.files.DurableFiles;
import io.jiraaccess.core.secret.SecretValue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One JSON file per credential in a directory, mode 0600 (the directory 0700). Writes are atomic and durable:
 * a temporary file is written and fsynced, renamed over the old file, and the directory fsynced, so a crash
 * leaves either the old state or the new one, never a torn file. Locks are OS file locks, so several processes
 * (parallel pipeline steps) can share one store.
 */
public final class FileCredentialStore implements CredentialStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final String SUFFIX = ".json";

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** A credential's state is a few tokens and markers; a larger file is not one of ours. */
    static final int MAX_STATE_BYTES = 1024 * 1024;

    private final Path dir;

    public FileCredentialStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(this.dir)) {
                Files.createDirectories(this.dir);
                setMode(this.dir, DIR_MODE);
            }
        } catch (IOException e) {
            throw new StoreException("credential store " + this.dir + " cannot be created (" + DurableFiles.describe(e)
                    + "); choose a writable --store directory", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The store directory: processes sharing it share credentials, and so may share cached tokens. */
    @Override
    public String scope(String credentialId) {
        return "file:" + dir.toAbsolutePath().normalize();
    }

    @Override
    public Optional<CredentialState> load(String credentialId) {
        Path file = file(credentialId);
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, MAX_STATE_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (BoundedFiles.TooLarge e) {
            throw new StoreException("credential store file " + file + " is larger than " + MAX_STATE_BYTES
                    + " bytes, which no credential's state is; restore it from a backup or delete it and re-enter the "
                    + "credential", null);
        } catch (IOException e) {
            throw new StoreException("credential store file " + file + " cannot be read (" + DurableFiles.describe(e)
                    + "); check its permissions", e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, SecretValue> secrets = new LinkedHashMap<>();
            copy(root.path("attributes"), attributes);
            Map<String, String> raw = new LinkedHashMap<>();
            copy(root.path("secrets"), raw);
            raw.forEach((k, v) -> secrets.put(k, SecretValue.of(v)));
            return Optional.of(new CredentialState(attributes, secrets));
        } catch (IOException | RuntimeException e) {
            // never quote the content: it holds secrets
            throw new StoreException("credential store file " + file + " is corrupt; restore it from a backup or delete it "
                    + "and re-enter the credential", null);
        }
    }

    private static void copy(JsonNode node, Map<String, String> into) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue().asText());
        }
    }

    @Override
    public void save(String credentialId, CredentialState state) {
        Path file = file(credentialId);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode a = root.putObject("attributes");
        state.attributes().forEach(a::put);
        ObjectNode s = root.putObject("secrets");
        state.secrets().forEach((k, v) -> s.put(k, v.reveal()));
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new StoreException("credential " + credentialId + ": state cannot be serialized", null);
        }
        try {
            DurableFiles.writeAtomically(file, bytes);
        } catch (IOException e) {
            throw new StoreException("credential " + credentialId + ": state cannot be written to " + dir + " ("
                    + DurableFiles.describe(e) + "); the previous state is kept; free disk space or fix permissions", e);
        }
    }

    @Override
    public void delete(String credentialId) {
        try {
            Files.deleteIfExists(file(credentialId));
            DurableFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("credential " + credentialId + ": state cannot be deleted from " + dir + " ("
                    + DurableFiles.describe(e) + ")", e);
        }
    }

    @Override
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .forEach(n -> ids.add(n.substring(0, n.length() - SUFFIX.length())));
        } catch (IOException e) {
            throw new StoreException("credential store " + dir + " cannot be listed (" + DurableFiles.describe(e) + ")", e);
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public <T> T withLock(String credentialId, Supplier<T> action) {
        Path lockFile = dir.resolve("." + safe(credentialId) + ".lock");
        // one JVM-wide lock per lock file: the OS lock is held per process, and a second FileLock on the same file in
        // this JVM (another store instance, or a nested call) would throw OverlappingFileLockException
        ReentrantLock local = LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return action.get();
            }
            try (FileChannel ch = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
                 FileLock ignored = ch.lock()) {
                return action.get();
            } catch (IOException e) {
                throw new StoreException("credential " + credentialId + ": cannot lock " + lockFile + " (" + DurableFiles.describe(e)
                        + "); check the store directory's permissions", e);
            }
        } finally {
            local.unlock();
        }
    }

    private Path file(String credentialId) {
        return dir.resolve(safe(credentialId) + SUFFIX);
    }

    /** Credential ids are validated when parsed; this guards stores used with ids from elsewhere. */
    private static String safe(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")) {
            throw new StoreException("credential id '" + id + "' cannot name a store file; use letters, digits, '.', '_', '@', '-'");
        }
        return id;
    }

    private static void setMode(Path p, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): rely on the directory's ACL
        }
    }
}
