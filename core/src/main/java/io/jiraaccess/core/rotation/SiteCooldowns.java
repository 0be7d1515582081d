package io.jiraaccess.core.rotation;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sites that rate-limited a rotation (429 after the HTTP client's own retries): periodic rotations of every other
 * credential on that site wait until the time Jira asked for, so many workers do not keep hitting a Jira that
 * already said to slow down.
 */
final class SiteCooldowns {
    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

    void coolDown(String site, Instant notBefore) {
        until.merge(site, notBefore, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The time the site may be called again, or null when it may be now. */
    Instant blockedUntil(String site, Instant now) {
        Instant t = until.get(site);
        if (t == null) {
            return null;
        }
        if (!now.isBefore(t)) {
            until.remove(site, t);
            return null;
        }
        return t;
    }
}
