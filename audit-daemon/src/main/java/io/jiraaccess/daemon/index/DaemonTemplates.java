package io.jiraaccess.daemon.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The template of the daemon's own bookkeeping index (shared cursors); events and dead letters are the data contract's. */
final class DaemonTemplates {
    private DaemonTemplates() {
    }

    static Map<String, String> indexTemplates() {
        return Map.of(IndexNames.CURSORS, read(IndexNames.CURSORS + ".json"));
    }

    private static String read(String name) {
        try (InputStream in = DaemonTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template resource " + name + " is missing from the daemon jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
