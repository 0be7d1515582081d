package io.jiraaccess.daemon.index;

import java.time.Duration;

/**
 * How the bulk ingester groups documents: a request is sent when it holds {@code maxOperations} documents or
 * {@code maxBytes}, or {@code flushInterval} after the first one arrived; at most {@code maxConcurrentRequests} are in
 * flight, after which adding blocks (bounded memory).
 */
public record BulkSettings(int maxOperations, long maxBytes, int maxConcurrentRequests, Duration flushInterval) {
    public static final BulkSettings DEFAULT = new BulkSettings(2000, 5L * 1024 * 1024, 2, Duration.ofSeconds(1));

    public BulkSettings {
        if (maxOperations < 1 || maxBytes < 1024 || maxConcurrentRequests < 1 || flushInterval.isNegative()
                || flushInterval.isZero()) {
            throw new IllegalArgumentException("bulk settings must be positive (operations >= 1, bytes >= 1024, "
                    + "requests >= 1, flush interval > 0)");
        }
    }
}
