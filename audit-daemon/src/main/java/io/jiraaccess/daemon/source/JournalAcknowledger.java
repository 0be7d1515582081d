package io.jiraaccess.daemon.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells a Jenkins journal what is indexed: {@code POST <jenkins>/jira-access/acknowledge?seq=<n>} (204; Basic
 * authentication with the API token, which Jenkins exempts from its CSRF crumb), so the plugin may delete segments up
 * to {@code n}. Called once the cursor is committed at {@code n}; the request goes out on its own thread, and only
 * the newest seq waiting is sent, so acknowledging never holds up or undoes ingestion. A failure is logged and shown
 * as the source's {@code warning}; the next commit or poll tries again. A plugin without the endpoint (404: before
 * reads stopped acknowledging) gets one warning naming the fix.
 */
final class JournalAcknowledger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalAcknowledger.class);

    private final String name;
    private final URI url;
    private final String authorization;
    private final HttpClient http;
    private final java.time.Duration timeout;
    private final ExecutorService sender;
    private final AtomicLong wanted = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean unsupportedLogged = new AtomicBoolean();
    private long acknowledged;
    private volatile String warning;

    JournalAcknowledger(String name, URI baseUrl, String authorization, HttpClient http, java.time.Duration timeout) {
        this.name = name;
        this.url = URI.create(baseUrl + "/jira-access/acknowledge");
        this.authorization = authorization;
        this.http = http;
        this.timeout = timeout;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jenkins-" + name + "-acknowledge");
            t.setDaemon(true);
            return t;
        });
    }

    /** Everything up to {@code seq} is indexed and committed: tell Jenkins (soon, on the sender's thread). */
    void acknowledge(long seq) {
        if (seq <= 0) {
            return;
        }
        wanted.accumulateAndGet(seq, Math::max);
        if (queued.compareAndSet(false, true)) {
            try {
                sender.execute(this::send);
            } catch (RejectedExecutionException closed) {
                queued.set(false);
            }
        }
    }

    /** The last failure to acknowledge, or null while acknowledging works. */
    String warning() {
        return warning;
    }

    private void send() {
        queued.set(false);
        long seq = wanted.get();
        if (seq <= acknowledged) {
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "?seq=" + seq))
                .header("Authorization", authorization)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        int status;
        try {
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            failed("cannot reach Jenkins " + name + " to acknowledge seq " + seq + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status >= 200 && status < 300) {
            acknowledged = seq;
            if (warning != null) {
                LOG.info("Jenkins {} takes acknowledgements again (seq {})", name, seq);
            }
            warning = null;
            unsupportedLogged.set(false);
        } else if (status == 404) {
            warning = "Jenkins " + name + " has no " + url.getPath() + " (HTTP 404): upgrade the Jira Access plugin "
                    + "there; until then its journal keeps what the daemon has indexed";
            if (unsupportedLogged.compareAndSet(false, true)) {
                LOG.warn(warning);
            }
        } else if (status == 401 || status == 403) {
            failed("Jenkins " + name + " refused to take the acknowledgement of seq " + seq + " (HTTP " + status
                    + "); check the jenkins user and apiToken and the user's permission to read the journal");
        } else {
            failed("Jenkins " + name + " did not take the acknowledgement of seq " + seq + " (HTTP " + status + ")");
        }
    }

    private void failed(String message) {
        if (warning == null) {
            LOG.warn("{}; ingestion goes on, and the next commit or poll tries again", message);
        }
        warning = message;
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
