package io.jiraaccess.daemon.source;

import io.jiraaccess.core.http.RequestIdentity;
import io.jiraaccess.core.http.RetryAfter;
import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.core.secret.SecretValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Jenkins controller's event journal, read through the plugin's endpoint
 * {@code GET <jenkins>/jira-access/events?after=<seq>&limit=<n>} (NDJSON, one event per line with
 * {@code jira_access.seq}), authenticated with Basic and a Jenkins API token. A read changes nothing in Jenkins. The
 * position is the seq of the last event indexed; once the cursor is committed there the journal is told
 * ({@link JournalAcknowledger}: {@code POST <jenkins>/jira-access/acknowledge?seq=<n>}). The answer's lines go to the
 * ingest stage as a {@link SourceBatch#journal journal answer}: any answer that is not a well-formed, strictly
 * increasing run of events is refused as a whole (never skipped), the source backs off and reports it, so nothing is
 * silently lost.
 */
public final class JenkinsJournalSource implements EventSource, AutoCloseable {
    /** Optional response header with the journal's newest seq, for the backlog in /health. */
    public static final String HEAD_HEADER = "X-Jira-Access-Last-Seq";
    /** Splits answers into lines, with the line limit the ingest stage parses them with. */
    private static final NdjsonEvents LINES = NdjsonEvents.defaults();

    private final String name;
    private final URI eventsUrl;
    private final String authorization;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final JournalAcknowledger acknowledger;
    private volatile long head = -1;

    public JenkinsJournalSource(String name, URI baseUrl, String user, SecretValue apiToken, Duration timeout, Clock clock) {
        this.name = name;
        String base = baseUrl.toString();
        URI root = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.eventsUrl = URI.create(root + "/jira-access/events");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER) // never carry the token to another place
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.acknowledger = new JournalAcknowledger(name, root, authorization, http, timeout);
    }

    @Override
    public String id() {
        return "jenkins-" + name;
    }

    @Override
    public String kind() {
        return "jenkins";
    }

    /** A poll begins: what is committed is acknowledged, if that has not worked yet. */
    @Override
    public void resume(String committedPosition) {
        if (committedPosition != null) {
            acknowledger.acknowledge(seq(committedPosition));
        }
    }

    @Override
    public SourceBatch read(String position, int maxRecords) {
        long after = seq(position);
        URI uri = URI.create(eventsUrl + "?after=" + after + "&limit=" + maxRecords);
        HttpRequest req = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Accept", "application/x-ndjson")
                .header("User-Agent", RequestIdentity.userAgent("jira-access-daemon"))
                .timeout(timeout)
                .GET().build();
        HttpResponse<byte[]> resp = send(req);
        int status = resp.statusCode();
        if (status == 429) {
            Duration wait = RetryAfter.parse(resp.headers().firstValue("Retry-After").orElse(null), clock.instant());
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
        List<SourceRecord> lines = lines(resp.body());
        if (lines.size() > maxRecords) {
            throw new SourceUnavailableException("Jenkins " + name + " sent " + lines.size() + " events for limit "
                    + maxRecords);
        }
        return SourceBatch.journal(lines, new SourceBatch.JournalAnswer(after, "Jenkins " + name),
                lines.size() < maxRecords, committed -> acknowledger.acknowledge(seq(committed)));
    }

    /** The answer's non-blank lines, as they are. */
    private List<SourceRecord> lines(byte[] body) {
        List<SourceRecord> out = new ArrayList<>();
        NdjsonEvents.LineReader reader = LINES.reader(new ByteArrayInputStream(body));
        String where = "jenkins " + name + " response";
        try {
            for (NdjsonEvents.RawLine l = reader.nextRaw(); l != null; l = reader.nextRaw()) {
                out.add(new SourceRecord.Line(l, where, null));
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
        return out;
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

    /** Why the journal could not be told what is indexed, while that is so. */
    @Override
    public String warning() {
        return acknowledger.warning();
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

    @Override
    public void close() {
        acknowledger.close();
    }
}
