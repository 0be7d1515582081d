package io.jiraaccess.sim.http;

/**
 * Injected faults, applied to every Jira endpoint (never to {@code /_sim/*}).
 *
 * @param latencyMs      delay before each answer
 * @param failRate       fraction of requests (0..1) answered with {@code failStatus}; spread evenly, not at
 *                       random, so a test knows exactly which requests fail
 * @param failStatus     status of injected failures (default 503)
 * @param down           the connection is closed without an answer, as if Jira were unreachable
 * @param rateLimitEvery every Nth request is answered 429 with {@code Retry-After}; 0 = never
 * @param retryAfterSeconds the {@code Retry-After} value of those 429s
 */
public record Faults(long latencyMs, double failRate, int failStatus, boolean down, int rateLimitEvery,
                     int retryAfterSeconds) {

    public static final Faults NONE = new Faults(0, 0.0, 503, false, 0, 1);

    public Faults {
        if (latencyMs < 0 || latencyMs > 120_000) {
            throw ApiError.field("latencyMs", "'latencyMs' must be between 0 and 120000.");
        }
        if (failRate < 0.0 || failRate > 1.0) {
            throw ApiError.field("failRate", "'failRate' must be between 0 and 1.");
        }
        if (failStatus < 400 || failStatus > 599) {
            throw ApiError.field("failStatus", "'failStatus' must be an HTTP error status (400-599).");
        }
        if (rateLimitEvery < 0) {
            throw ApiError.field("rateLimitEvery", "'rateLimitEvery' must be 0 (off) or a positive count.");
        }
        if (retryAfterSeconds < 0 || retryAfterSeconds > 3600) {
            throw ApiError.field("retryAfterSeconds", "'retryAfterSeconds' must be between 0 and 3600.");
        }
    }

    public Faults withLatencyMs(long value) {
        return new Faults(value, failRate, failStatus, down, rateLimitEvery, retryAfterSeconds);
    }

    public Faults withFailRate(double rate, int status) {
        return new Faults(latencyMs, rate, status, down, rateLimitEvery, retryAfterSeconds);
    }

    public Faults withDown(boolean value) {
        return new Faults(latencyMs, failRate, failStatus, value, rateLimitEvery, retryAfterSeconds);
    }

    public Faults withRateLimitEvery(int every, int retryAfter) {
        return new Faults(latencyMs, failRate, failStatus, down, every, retryAfter);
    }
}
