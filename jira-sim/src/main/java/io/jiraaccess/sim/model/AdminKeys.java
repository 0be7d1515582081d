package io.jiraaccess.sim.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Atlassian org admin API keys (Bearer), kept as hashes, each valid for one organisation. */
public final class AdminKeys {

    private final Map<String, String> orgByKeyHash = new LinkedHashMap<>();

    public synchronized void add(String orgId, String rawKey) {
        orgByKeyHash.put(Secrets.hash(rawKey), orgId);
    }

    /** The organisation the key administers, if it is a known key. */
    public synchronized Optional<String> orgOf(String rawKey) {
        return Optional.ofNullable(orgByKeyHash.get(Secrets.hash(rawKey)));
    }

    public synchronized void clear() {
        orgByKeyHash.clear();
    }
}
