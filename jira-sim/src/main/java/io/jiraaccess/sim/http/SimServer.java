package io.jiraaccess.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.sim.auth.CredentialResolver;
import io.jiraaccess.sim.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP front of the simulator on the JDK's built-in server: body cap, fault injection, authentication,
 * routing, Jira-shaped errors and the request log. A handler bug becomes a logged 500, never a dropped socket.
 */
public final class SimServer {

    /** Larger than any body this project sends; a bigger one is refused before it is read whole. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Room for 32 concurrent benchmark clients plus latency faults that hold threads. */
    public static final int WORKER_THREADS = 64;
    /** Beyond this an oversized upload is cut off rather than read to its end. */
    static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    static {
        // Without TCP_NODELAY, the JDK server's separate header and body writes meet the client's delayed ACK
        // and every answer waits ~40 ms on loopback. Read once by the JDK when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Response DROP = new Response(0, Map.of(), new byte[0]);
    private static final System.Logger LOG = System.getLogger(SimServer.class.getName());

    private final Router router;
    private final CredentialResolver resolver;
    private final RequestLog requestLog;
    private final AtomicReference<Faults> faults;
    private final Clock clock;
    private final String cloudId;
    private final AtomicLong jiraRequests = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;
    private String baseUrl;

    public SimServer(Router router, CredentialResolver resolver, RequestLog requestLog, AtomicReference<Faults> faults,
                     Clock clock, String cloudId) {
        this.router = router;
        this.resolver = resolver;
        this.requestLog = requestLog;
        this.faults = faults;
        this.clock = clock;
        this.cloudId = cloudId;
    }

    public synchronized void start(String host, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the simulator is already running at " + baseUrl);
        }
        HttpServer created = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "jira-sim-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        InetSocketAddress bound = created.getAddress();
        String hostText = bound.getAddress().getHostAddress();
        if (hostText.contains(":")) {
            hostText = "[" + hostText + "]";
        }
        baseUrl = "http://" + hostText + ":" + bound.getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    public synchronized String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("the simulator has not been started");
        }
        return baseUrl;
    }

    /** New faults count their "every Nth" and fail-rate requests from zero. */
    public void restartFaultCount() {
        jiraRequests.set(0);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private void handle(HttpExchange exchange) {
        Instant received = clock.instant();
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        String method = exchange.getRequestMethod();
        String rawPath = rawPath(exchange.getRequestURI());
        // Jira routes on the path its Tomcat decoded and normalised; a path Tomcat refuses never reaches Jira
        String path;
        ApiError invalidPath = null;
        try {
            path = TomcatUri.routedPath(rawPath);
        } catch (ApiError e) {
            path = rawPath;
            invalidPath = e;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String scheme = RequestLog.schemeOf(authorization, rawQuery != null && rawQuery.contains("jwt="));
        String who = null;
        boolean logged = false;
        Request request = null;
        Router.Effect effect = null;
        try {
            boolean control = invalidPath == null && (path.startsWith("/_sim/") || path.equals("/_sim"));
            Response response = control ? null : injectFault();
            if (response == DROP) {
                // leave without an answer: closing the exchange now drops the connection, as an unreachable Jira would
                requestLog.add(clock.instant(), method, path, scheme, null, 0, null, null, received, agent);
                logged = true;
                return;
            }
            if (response == null && invalidPath != null) {
                response = Response.error(invalidPath);
            }
            if (response == null) {
                try {
                    String routed = stripGatewayPrefix(path);
                    String rawRouted = rawTail(rawPath, path, routed);
                    byte[] body = readBody(exchange);
                    request = new Request(method, routed, rawRouted, rawQuery, exchange.getRequestHeaders(), body,
                            exchange.getRemoteAddress().getAddress().getHostAddress(), baseUrl);
                    Router.Match match = router.match(method, routed);
                    effect = match.route().effect();
                    request.pathParams(match.params());
                    if (match.route().access() == Router.Access.USER) {
                        Principal principal = resolver.resolve(request)
                                .orElseThrow(() -> ApiError.unauthorized(CredentialResolver.UNAUTHORIZED));
                        request.principal(principal);
                    }
                    response = match.route().handler().handle(request);
                } catch (ApiError error) {
                    response = Response.error(error);
                    if (error.status() == 401) {
                        response.withHeader("WWW-Authenticate", "Basic realm=\"protected-area\"");
                    }
                }
            }
            if (request != null && request.optionalPrincipal().isPresent()) {
                Principal principal = request.optionalPrincipal().get();
                who = principal.user().name() != null ? principal.user().name() : principal.user().accountId();
            }
            // logged before answering, so a client that has its answer also finds it in the log
            requestLog.add(clock.instant(), method, path, scheme, who, response.status(),
                    request == null ? null : request.touched(), effect, received, agent);
            logged = true;
            send(exchange, response);
        } catch (RuntimeException | IOException e) {
            // after the answer was logged, a failure here is a client that went away mid-answer: nothing to do
            if (!logged) {
                // the message of an unexpected failure could carry request data: log only its type and the path
                LOG.log(System.Logger.Level.ERROR, "jira-sim failed on " + method + " " + path + ": "
                        + e.getClass().getName());
                requestLog.add(clock.instant(), method, path, scheme, who, 500,
                        request == null ? null : request.touched(), effect, received, agent);
                try {
                    send(exchange, Response.error(ApiError.of(500, "Internal server error in the simulator.")));
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone; nothing more to tell it
                }
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * The path of the request line as sent. The JDK parses a target such as {@code //rest/api/...} as an authority
     * ({@code rest}) and a path; for Tomcat, an origin-form target is all path, so the two are put back together.
     */
    private static String rawPath(java.net.URI target) {
        String raw = target.getRawPath() == null ? "" : target.getRawPath();
        if (target.getScheme() == null && target.getRawAuthority() != null) {
            raw = "//" + target.getRawAuthority() + raw;
        }
        return raw.isEmpty() ? "/" : raw;
    }

    /**
     * The raw path below a gateway prefix (what a Connect qsh covers): the raw path itself when no prefix was cut,
     * else the raw path after the literal prefix; a prefix written with escapes leaves nothing the qsh can match.
     */
    private static String rawTail(String rawPath, String routedFrom, String routed) {
        if (routed.length() == routedFrom.length()) {
            return rawPath;
        }
        String prefix = routedFrom.substring(0, routedFrom.length() - routed.length());
        return rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : rawPath;
    }

    /** {@code /ex/jira/{cloudId}/rest/...} is how OAuth and scoped-token clients reach a Cloud site. */
    private String stripGatewayPrefix(String path) {
        String prefix = "/ex/jira/";
        if (!path.startsWith(prefix)) {
            return path;
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        if (!id.equals(cloudId)) {
            throw ApiError.notFound("No site with cloudId " + id + " is accessible.");
        }
        return slash < 0 ? "/" : rest.substring(slash);
    }

    /** A response for an injected fault, {@link #DROP} for "down", null to go on. */
    private Response injectFault() {
        Faults current = faults.get();
        long n = jiraRequests.incrementAndGet();
        if (current.down()) {
            return DROP;
        }
        if (current.latencyMs() > 0) {
            try {
                Thread.sleep(current.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (current.rateLimitEvery() > 0 && n % current.rateLimitEvery() == 0) {
            return Response.error(ApiError.of(429, "Rate limit exceeded.")
                    .header("Retry-After", String.valueOf(current.retryAfterSeconds())));
        }
        if (current.failRate() > 0) {
            // evenly spread: request n fails when floor(n*rate) steps up
            long before = (long) Math.floor((n - 1) * current.failRate());
            long after = (long) Math.floor(n * current.failRate());
            if (after > before) {
                return Response.error(ApiError.of(current.failStatus(), "Injected fault: the simulator is failing on purpose."));
            }
        }
        return null;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                long declared;
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw ApiError.badRequest("Content-Length must be a number.");
                }
                if (declared > MAX_BODY_BYTES) {
                    drain(in);
                    throw tooLarge();
                }
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(in);
                throw tooLarge();
            }
            return body;
        }
    }

    /**
     * Reads and discards what the client is still sending (up to a bound), so that it receives the 413
     * instead of a connection reset in the middle of its upload.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private static ApiError tooLarge() {
        return ApiError.of(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        boolean empty = body.length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
