package io.jiraaccess.core.token;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraAccessException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Caches access tokens per (site, credential) and refreshes them ahead of expiry.
 * <ul>
 *   <li>A token is <em>fresh</em> until {@link Settings#staleMargin()} before it expires, then <em>stale</em>:
 *       still usable, but the next caller refreshes it. At its expiry it is <em>expired</em> and never served.</li>
 *   <li>Concurrent callers of one credential share one refresh (single flight): while it runs, callers holding a
 *       stale-but-unexpired token get that token at once, callers without a usable token wait for the result.</li>
 *   <li>A failed refresh keeps serving the unexpired token, logs a warning and tells the listener; the next attempt
 *       waits {@link Settings#retryAfterFailure()} so a down token endpoint is not hammered.</li>
 *   <li>Keys include the site: a token fetched for one site is never returned for another.</li>
 * </ul>
 */
public final class TokenBroker {
    private static final System.Logger LOG = System.getLogger(TokenBroker.class.getName());

    /**
     * @param staleMargin       how long before expiry a token is refreshed
     * @param retryAfterFailure how long a failed refresh is not retried while the old token is still valid
     */
    public record Settings(Duration staleMargin, Duration retryAfterFailure) {
        /** Refresh 5 minutes ahead of expiry; after a failure, retry at most every 30 seconds. */
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(5), Duration.ofSeconds(30));

        public Settings {
            Objects.requireNonNull(staleMargin, "staleMargin");
            Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
            if (staleMargin.isNegative() || retryAfterFailure.isNegative()) {
                throw new IllegalArgumentException("broker margins must not be negative");
            }
        }
    }

    /** Which token: the site it may be sent to and the credential it belongs to. */
    public record Key(String site, String credentialId) {
        public Key {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(credentialId, "credentialId");
        }
    }

    /** What the broker did, for audit events; implementations must not block. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** A token was obtained; {@code first} is true for the first token of this key in this broker. */
        default void issued(Key key, AccessToken token, boolean first) {
        }

        /** A refresh failed while {@code stillServed} (possibly null) remains in use. */
        default void refreshFailed(Key key, JiraAccessException failure, AccessToken stillServed) {
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Listener listener;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    public TokenBroker(Settings settings, Clock clock, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public TokenBroker() {
        this(Settings.DEFAULT, Clock.systemUTC(), Listener.NONE);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A usable token for {@code key}: the cached one while fresh, else a refreshed one from {@code source}.
     *
     * @throws JiraAccessException when no unexpired token exists and the refresh failed
     */
    public AccessToken token(Key key, TokenSource source) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        AccessToken current = e.token;
        Instant now = clock.instant();
        if (current != null && isFresh(current, now)) {
            return current;
        }
        boolean usable = current != null && !current.isExpired(now);
        if (usable) {
            // someone is refreshing, or a recent refresh failed: the unexpired token serves meanwhile
            if (now.isBefore(e.noRetryBefore) || !e.lock.tryLock()) {
                return current;
            }
        } else {
            e.lock.lock();
        }
        try {
            now = clock.instant();
            current = e.token;
            if (current != null && isFresh(current, now)) {
                return current;
            }
            if (current != null && !current.isExpired(now) && now.isBefore(e.noRetryBefore)) {
                return current;
            }
            return refresh(key, e, source, current, now);
        } finally {
            e.lock.unlock();
        }
    }

    private AccessToken refresh(Key key, Entry e, TokenSource source, AccessToken current, Instant now) {
        AccessToken fresh;
        try {
            fresh = source.fetch();
        } catch (JiraAccessException failure) {
            return refreshFailed(key, e, current, now, failure);
        } catch (RuntimeException bug) {
            JiraAccessException failure = new AuthenticationException("credential " + key.credentialId()
                    + ": token refresh failed unexpectedly (" + bug.getClass().getSimpleName() + ")", bug);
            return refreshFailed(key, e, current, now, failure);
        }
        if (fresh == null) {
            return refreshFailed(key, e, current, now, new AuthenticationException("credential " + key.credentialId()
                    + ": the token endpoint returned no token"));
        }
        boolean first = !e.everIssued;
        e.token = fresh;
        e.everIssued = true;
        e.noRetryBefore = Instant.MIN;
        listener.issued(key, fresh, first);
        return fresh;
    }

    private AccessToken refreshFailed(Key key, Entry e, AccessToken current, Instant now, JiraAccessException failure) {
        boolean stillUsable = current != null && !current.isExpired(now);
        listener.refreshFailed(key, failure, stillUsable ? current : null);
        if (stillUsable) {
            e.noRetryBefore = now.plus(settings.retryAfterFailure());
            // keep the cached token: it is still valid and the token endpoint may be briefly unavailable
            LOG.log(Level.WARNING, "credential {0}: token refresh failed ({1}); using the cached token, which expires at {2}",
                    key.credentialId(), failure.getMessage(), current.expiresAt());
            return current;
        }
        throw failure;
    }

    /** The cached token, whatever its state, without refreshing. */
    public Optional<AccessToken> peek(Key key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.token);
    }

    /** Drops the cached token (Jira answered 401 with it, or the credential was rotated or revoked). */
    public void invalidate(Key key) {
        Entry e = entries.get(key);
        if (e != null) {
            e.lock.lock();
            try {
                e.token = null;
                e.noRetryBefore = Instant.MIN;
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** True while the token is neither stale nor expired. Tokens without expiry are always fresh. */
    public boolean isFresh(AccessToken token, Instant now) {
        return token.expiresAt() == null || now.isBefore(token.expiresAt().minus(settings.staleMargin()));
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile AccessToken token;
        volatile Instant noRetryBefore = Instant.MIN;
        volatile boolean everIssued;
    }
}
