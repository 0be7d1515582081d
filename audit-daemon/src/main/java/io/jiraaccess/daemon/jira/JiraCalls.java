package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.http.RetryAfter;
import io.jiraaccess.core.jira.RateLimitedException;
import io.jiraaccess.daemon.source.SourceUnavailableException;

import java.time.Clock;
import java.time.Duration;

/**
 * Requests of the Jira sources through core's {@link JiraClient} (its {@code allow} policy, retries, 429 with
 * Retry-After and timeouts apply first), with whatever is left turned into a {@link SourceUnavailableException} that
 * says what happened, so the source backs off (at least as long as Jira's last Retry-After) and reports it.
 */
public final class JiraCalls {
    private final String what;
    private final JiraClient client;
    private final Clock clock;

    /** @param what names the source in messages, e.g. {@code Jira corp-dc audit log} */
    public JiraCalls(String what, JiraClient client, Clock clock) {
        this.what = what;
        this.client = client;
        this.clock = clock;
    }

    public JiraClient client() {
        return client;
    }

    /** A successful response's JSON body. */
    public JsonNode json(JiraRequest request) {
        JiraResponse r = send(request);
        if (!r.isSuccess()) {
            throw unavailable(r);
        }
        try {
            return r.json();
        } catch (JiraException e) {
            throw new SourceUnavailableException(what + ": the answer to " + describe(request) + " is not JSON");
        }
    }

    /** The response, whatever its status; failures to get one are {@link SourceUnavailableException}s. */
    public JiraResponse send(JiraRequest request) {
        try {
            return client.send(request);
        } catch (PolicyViolationException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage());
        } catch (RateLimitedException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage(), e.retryAfter(), e);
        } catch (JiraAccessException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage(), null, e);
        }
    }

    /** What an unsuccessful response means for the source. */
    public SourceUnavailableException unavailable(JiraResponse r) {
        int status = r.status();
        if (status == 429) {
            Duration wait = RetryAfter.parse(r.header("Retry-After"), clock.instant());
            return new SourceUnavailableException(what + ": Jira asked to slow down (HTTP 429"
                    + (wait == null ? "" : ", Retry-After " + wait.toSeconds() + " s") + ")", wait, null);
        }
        if (status == 401 || status == 403) {
            return new SourceUnavailableException(what + ": Jira refused the credential " + client.spec().id()
                    + " (HTTP " + status + "); it must belong to a Jira administrator and be valid");
        }
        return new SourceUnavailableException(what + ": Jira answered HTTP " + status + " at "
                + r.uri().getHost() + (r.uri().getPort() > 0 ? ":" + r.uri().getPort() : "") + r.uri().getRawPath());
    }

    /** An answer whose shape is not what the API documents. */
    public SourceUnavailableException malformed(JiraRequest request, String expected) {
        return new SourceUnavailableException(what + ": the answer to " + describe(request) + " is not " + expected
                + "; nothing after the cursor is read until Jira answers properly");
    }

    private static String describe(JiraRequest request) {
        String p = request.pathAndQuery();
        int q = p.indexOf('?');
        return request.method() + " " + (q < 0 ? p : p.substring(0, q));
    }

}
