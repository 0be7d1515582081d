package io.jiraaccess.daemon.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may use the admin API, decided twice. {@link #admit} runs on a request's line and headers, before any of its
 * body is read: without the admin bearer token it is refused (401), with a declared body larger than its endpoint
 * takes too (413), and beyond {@link #MAX_CONCURRENT} admitted requests at once it is turned away (503) instead of
 * queueing; so a flood of large unauthenticated uploads costs neither memory nor workers. {@link #authorize} is the
 * first step of every admin route, in case a route is reached some other way.
 */
public final class AdminAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthorizer.class);
    /** A flood of refusals is logged as one line per this many nanoseconds, with how many there were. */
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    /** Admitted admin requests at once: an operator's health checks and an incident's revocations need few. */
    public static final int MAX_CONCURRENT = 4;
    /** The largest body an endpoint takes; endpoints not listed take none. */
    static final Map<String, Integer> BODY_LIMITS = Map.of("/revoke", AdminRevoke.MAX_BODY);
    /** The largest body of any endpoint: the HTTP server's own limit for bodies without a declared length. */
    public static final int MAX_BODY = AdminRevoke.MAX_BODY;

    static final String UNAUTHORIZED = "unauthorized: send Authorization: Bearer <admin token>";

    /**
     * The decision on one request before its body: admitted (status 0; call {@link #release} once it is answered)
     * or refused with a status, a one-line message and headers to send.
     */
    public record Admission(int status, String message, Map<String, String> headers, Runnable release) {
        public boolean admitted() {
            return status == 0;
        }
    }

    private final AdminToken token;
    private final Semaphore inFlight;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);

    public AdminAuthorizer(AdminToken token) {
        this(token, MAX_CONCURRENT);
    }

    AdminAuthorizer(AdminToken token, int maxConcurrent) {
        this.token = token;
        this.inFlight = new Semaphore(maxConcurrent);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @throws UnauthorizedException unless it is {@code Bearer <admin token>}
     */
    public void authorize(String authorization) {
        if (!token.accepts(authorization)) {
            throw new UnauthorizedException();
        }
    }

    /**
     * Decides on a request from its line and headers alone.
     *
     * @param contentLength the declared {@code Content-Length}, or -1 when none was declared
     * @param chunked       the body comes in chunks of unknown total length
     */
    public Admission admit(String method, String path, String authorization, long contentLength, boolean chunked) {
        if (!token.accepts(authorization)) {
            refusedUnauthenticated(method, path);
            return new Admission(401, UNAUTHORIZED, Map.of("WWW-Authenticate", "Bearer"), null);
        }
        int limit = BODY_LIMITS.getOrDefault(path, 0);
        if (contentLength > limit || (chunked && limit == 0)) {
            return new Admission(413, "request body too large: " + method + " " + printable(path) + " takes "
                    + (limit == 0 ? "no body" : "at most " + limit + " bytes"), Map.of(), null);
        }
        if (!inFlight.tryAcquire()) {
            return new Admission(503, "the admin API is busy with " + MAX_CONCURRENT + " requests; retry in a second",
                    Map.of("Retry-After", "1"), null);
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Admission(0, null, Map.of(), () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.release();
            }
        });
    }

    /** Logs refusals without a token, at most one line per ten seconds (a flood must not fill the disk). */
    private void refusedUnauthenticated(String method, String path) {
        long count = unlogged.incrementAndGet();
        long now = System.nanoTime();
        long due = nextLogAt.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextLogAt.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            unlogged.addAndGet(-count);
            LOG.warn("admin API: refused a request to {} {} without a valid bearer token{}", method, printable(path),
                    count > 1 ? " (" + count + " such refusals since the last line)" : "");
        }
    }

    /** Requester's text in a message: printable ASCII only, and short. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
