package io.jiraaccess.core.jira;

import io.jiraaccess.core.JiraException;

import java.time.Duration;

/** Jira kept answering 429 after the client's retries; {@link #retryAfter()} is how long Jira last asked us to wait. */
public class RateLimitedException extends JiraException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(429, message);
        this.retryAfter = retryAfter;
    }

    /** Jira's last {@code Retry-After}, or null when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
