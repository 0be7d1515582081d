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
 * Caches access tokens per credential (its store, site, id and secrets: {@link Key}) and refreshes them ahead of expiry.
 * <ul>
 *   <li>A token is <em>fresh</em> until {@link Settings#staleMargin()} before it expires, then <em>stale</em>:
 *       still usable, but the next caller refreshes it. At its expiry it is <em>expired</em> and never served.
 *       The margin is capped at half the lifetime the token had when it arrived, so short-lived tokens (Keycloak's
 *       default is 5 minutes, the default margin too) are not stale on arrival and refreshed on every call.</li>
 *   <li>Concurrent callers of one credential share one refresh (single flight): while it runs, callers holding a
 *       stale-but-unexpired token get that token at once, callers without a usable token wait for the result. A
 *       failure is shared the same way: callers that waited for a refresh that failed get its error instead of
 *       asking the token endpoint again, one after the other.</li>
 *   <li>A failed refresh keeps serving the unexpired token, logs a warning and tells the listener; the next attempt
 *       waits {@link Settings#retryAfterFailure()} so a down token endpoint is not hammered. The exception is a
 *       {@link CredentialStoppedException}: the grant itself was refused, and the cached token is dropped.</li>
 *   <li>A cached token is given only to the exact credential that obtained it: keys hold the store that holds the
 *       credential, the site, the credential id and a keyed fingerprint of its secrets and every setting that
 *       affects the token ({@code io.jiraaccess.core.auth.BrokerKeys}). A credential with the same id and site but
 *       another secret, setting or store (a folder credential shadowing a system one) misses the cache.</li>
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

        /**
         * When a token obtained at {@code obtainedAt} and expiring at {@code expiresAt} becomes stale: the stale
         * margin before expiry, but never earlier than halfway through its life. Null when it never expires.
         */
        public Instant staleAt(Instant obtainedAt, Instant expiresAt) {
            if (expiresAt == null) {
                return null;
            }
            Duration life = Duration.between(obtainedAt, expiresAt);
            Duration margin = life.isNegative() ? Duration.ZERO : life.dividedBy(2);
            return expiresAt.minus(margin.compareTo(staleMargin) < 0 ? margin : staleMargin);
        }
    }

    /**
     * Which token: the credential that obtained it, exactly.
     *
     * @param scope        the store holding the credential (a Jenkins folder, a store directory)
     * @param site         the site it may be sent to
     * @param credentialId the credential's id
     * @param fingerprint  a keyed fingerprint of the credential's secrets and token settings (never a secret)
     */
    public record Key(String scope, String site, String credentialId, String fingerprint) {
        public Key {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(fingerprint, "fingerprint");
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

    public Clock clock() {
        return clock;
    }

    /**
     * A usable token for {@code key}: the cached one while fresh, else a refreshed one from {@code source}.
     *
     * @throws JiraAccessException when no unexpired token exists and the refresh failed
     */
    public AccessToken token(Key key, TokenSource source) {
        return token(key, source, Listener.NONE);
    }

    /**
     * As {@link #token(Key, TokenSource)}; {@code callListener} hears, besides the broker's own listener, what this
     * call causes (the refresh it runs, the failure it meets). Callers that know the credential (its kind,
     * fingerprint, owner) pass one to emit complete audit events.
     */
    public AccessToken token(Key key, TokenSource source, Listener callListener) {
        Listener heard = callListener == null || callListener == Listener.NONE ? listener : both(listener, callListener);
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        Cached cached = e.cached;
        Instant now = clock.instant();
        if (cached != null && cached.isFresh(now)) {
            return cached.token();
        }
        AccessToken current = cached == null ? null : cached.token();
        long roundsSeen = e.rounds;
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
            cached = e.cached;
            if (cached != null && cached.isFresh(now)) {
                return cached.token();
            }
            current = cached == null ? null : cached.token();
            boolean usableNow = current != null && !current.isExpired(now);
            if (usableNow && now.isBefore(e.noRetryBefore)) {
                return current;
            }
            if (!usableNow && e.rounds != roundsSeen && e.lastFailure != null) {
                // the refresh we waited for failed moments ago: share its outcome rather than ask again at once
                throw e.lastFailure;
            }
            return refresh(key, e, source, current, now, heard);
        } finally {
            e.lock.unlock();
        }
    }

    private AccessToken refresh(Key key, Entry e, TokenSource source, AccessToken current, Instant now, Listener heard) {
        AccessToken fresh;
        try {
            fresh = source.fetch();
        } catch (JiraAccessException failure) {
            return refreshFailed(key, e, current, failure, heard);
        } catch (RuntimeException bug) {
            // the cause stays attached for debugging; its message is not repeated, it may quote a response
            JiraAccessException failure = new AuthenticationException("credential " + key.credentialId()
                    + ": token refresh failed unexpectedly (" + bug.getClass().getSimpleName() + ")", bug);
            return refreshFailed(key, e, current, failure, heard);
        }
        Instant received = clock.instant();
        if (fresh == null) {
            return refreshFailed(key, e, current, new AuthenticationException("credential " + key.credentialId()
                    + ": the token endpoint returned no token"), heard);
        }
        if (fresh.isExpired(received)) {
            return refreshFailed(key, e, current, new AuthenticationException("credential " + key.credentialId()
                    + ": the token endpoint returned a token that expired at " + fresh.expiresAt()
                    + ", before it arrived; check this machine's clock"), heard);
        }
        boolean first = !e.everIssued;
        e.cached = new Cached(fresh, settings.staleAt(received, fresh.expiresAt()));
        e.everIssued = true;
        e.noRetryBefore = Instant.MIN;
        e.lastFailure = null;
        e.rounds++;
        try {
            heard.issued(key, fresh, first);
        } catch (RuntimeException listenerFailure) {
            listenerFailed(key, listenerFailure);
        }
        return fresh;
    }

    private AccessToken refreshFailed(Key key, Entry e, AccessToken current, JiraAccessException failure,
                                      Listener heard) {
        Instant now = clock.instant();
        boolean stopped = failure instanceof CredentialStoppedException;
        boolean stillUsable = current != null && !current.isExpired(now) && !stopped;
        e.rounds++;
        e.lastFailure = stillUsable ? null : failure;
        if (stopped) {
            // the grant was refused: revoked access takes effect now, not when the cached token expires
            e.cached = null;
        }
        try {
            heard.refreshFailed(key, failure, stillUsable ? current : null);
        } catch (RuntimeException listenerFailure) {
            listenerFailed(key, listenerFailure);
        }
        if (stillUsable) {
            e.noRetryBefore = now.plus(settings.retryAfterFailure());
            // keep the cached token: it is still valid and the token endpoint may be briefly unavailable
            LOG.log(Level.WARNING, "credential {0}: token refresh failed ({1}); using the cached token, which expires at {2}",
                    key.credentialId(), failure.getMessage(), current.expiresAt());
            return current;
        }
        throw failure;
    }

    private static void listenerFailed(Key key, RuntimeException failure) {
        // an audit sink that fails must not take the credential down with it, nor fail silently
        LOG.log(Level.WARNING, "credential {0}: the token event listener failed ({1})", key.credentialId(),
                failure.getClass().getSimpleName());
    }

    /** The cached token, whatever its state, without refreshing. */
    public Optional<AccessToken> peek(Key key) {
        Entry e = entries.get(key);
        Cached c = e == null ? null : e.cached;
        return c == null ? Optional.empty() : Optional.of(c.token());
    }

    /** Drops the cached token (Jira answered 401 with it, or the credential was rotated or revoked). */
    public void invalidate(Key key) {
        Entry e = entries.get(key);
        if (e != null) {
            e.lock.lock();
            try {
                e.clear();
            } finally {
                e.lock.unlock();
            }
        }
    }

    /**
     * Drops the cached tokens of every credential with this id on this site, whatever its store or secret: after a
     * rotation or revocation, no cached token of that credential id is served again.
     */
    public void invalidateAll(String site, String credentialId) {
        for (Key key : entries.keySet()) {
            if (key.site().equals(site) && key.credentialId().equals(credentialId)) {
                invalidate(key);
            }
        }
    }

    /**
     * Drops the cached token only if it is still {@code rejected}: when Jira refuses a token while another caller
     * already refreshed it, the newer token stays (dropping it would cost a needless refresh, and for
     * refresh-token credentials a needless rotation).
     */
    public void invalidate(Key key, AccessToken rejected) {
        Entry e = entries.get(key);
        if (e != null && rejected != null) {
            e.lock.lock();
            try {
                Cached c = e.cached;
                if (c != null && c.token().value().equals(rejected.value())) {
                    e.clear();
                }
            } finally {
                e.lock.unlock();
            }
        }
    }

    /**
     * True while the token is neither stale nor expired by {@link Settings#staleMargin()} alone. Tokens without
     * expiry are always fresh. (Tokens in the cache are additionally judged by the lifetime they arrived with.)
     */
    public boolean isFresh(AccessToken token, Instant now) {
        return token.expiresAt() == null || now.isBefore(token.expiresAt().minus(settings.staleMargin()));
    }

    private static Listener both(Listener a, Listener b) {
        return new Listener() {
            @Override
            public void issued(Key key, AccessToken token, boolean first) {
                try {
                    a.issued(key, token, first);
                } finally {
                    b.issued(key, token, first);
                }
            }

            @Override
            public void refreshFailed(Key key, JiraAccessException failure, AccessToken stillServed) {
                try {
                    a.refreshFailed(key, failure, stillServed);
                } finally {
                    b.refreshFailed(key, failure, stillServed);
                }
            }
        };
    }

    /** A cached token and when it turns stale (null: never), read and written together. */
    private record Cached(AccessToken token, Instant staleAt) {
        boolean isFresh(Instant now) {
            return (staleAt == null || now.isBefore(staleAt)) && !token.isExpired(now);
        }
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile Cached cached;
        volatile Instant noRetryBefore = Instant.MIN;
        volatile boolean everIssued;
        /** Refresh attempts completed, successful or not: tells a waiting caller that an attempt ran meanwhile. */
        volatile long rounds;
        /** The failure of the last attempt when it left no usable token. */
        volatile JiraAccessException lastFailure;

        void clear() {
            cached = null;
            noRetryBefore = Instant.MIN;
            lastFailure = null;
        }
    }
}
