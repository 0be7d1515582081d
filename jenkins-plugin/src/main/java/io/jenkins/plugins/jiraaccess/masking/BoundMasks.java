package io.jenkins.plugins.jiraaccess.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The masks of the {@code jiraAuth} bindings in force, per build: a binding puts its masks here when it binds and
 * removes them when its block ends, and the log decorators of the build's steps read them. A build may hold several
 * at once (nested or parallel {@code withCredentials} blocks, several bindings in one); each is kept under its own
 * key, and a reader gets all of them together. Builds are named by {@code Run.getExternalizableId()}
 * ({@code job/full/name#42}), which Pipeline's {@code FlowExecutionOwner.getExternalizableId()} gives as well.
 * Plain and thread-safe, so it is tested without Jenkins.
 */
public final class BoundMasks {
    /**
     * The masks in force in one build.
     *
     * @param charset the build's charset ({@code Run.getCharset()}), in which its log lines are read
     */
    public record Bound(BlockMasks masks, String charset) {
    }

    private record Entry(String key, BlockMasks masks, String charset) {
    }

    private final ConcurrentMap<String, List<Entry>> byBuild = new ConcurrentHashMap<>();

    /** Puts (or puts again, after a restart) the masks of one binding of {@code buildId} under {@code key}. */
    public void put(String buildId, String key, BlockMasks masks, String charset) {
        byBuild.compute(buildId, (id, entries) -> {
            List<Entry> next = new ArrayList<>();
            if (entries != null) {
                entries.stream().filter(e -> !e.key().equals(key)).forEach(next::add);
            }
            next.add(new Entry(key, masks, charset));
            return List.copyOf(next);
        });
    }

    /** Removes the masks {@link #put} under {@code key}; the build's other bindings stay. */
    public void remove(String buildId, String key) {
        byBuild.computeIfPresent(buildId, (id, entries) -> {
            List<Entry> next = entries.stream().filter(e -> !e.key().equals(key)).toList();
            return next.isEmpty() ? null : next;
        });
    }

    /** Forgets everything of a finished build (a block whose end never came: the build was killed). */
    public void clear(String buildId) {
        byBuild.remove(buildId);
    }

    /** Whether no build has masks here: the common case, answered without naming a build. */
    public boolean isEmpty() {
        return byBuild.isEmpty();
    }

    /** The masks in force in {@code buildId}, all bindings together; empty when there are none. */
    public Optional<Bound> of(String buildId) {
        List<Entry> entries = buildId == null ? null : byBuild.get(buildId);
        if (entries == null || entries.isEmpty()) {
            return Optional.empty();
        }
        BlockMasks all = entries.get(0).masks();
        for (Entry e : entries.subList(1, entries.size())) {
            all = all.plus(e.masks());
        }
        return Optional.of(new Bound(all, entries.get(0).charset()));
    }
}
