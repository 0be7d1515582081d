package io.jiraaccess.sim.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * What the simulator was asked: method, path as routed (never the query, which can carry {@code jwt=}), the
 * authorization scheme name (never the credential), who it resolved to, the status answered, how the simulator
 * resolved it (the projects it reached and the effect of the route it matched, null when none matched), when the
 * request came in and its {@code User-Agent} (a clustered daemon names its instance and poll there, so tests can tell
 * which daemon polled when, as a real Jira's access log would).
 */
public final class RequestLog {

    public static final int CAPACITY = 50_000;

    /**
     * One logged request. {@code principal} is a username or account id, never a credential; {@code at} is when it
     * was answered, {@code receivedAt} when it came in; {@code userAgent} is null when the client sent none.
     */
    public record Entry(long seq, Instant at, String method, String path, String authScheme, String principal,
                        int status, Set<String> projects, Router.Effect effect, Instant receivedAt, String userAgent) {
        public Entry {
            projects = projects == null ? Set.of() : Set.copyOf(projects);
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextSeq = 1;

    public synchronized void add(Instant at, String method, String path, String authScheme, String principal,
                                 int status, Set<String> projects, Router.Effect effect, Instant receivedAt,
                                 String userAgent) {
        entries.addLast(new Entry(nextSeq++, at, method, path, authScheme, principal, status, projects, effect,
                receivedAt, userAgent));
        if (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** The scheme word of an Authorization header ("Basic", "Bearer", "JWT"), or "none"; never the rest. */
    public static String schemeOf(String authorization, boolean jwtQuery) {
        if (authorization == null || authorization.isBlank()) {
            return jwtQuery ? "JWT" : "none";
        }
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "basic":
                return "Basic";
            case "bearer":
                return "Bearer";
            case "jwt":
                return "JWT";
            default:
                return "other";
        }
    }
}
