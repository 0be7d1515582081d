package io.jiraaccess.daemon.index;

/**
 * Elasticsearch acknowledged every record of a batch: {@code indexed} as events, {@code deadLettered} in the
 * dead-letter index (refused documents and unreadable lines together).
 */
public record BatchReceipt(int indexed, int deadLettered) {
    public static final BatchReceipt EMPTY = new BatchReceipt(0, 0);
}
