package io.jiraaccess.daemon.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The templates of the daemon's own bookkeeping indices (dead letters, shared cursors); events come from the data contract. */
public final class DaemonTemplates implements IndexTemplateSource {
    @Override
    public Map<String, String> indexTemplates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(IndexNames.DEAD_LETTER, read(IndexNames.DEAD_LETTER + ".json"));
        t.put(IndexNames.CURSORS, read(IndexNames.CURSORS + ".json"));
        return t;
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
