package io.jiraaccess.sim.oauth;

import io.jiraaccess.sim.http.ApiError;
import java.util.List;
import java.util.Map;

/**
 * An OAuth 2.0 error (RFC 6749 section 5.2). The body carries {@code error}/{@code error_description}, which
 * OAuth clients read, and also Jira's {@code errorMessages}/{@code errors}, so that every simulator endpoint
 * answers bad input in one recognisable shape.
 */
public final class OAuthError extends ApiError {

    private final String error;

    public OAuthError(int status, String error, String description) {
        super(status, List.of(description), Map.of());
        this.error = error;
    }

    public String error() {
        return error;
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> body = super.body();
        body.put("error", error);
        body.put("error_description", errorMessages().get(0));
        return body;
    }
}
