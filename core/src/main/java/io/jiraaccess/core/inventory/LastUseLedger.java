package io.jiraaccess.core.inventory;

import io.jiraaccess.core.files.DurableFiles;
import io.jiraaccess.core.store.StoreException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each credential was last used, kept apart from the credentials themselves so a use never rewrites the
 * credential store. A small properties file, rewritten atomically; a use within {@code resolution} of the recorded
 * one is not written again, so a busy credential costs one write per resolution, not one per request.
 */
public final class LastUseLedger {
    private final Path file;
    private final Duration resolution;
    private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();

    public LastUseLedger(Path file, Duration resolution) {
        this.file = file;
        this.resolution = resolution;
        load();
    }

    public Optional<Instant> lastUse(String credentialId) {
        return Optional.ofNullable(lastUse.get(credentialId));
    }

    /** Records a use; returns true when the file was rewritten. */
    public boolean record(String credentialId, Instant when) {
        Instant[] previous = new Instant[1];
        lastUse.compute(credentialId, (k, old) -> {
            previous[0] = old;
            return old == null || when.isAfter(old) ? when : old;
        });
        if (previous[0] != null && when.isBefore(previous[0].plus(resolution))) {
            return false;
        }
        save();
        return true;
    }

    public void forget(String credentialId) {
        if (lastUse.remove(credentialId) != null) {
            save();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StoreException(file + " cannot be read; check its permissions, or delete it (last-use times are then lost)", e);
        }
        for (String id : p.stringPropertyNames()) {
            try {
                lastUse.put(id, Instant.parse(p.getProperty(id)));
            } catch (DateTimeParseException ignored) {
                // a hand-edited or torn entry loses only its own time
            }
        }
    }

    private synchronized void save() {
        Properties p = new Properties();
        new TreeMap<>(lastUse).forEach((k, v) -> p.setProperty(k, v.toString()));
        try {
            Files.createDirectories(file.getParent());
            StringWriter text = new StringWriter();
            p.store(text, "Jira Access: last use of each credential");
            DurableFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException(file + " cannot be written; check the directory's permissions and free space", e);
        }
    }
}
