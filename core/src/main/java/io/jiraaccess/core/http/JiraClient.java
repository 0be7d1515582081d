package io.jiraaccess.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * Sends requests to Jira with one credential, on {@code java.net.http}.
 * <ul>
 *   <li>The {@link RequestGuard} checks origin (scheme, host, port), operation and projects before anything is
 *       sent, on the URI exactly as it goes on the wire, and again for every redirect; redirects are followed here,
 *       never by the JDK, so a redirect to an origin outside {@code allow.hosts} is refused before the credential
 *       goes there.</li>
 *   <li>429 is retried for every method, 5xx and network errors only for idempotent requests (GET, HEAD, OPTIONS,
 *       PUT, DELETE and read-only POSTs such as search): bounded exponential backoff with jitter, or Jira's
 *       {@code Retry-After}, capped. A failed connection is retried for every method: nothing was sent.</li>
 *   <li>A 401 to a Bearer token makes the authenticator drop its cached token, and the request is sent once more.</li>
 *   <li>Every exchange that carried the credential emits {@code token.used} (and {@code basic_auth.used} for Basic);
 *       every refusal emits {@code policy.violation}. No event, log line or message holds a secret or a query string.</li>
 * </ul>
 * Every HTTP status comes back as a {@link JiraResponse}; {@link #sendOrThrow} turns the unsuccessful ones into
 * exceptions that name the credential and what to do. Thread-safe: build one client per credential and reuse it
 * (each holds a JDK {@link HttpClient} and its connection pool).
 */
public final class JiraClient {
    private static final System.Logger LOG = System.getLogger(JiraClient.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final String USER_AGENT = "jira-access/"
            + Objects.requireNonNullElse(JiraClient.class.getPackage().getImplementationVersion(), "dev");

    private final Authenticator authenticator;
    private final CredentialSpec spec;
    private final RequestGuard guard;
    private final RequestEvents events;
    private final HttpSettings settings;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Clock clock;

    private JiraClient(Builder b) {
        this.authenticator = b.authenticator;
        this.spec = b.authenticator.spec();
        this.guard = new RequestGuard(spec);
        this.settings = b.settings;
        this.clock = b.clock;
        this.events = new RequestEvents(spec, b.events, b.fingerprinter, b.serviceName,
                new RequestEvents.Pipeline(b.job, b.build, b.buildUrl, b.node), clock);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.sleeper = b.sleeper;
        this.backoff = new Backoff(settings, b.random);
    }

    public static Builder builder(Authenticator authenticator) {
        return new Builder(authenticator);
    }

    public CredentialSpec spec() {
        return spec;
    }

    /** The clock the client reads times by (retry waits, event times). */
    public Clock clock() {
        return clock;
    }

    public RequestGuard guard() {
        return guard;
    }

    /**
     * Sends {@code request} and returns Jira's response, whatever its status.
     *
     * @throws PolicyViolationException when the credential's policy refuses the request or a redirect
     * @throws JiraException            when no response came back after the allowed attempts, or redirects loop
     * @throws AuthenticationException  when no header can be produced (an expired token, a failed refresh)
     */
    public JiraResponse send(JiraRequest request) {
        String method = request.method();
        String body = request.body();
        // judged and sent in the same form: what the JDK would put on the wire (non-ASCII percent-encoded)
        URI target = RequestGuard.onWire(request.target(spec));
        enforce(method, target, body, null);
        int redirects = 0;
        int attempt = 0;
        boolean reauthorized = false;
        while (true) {
            attempt++;
            AuthHeader header = authenticator.authorize(method, target);
            HttpResponse<String> response;
            long started = System.nanoTime();
            try {
                response = exchange(build(method, target, body, header));
            } catch (IOException e) {
                String reason = describe(e);
                if (!nothingSent(e)) {
                    // the request, and with it the credential, may have reached Jira
                    events.used(method, target, header, null, reason);
                }
                if (attempt < settings.maxAttempts() && (nothingSent(e) || idempotent(method, target))) {
                    pause(backoff.delay(attempt), method, target, reason, attempt);
                    continue;
                }
                throw new JiraException(0, "credential " + spec.id() + ": " + method + " " + where(target) + " failed after "
                        + attempt + (attempt == 1 ? " attempt: " : " attempts: ") + reason + "; check that "
                        + target.getHost() + " is reachable from here and Jira is up", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JiraException(0, "credential " + spec.id() + ": " + method + " " + where(target)
                        + " was interrupted; nothing to do unless it was unexpected");
            }
            int status = response.statusCode();
            LOG.log(Level.DEBUG, "credential {0}: {1} {2} -> {3} (attempt {4}, {5} ms)", spec.id(), method, where(target),
                    status, attempt, (System.nanoTime() - started) / 1_000_000);
            events.used(method, target, header, status, null);

            String location = response.headers().firstValue("Location").orElse(null);
            if (isRedirect(status) && location != null) {
                if (++redirects > settings.maxRedirects()) {
                    throw new JiraException(status, "credential " + spec.id() + ": " + method + " " + where(target)
                            + " was redirected more than " + settings.maxRedirects() + " times; check the site URL in "
                            + "the credential file (http vs https, context path)");
                }
                URI next = RequestGuard.onWire(resolveLocation(target, location, status));
                if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                    // as browsers and curl do: the redirected request is a GET without the body
                    method = method.equals("HEAD") ? "HEAD" : "GET";
                    body = null;
                }
                enforce(method, next, body, "Jira redirected " + where(target) + " there (status " + status + ")");
                target = next;
                attempt = 0;
                continue;
            }
            if (status == 401 && "Bearer".equalsIgnoreCase(header.scheme()) && !reauthorized) {
                // the token may have been rotated or revoked since it was cached: fetch the current one, once
                reauthorized = true;
                authenticator.rejected(header);
                attempt--;
                LOG.log(Level.INFO, "credential {0}: Jira answered 401 to {1} {2}; retrying once with a fresh token",
                        spec.id(), method, where(target));
                continue;
            }
            if (attempt < settings.maxAttempts() && retryable(status, method, target)) {
                Duration asked = backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
                pause(asked != null ? asked : backoff.delay(attempt), method, target, "status " + status, attempt);
                continue;
            }
            return new JiraResponse(status, response.body(), response.headers(), target);
        }
    }

    /**
     * Sends {@code request} and returns a successful (2xx) response; anything else becomes an exception naming the
     * credential and what to do: 401/403 an {@link AuthenticationException}, others a {@link JiraException}.
     */
    public JiraResponse sendOrThrow(JiraRequest request) {
        JiraResponse r = send(request);
        if (r.isSuccess()) {
            return r;
        }
        throw failure(request, r);
    }

    /** The exception for an unsuccessful response, with Jira's own error messages (never our secrets). */
    public RuntimeException failure(JiraRequest request, JiraResponse r) {
        String what = "credential " + spec.id() + ": " + request.method() + " " + where(r.uri()) + " -> " + r.status();
        String jira = jiraErrors(r);
        switch (r.status()) {
            case 401:
                return new AuthenticationException(what + jira + ": Jira did not accept the credential; check that the "
                        + "token is valid, not expired or revoked, and belongs to " + spec.site().getHost());
            case 403:
                return new AuthenticationException(what + jira + ": the Jira user behind the credential lacks permission "
                        + "for this; grant it in Jira or use another credential");
            case 404:
                return new JiraException(404, what + jira + ": not found; check the path, and that the credential's "
                        + "user can see it");
            case 429:
                return new JiraException(429, what + ": Jira is rate limiting this credential and " + settings.maxAttempts()
                        + " attempts did not get through; try again later or lower the request rate");
            default:
                if (r.status() >= 500) {
                    return new JiraException(r.status(), what + jira + ": Jira failed; try again later, and check Jira's "
                            + "health if it persists");
                }
                return new JiraException(r.status(), what + jira + ": Jira refused the request; check the path and body");
        }
    }

    private void enforce(String method, URI target, String body, String redirectNote) {
        RequestGuard.Decision d = guard.decide(method, target, body);
        if (!d.allowed()) {
            String message = redirectNote == null ? d.message() : d.message() + " (" + redirectNote + ")";
            events.violation(method, target, d.rule(), message);
            LOG.log(Level.INFO, message);
            throw new PolicyViolationException(d.rule(), message);
        }
    }

    private URI resolveLocation(URI from, String location, int status) {
        try {
            return from.resolve(new URI(location.trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new JiraException(status, "credential " + spec.id() + ": Jira redirected " + where(from)
                    + " to an invalid location; check the site URL in the credential file");
        }
    }

    private HttpRequest build(String method, URI target, String body, AuthHeader header) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(settings.requestTimeout())
                .header("Authorization", header.value())
                .header("Accept", "application/json")
                .header("User-Agent", RequestIdentity.userAgent(USER_AGENT));
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /**
     * One exchange, bounded as a whole by the request timeout: the JDK's own timeout stops at the response headers,
     * and a body that trickles in must not hold a pipeline for ever.
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return f.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause() == null ? "exchange failed" : e.getCause().getClass().getSimpleName());
        }
    }

    private boolean idempotent(String method, URI target) {
        return IDEMPOTENT.contains(method) || guard.operation(method, target) == Operation.READ;
    }

    private boolean retryable(int status, String method, URI target) {
        if (status == 429) {
            // Jira did not process the request: safe to repeat whatever it was
            return true;
        }
        return status >= 500 && status != 501 && status != 505 && idempotent(method, target);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** True when the request cannot have reached Jira, so repeating it cannot repeat its effect. */
    private static boolean nothingSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout().toMillis() + " ms (connect timeout)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + settings.requestTimeout().toMillis() + " ms (request timeout)";
        }
        if (e instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        // other messages may quote the URL, query included: the class name says enough
        return "network error (" + e.getClass().getSimpleName() + ")";
    }

    private void pause(Duration wait, String method, URI target, String why, int attempt) {
        LOG.log(Level.INFO, "credential {0}: {1} {2} failed ({3}); attempt {4} of {5} in {6} ms", spec.id(), method,
                where(target), why, attempt + 1, settings.maxAttempts(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JiraException(0, "credential " + spec.id() + ": " + method + " " + where(target)
                    + " was interrupted while waiting to retry");
        }
    }

    /** Host and path, never the query (a Connect {@code jwt}, a search term). */
    private static String where(URI u) {
        return u == null ? "?" : u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath();
    }

    private static String jiraErrors(JiraResponse r) {
        try {
            JsonNode n = r.json();
            StringBuilder b = new StringBuilder();
            for (JsonNode m : n.path("errorMessages")) {
                b.append(b.length() == 0 ? "" : "; ").append(m.asText());
            }
            n.path("errors").fields().forEachRemaining(e ->
                    b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue().asText()));
            if (b.length() == 0) {
                return "";
            }
            String s = b.length() > 300 ? b.substring(0, 300) + "…" : b.toString();
            return " (Jira says: " + s + ")";
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** Builds a client; only the authenticator is required. */
    public static final class Builder {
        private final Authenticator authenticator;
        private EventSink events = EventSink.NONE;
        private Fingerprinter fingerprinter;
        private String serviceName = "jira-access";
        private String job;
        private String build;
        private String buildUrl;
        private String node;
        private HttpSettings settings = HttpSettings.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private RandomGenerator random;

        private Builder(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        }

        /** Where {@code token.used}, {@code basic_auth.used} and {@code policy.violation} go. */
        public Builder events(EventSink sink) {
            this.events = Objects.requireNonNull(sink, "events");
            return this;
        }

        /** Fingerprints for events; without one, events carry no fingerprint. */
        public Builder fingerprinter(Fingerprinter f) {
            this.fingerprinter = f;
            return this;
        }

        /** {@code service.name} in events: the Jenkins controller, the CI runner. */
        public Builder serviceName(String name) {
            this.serviceName = Objects.requireNonNull(name, "serviceName");
            return this;
        }

        /** {@code jira_access.pipeline.*} in events; any may be null. */
        public Builder pipeline(String job, String build, String url, String node) {
            this.job = job;
            this.build = build;
            this.buildUrl = url;
            this.node = node;
            return this;
        }

        public Builder settings(HttpSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Event timestamps and {@code Retry-After} dates. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How retries wait; tests record instead of sleeping. */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        /** The jitter source; by default a thread-local random. */
        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        public JiraClient build() {
            return new JiraClient(this);
        }
    }
}
