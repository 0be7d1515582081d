package io.jiraaccess.core.token;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBrokerTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final TokenBroker.Settings SETTINGS = new TokenBroker.Settings(Duration.ofMinutes(5), Duration.ofSeconds(30));
    private static final TokenBroker.Key KEY = new TokenBroker.Key("store", "https://a.example.com", "ci-jira", "f1");

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch();
    private final TestClock clock = new TestClock();
    private final RecordingListener listener = new RecordingListener();
    private final TokenBroker broker = new TokenBroker(SETTINGS, clock, listener);

    /** Hands out token-1, token-2, ... each valid for {@code life} from the clock's now, counting its calls. */
    private final class CountingSource implements TokenSource {
        final AtomicInteger fetches = new AtomicInteger();
        final Duration life;
        volatile Supplier<JiraAccessException> failWith;

        CountingSource(Duration life) {
            this.life = life;
        }

        @Override
        public AccessToken fetch() {
            int n = fetches.incrementAndGet();
            if (failWith != null) {
                throw failWith.get();
            }
            return new AccessToken(issue("token-" + n), clock.instant().plus(life), List.of("read"));
        }
    }

    @Test
    void tokenIsServedFromCacheWhileFreshAndRefreshedOnceStale() {
        CountingSource source = new CountingSource(HOUR);
        AccessToken first = broker.token(KEY, source);
        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertSame(first, broker.token(KEY, source));
        assertEquals(1, source.fetches.get());

        clock.advance(Duration.ofSeconds(1)); // 55 minutes: 5 minutes before expiry, stale
        AccessToken second = broker.token(KEY, source);
        assertEquals("token-2", second.value().reveal());
        assertEquals(2, source.fetches.get());
    }

    @Test
    void staleTokenIsStillServedWhileAnotherCallerRefreshes() throws Exception {
        CountDownLatch inFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        TokenSource slow = () -> {
            int n = fetches.incrementAndGet();
            if (n == 2) {
                inFetch.countDown();
                await(release);
            }
            return new AccessToken(issue("token-" + n), clock.instant().plus(HOUR), List.of());
        };
        AccessToken stale = broker.token(KEY, slow);
        clock.advance(Duration.ofMinutes(56));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<AccessToken> refreshing = pool.submit(() -> broker.token(KEY, slow));
            assertTrue(inFetch.await(10, TimeUnit.SECONDS));
            assertSame(stale, broker.token(KEY, slow), "the stale token serves while the refresh runs");
            release.countDown();
            assertEquals("token-2", refreshing.get(10, TimeUnit.SECONDS).value().reveal());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, fetches.get());
    }

    @Test
    void expiredTokenIsNeverServedEvenWhenTheRefreshFails() {
        CountingSource source = new CountingSource(HOUR);
        broker.token(KEY, source);
        clock.advance(HOUR);
        source.failWith = () -> new JiraException(503, "credential ci-jira: the token endpoint answered HTTP 503");
        JiraException e = leaks.thrown(JiraException.class, () -> broker.token(KEY, source));
        assertEquals(503, e.status());
        assertEquals(1, listener.failures.size());
        assertNull(listener.failures.get(0).stillServed, "nothing is served once the token expired");
    }

    @Test
    void failedRefreshKeepsServingTheUnexpiredTokenAndSaysSo() {
        CountingSource source = new CountingSource(HOUR);
        AccessToken cached = broker.token(KEY, source);
        clock.advance(Duration.ofMinutes(57));
        source.failWith = () -> new JiraException(503, "credential ci-jira: the token endpoint answered HTTP 503");
        try (CapturedLogs logs = CapturedLogs.start(TokenBroker.class.getName())) {
            assertSame(cached, broker.token(KEY, source));
            List<String> warnings = logs.messages(Level.WARNING);
            assertEquals(List.of("credential ci-jira: token refresh failed (credential ci-jira: the token endpoint "
                    + "answered HTTP 503); using the cached token, which expires at " + cached.expiresAt()), warnings);
            SecretLeaks.assertAbsent(List.of("token-1"), logs.all());
        }
        assertEquals(1, listener.failures.size());
        assertSame(cached, listener.failures.get(0).stillServed);
        assertEquals(503, ((JiraException) listener.failures.get(0).failure).status());
    }

    @Test
    void stoppedCredentialIsNotServedFromTheCacheEvenBeforeItsTokenExpires() {
        CountingSource source = new CountingSource(HOUR);
        broker.token(KEY, source);
        clock.advance(Duration.ofMinutes(56));
        source.failWith = () -> new CredentialStoppedException("ci-jira", "credential ci-jira: stopped; re-authorize");

        CredentialStoppedException e = leaks.thrown(CredentialStoppedException.class, () -> broker.token(KEY, source));
        assertEquals("credential ci-jira: stopped; re-authorize", e.getMessage());
        assertTrue(broker.peek(KEY).isEmpty());
        assertNull(listener.failures.get(0).stillServed);
        leaks.thrown(CredentialStoppedException.class, () -> broker.token(KEY, source));
        assertEquals(3, source.fetches.get(), "each use asks the source, which fails fast");
    }

    @Test
    void failedRefreshIsRetriedOnlyAfterTheRetryInterval() {
        CountingSource source = new CountingSource(HOUR);
        AccessToken cached = broker.token(KEY, source);
        clock.advance(Duration.ofMinutes(56));
        source.failWith = () -> new JiraException(0, "credential ci-jira: unreachable");
        assertSame(cached, broker.token(KEY, source));
        assertEquals(2, source.fetches.get());

        clock.advance(Duration.ofSeconds(29));
        assertSame(cached, broker.token(KEY, source));
        assertSame(cached, broker.token(KEY, source));
        assertEquals(2, source.fetches.get(), "no new attempt within retryAfterFailure");

        clock.advance(Duration.ofSeconds(1));
        source.failWith = null;
        AccessToken refreshed = broker.token(KEY, source);
        assertEquals(3, source.fetches.get());
        assertEquals("token-3", refreshed.value().reveal());
    }

    @Test
    void fiftyConcurrentCallersOfAnExpiredCredentialShareExactlyOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        TokenSource gated = () -> {
            int n = fetches.incrementAndGet();
            if (n > 1) {
                await(release);
            }
            return new AccessToken(issue("token-" + n), clock.instant().plus(HOUR), List.of());
        };
        broker.token(KEY, gated);
        clock.advance(HOUR.plusSeconds(1));

        List<AccessToken> got = runConcurrently(50, () -> broker.token(KEY, gated), release);
        assertEquals(2, fetches.get(), "one initial fetch and exactly one for the 50 callers");
        assertEquals(50, got.size());
        assertEquals(Set.of("token-2"), values(got));
    }

    @Test
    void callersWaitingForAFailedRefreshShareItsFailureInsteadOfAskingAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        TokenSource failing = () -> {
            fetches.incrementAndGet();
            await(release);
            throw new JiraException(503, "credential ci-jira: the token endpoint answered HTTP 503");
        };
        List<Object> outcomes = runConcurrently(20, () -> {
            try {
                return broker.token(KEY, failing);
            } catch (JiraException e) {
                return e.status();
            }
        }, release);
        assertEquals(1, fetches.get());
        assertEquals(Collections.nCopies(20, 503), outcomes);

        // a caller arriving later tries again: the endpoint may be back
        leaks.thrown(JiraException.class, () -> broker.token(KEY, failing));
        assertEquals(2, fetches.get());
    }

    @Test
    void tokensAreKeyedBySiteAndNeverCrossToAnotherSite() {
        TokenBroker.Key siteA = new TokenBroker.Key("store", "https://a.example.com", "ci-jira", "f1");
        TokenBroker.Key siteB = new TokenBroker.Key("store", "https://b.example.com", "ci-jira", "f1");
        TokenSource forA = () -> new AccessToken(issue("token-for-a"), clock.instant().plus(HOUR), List.of());
        TokenSource forB = () -> new AccessToken(issue("token-for-b"), clock.instant().plus(HOUR), List.of());

        assertEquals("token-for-a", broker.token(siteA, forA).value().reveal());
        assertEquals("token-for-b", broker.token(siteB, forB).value().reveal());
        assertEquals("token-for-a", broker.token(siteA, forA).value().reveal());
        assertEquals("token-for-b", broker.peek(siteB).orElseThrow().value().reveal());
        assertTrue(broker.peek(new TokenBroker.Key("store", "https://c.example.com", "ci-jira", "f1")).isEmpty());
    }

    @Test
    void shortLivedTokensAreNotStaleOnArrival() {
        // Keycloak's default access token lives 5 minutes, exactly the default stale margin
        CountingSource source = new CountingSource(Duration.ofMinutes(5));
        AccessToken first = broker.token(KEY, source);
        assertSame(first, broker.token(KEY, source));
        clock.advance(Duration.ofSeconds(149));
        assertSame(first, broker.token(KEY, source));
        assertEquals(1, source.fetches.get());
        clock.advance(Duration.ofSeconds(1)); // half its life: stale
        broker.token(KEY, source);
        assertEquals(2, source.fetches.get());
    }

    @Test
    void tokenThatExpiredBeforeItArrivedIsRefused() {
        TokenSource late = () -> new AccessToken(issue("late-token"), clock.instant().minusSeconds(1), List.of());
        AuthenticationException e = leaks.thrown(AuthenticationException.class, () -> broker.token(KEY, late));
        assertTrue(e.getMessage().startsWith("credential ci-jira: the token endpoint returned a token that expired at "),
                e.getMessage());
        assertTrue(broker.peek(KEY).isEmpty());
    }

    @Test
    void invalidatingARejectedTokenKeepsANewerOne() {
        CountingSource source = new CountingSource(HOUR);
        AccessToken old = broker.token(KEY, source);
        broker.invalidate(KEY);
        AccessToken newer = broker.token(KEY, source);
        broker.invalidate(KEY, old);
        assertSame(newer, broker.peek(KEY).orElseThrow());
        broker.invalidate(KEY, newer);
        assertTrue(broker.peek(KEY).isEmpty());
    }

    @Test
    void listenerHearsFirstIssueThenRefreshes() {
        CountingSource source = new CountingSource(HOUR);
        RecordingListener perCall = new RecordingListener();
        broker.token(KEY, source, perCall);
        clock.advance(Duration.ofMinutes(56));
        broker.token(KEY, source, perCall);
        assertEquals(List.of(true, false), perCall.firstFlags);
        assertEquals(List.of(true, false), listener.firstFlags, "the broker's own listener hears it too");
    }

    @Test
    void failingListenerDoesNotFailTheCaller() {
        TokenBroker.Listener broken = new TokenBroker.Listener() {
            @Override
            public void issued(TokenBroker.Key key, AccessToken token, boolean first) {
                throw new IllegalStateException("journal disk full");
            }
        };
        CountingSource source = new CountingSource(HOUR);
        try (CapturedLogs logs = CapturedLogs.start(TokenBroker.class.getName())) {
            assertEquals("token-1", broker.token(KEY, source, broken).value().reveal());
            assertEquals(List.of("credential ci-jira: the token event listener failed (IllegalStateException)"),
                    logs.messages(Level.WARNING));
        }
    }

    @Test
    void staleAtIsTheMarginBeforeExpiryButNeverBeforeHalfTheLifetime() {
        Instant t = Instant.parse("2026-01-15T10:00:00Z");
        assertEquals(t.plus(Duration.ofMinutes(55)), SETTINGS.staleAt(t, t.plus(HOUR)));
        assertEquals(t.plus(Duration.ofMinutes(2)), SETTINGS.staleAt(t, t.plus(Duration.ofMinutes(4))));
        assertNull(SETTINGS.staleAt(t, null));
    }

    /** A token value; the leak watch checks it never reaches a log or an exception message. */
    private SecretValue issue(String value) {
        return SecretValue.of(leaks.secret(value));
    }

    private static Set<String> values(List<AccessToken> tokens) {
        Set<String> s = ConcurrentHashMap.newKeySet();
        tokens.forEach(t -> s.add(t.value().reveal()));
        return s;
    }

    /**
     * Starts {@code n} callers at once and opens {@code release} only when every one of them is inside the broker:
     * one in the token source, the rest parked on its lock.
     */
    private static <T> List<T> runConcurrently(int n, java.util.concurrent.Callable<T> call, CountDownLatch release)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    threads.add(Thread.currentThread());
                    started.countDown();
                    return call.call();
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.stream().filter(TokenBrokerTest::parked).count() < n) {
                assertTrue(System.nanoTime() < deadline, "callers did not all reach the broker");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // poll interval
            }
            release.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(10, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Parked inside the broker: on its lock, or (the one refreshing) in the gated token source. */
    private static boolean parked(Thread t) {
        Thread.State s = t.getState();
        return (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(TokenBroker.class.getName()));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class RecordingListener implements TokenBroker.Listener {
        record Failure(JiraAccessException failure, AccessToken stillServed) {
        }

        final List<Boolean> firstFlags = Collections.synchronizedList(new ArrayList<>());
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void issued(TokenBroker.Key key, AccessToken token, boolean first) {
            firstFlags.add(first);
        }

        @Override
        public void refreshFailed(TokenBroker.Key key, JiraAccessException failure, AccessToken stillServed) {
            failures.add(new Failure(failure, stillServed));
        }
    }
}
