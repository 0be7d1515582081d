package io.jiraaccess.daemon.source;

import io.jiraaccess.core.http.RequestIdentity;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.inventory.CredentialUpdates;
import io.jiraaccess.daemon.inventory.SentMerges;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Jenkins controller's event journal, read through the plugin's endpoint
 * {@code GET <jenkins>/jira-access/events?after=<seq>&limit=<n>} (NDJSON, one event per line with
 * {@code jira_access.seq}), authenticated with Basic and a Jenkins API token. The position is the last acknowledged
 * seq; asking for {@code after=N} also tells the plugin that everything up to N is safely indexed.
 * Any answer that is not a well-formed, strictly increasing run of events is refused as a whole (never skipped):
 * the source backs off and reports it, so nothing is silently lost.
 */
public final class JenkinsJournalSource implements EventSource {
    /** Optional response header with the journal's newest seq, for the backlog in /health. */
    public static final String HEAD_HEADER = "X-Jira-Access-Last-Seq";
    /** {@code jira_access.inventory.source} of credentials known from a Jenkins journal. */
    public static final String INVENTORY_SOURCE = "jenkins";
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String name;
    private final URI eventsUrl;
    private final String authorization;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final SentMerges sentMerges = new SentMerges();
    private volatile long head = -1;

    public JenkinsJournalSource(String name, URI baseUrl, String user, SecretValue apiToken, Duration timeout, Clock clock) {
        this.name = name;
        String base = baseUrl.toString();
        this.eventsUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/jira-access/events");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER) // never carry the token to another place
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String id() {
        return "jenkins-" + name;
    }

    @Override
    public String kind() {
        return "jenkins";
    }

    /** A poll begins: the next credential merges are all sent ({@link SentMerges}). */
    @Override
    public void resume(String committedPosition) {
        sentMerges.forget();
    }

    @Override
    public SourceBatch read(String position, int maxEvents) {
        long after = seq(position);
        URI uri = URI.create(eventsUrl + "?after=" + after + "&limit=" + maxEvents);
        HttpRequest req = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Accept", "application/x-ndjson")
                .header("User-Agent", RequestIdentity.userAgent("jira-access-daemon"))
                .timeout(timeout)
                .GET().build();
        HttpResponse<byte[]> resp = send(req);
        int status = resp.statusCode();
        if (status == 429) {
            Duration wait = retryAfter(resp.headers().firstValue("Retry-After").orElse(null));
            throw new SourceUnavailableException("Jenkins " + name + " asked to slow down (HTTP 429"
                    + (wait == null ? "" : ", Retry-After " + wait.toSeconds() + " s") + ")", wait, null);
        }
        if (status == 401 || status == 403) {
            throw new SourceUnavailableException("Jenkins " + name + " refused the credentials (HTTP " + status
                    + "); check jenkins user and apiToken, and that the user has the permission to read the journal");
        }
        if (status != 200) {
            throw new SourceUnavailableException("Jenkins " + name + " answered HTTP " + status + " at " + eventsUrl);
        }
        resp.headers().firstValue(HEAD_HEADER).ifPresent(h -> {
            try {
                head = Long.parseLong(h.trim());
            } catch (NumberFormatException e) {
                head = -1;
            }
        });
        return parse(resp.body(), after, maxEvents);
    }

    @Override
    public Backlog backlog(String position) {
        long h = head;
        if (h < 0) {
            return Backlog.UNKNOWN;
        }
        long at = seq(position);
        return new Backlog(Math.max(0, h - at), "events");
    }

    private long seq(String position) {
        if (position == null) {
            return 0;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the cursor of " + id() + " is not a journal seq; delete its cursor to read "
                    + "the journal again from the start (event ids are deterministic: nothing is duplicated)");
        }
    }

    /** The answer's lines, read from its bytes (not decoded to one string first, then split and encoded again). */
    private SourceBatch parse(byte[] body, long after, int maxEvents) {
        List<IndexDocument> docs = new ArrayList<>();
        CredentialUpdates updates = new CredentialUpdates(INVENTORY_SOURCE);
        long last = after;
        int start = 0;
        for (int i = 0; start <= body.length; i++) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            byte[] line = Arrays.copyOfRange(body, start, end);
            start = end + 1;
            String location = "jenkins " + name + " response line " + (i + 1);
            EventLineParser.Result r = EventLineParser.parse(line, "jenkins-" + name, location);
            if (r instanceof EventLineParser.Garbage && !EventLineParser.isUtf8(line)) {
                // read as text with replacement characters, as the journal always was
                r = EventLineParser.parse(new String(line, StandardCharsets.UTF_8), "jenkins-" + name, location);
            }
            if (r instanceof EventLineParser.Blank) {
                continue;
            }
            if (r instanceof EventLineParser.Garbage g) {
                throw new SourceUnavailableException("Jenkins " + name + " sent a malformed journal answer (line "
                        + (i + 1) + ": " + g.reason() + "); nothing after seq " + after + " is read until it is well formed");
            }
            EventLineParser.Parsed p = (EventLineParser.Parsed) r;
            Long seq = p.seq();
            if (seq == null || seq <= last) {
                throw new SourceUnavailableException("Jenkins " + name + " sent a malformed journal answer (line "
                        + (i + 1) + ": " + (seq == null ? "no jira_access.seq" : "seq " + seq + " does not follow " + last)
                        + "); nothing after seq " + after + " is read until it is well formed");
            }
            last = seq;
            docs.add(p.document());
            updates.observe(p.credentialFacts());
        }
        if (docs.size() > maxEvents) {
            throw new SourceUnavailableException("Jenkins " + name + " sent " + docs.size() + " events for limit " + maxEvents);
        }
        boolean exhausted = docs.size() < maxEvents;
        docs.addAll(updates.documents(sentMerges, exhausted));
        return new SourceBatch(docs, List.of(), String.valueOf(last), exhausted, null);
    }

    private HttpResponse<byte[]> send(HttpRequest req) {
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request timeout covers the headers only; this bounds the whole answer, body included
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SourceUnavailableException("Jenkins " + name + " did not answer within " + timeout.toSeconds() + " s", null, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpTimeoutException) {
                throw new SourceUnavailableException("Jenkins " + name + " did not answer within " + timeout.toSeconds() + " s", null, c);
            }
            String what = c instanceof IOException ? c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : " " + c.getMessage()) : String.valueOf(c);
            throw new SourceUnavailableException("cannot reach Jenkins " + name + " at " + eventsUrl + ": " + what, null, c);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while reading Jenkins " + name, null, e);
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable; capped at one hour. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(clock.instant(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
