package io.jiraaccess.daemon.index;

/**
 * Elasticsearch did not acknowledge a batch (unreachable, overloaded, a shard failure): nothing is lost, the source's
 * cursor stays where it was and the batch is read again on the next poll.
 */
public class IndexingUnavailableException extends RuntimeException {
    public IndexingUnavailableException(String message) {
        super(message);
    }

    public IndexingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
