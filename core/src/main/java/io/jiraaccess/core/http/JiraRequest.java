package io.jiraaccess.core.http;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.CredentialSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One request to Jira. {@code pathAndQuery} is relative to the credential's site (its context path is kept:
 * {@code /rest/api/2/myself} on {@code https://host/jira} goes to {@code https://host/jira/rest/api/2/myself}), or
 * an absolute URL such as a {@code next} link from a paged response, which must then be on an allowed host.
 * The query must already be percent-encoded.
 *
 * @param body a JSON body, or null
 */
public record JiraRequest(String method, String pathAndQuery, String body) {
    public JiraRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        method = method.trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]{1,16}")) {
            throw new ConfigurationException("'" + method + "' is not an HTTP method; use GET, POST, PUT or DELETE");
        }
    }

    public static JiraRequest get(String pathAndQuery) {
        return new JiraRequest("GET", pathAndQuery, null);
    }

    public static JiraRequest post(String path, String jsonBody) {
        return new JiraRequest("POST", path, jsonBody);
    }

    public static JiraRequest put(String path, String jsonBody) {
        return new JiraRequest("PUT", path, jsonBody);
    }

    public static JiraRequest delete(String path) {
        return new JiraRequest("DELETE", path, null);
    }

    public static JiraRequest of(String method, String path, String body) {
        return new JiraRequest(method, path, body);
    }

    /**
     * The absolute URI this request goes to with {@code spec}: the path appended to the site (context path kept), or
     * the absolute URL as given.
     *
     * @throws ConfigurationException when the path is not a valid URI (the message does not quote the query)
     */
    public URI target(CredentialSpec spec) {
        String p = pathAndQuery.trim();
        try {
            if (!RequestGuard.isWellFormed(p)) {
                // a lone surrogate has no UTF-8 form, so no request line can carry it
                throw new URISyntaxException(p, "unpaired surrogate");
            }
            if (p.regionMatches(true, 0, "https://", 0, 8) || p.regionMatches(true, 0, "http://", 0, 7)) {
                return new URI(p);
            }
            return new URI(spec.common().siteBase() + (p.startsWith("/") ? p : "/" + p));
        } catch (URISyntaxException e) {
            int q = p.indexOf('?');
            throw new ConfigurationException("credential " + spec.id() + ": '" + (q < 0 ? p : p.substring(0, q) + "?…")
                    + "' is not a valid request path; percent-encode spaces and special characters (e.g. %20)");
        }
    }

    /** Redacted of the body (which may hold anything the caller sends) and of the query (which may hold a {@code jwt}). */
    @Override
    public String toString() {
        int q = pathAndQuery.indexOf('?');
        return method + " " + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q) + "?…") + (body == null ? "" : " (body)");
    }
}
