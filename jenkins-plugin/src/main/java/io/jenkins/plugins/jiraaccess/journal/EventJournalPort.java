package io.jenkins.plugins.jiraaccess.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;

import java.util.List;

/**
 * The plugin's view of core's event journal under {@code JENKINS_HOME}: events go in through {@link #emit}, the audit
 * daemon reads them back through {@link #readAfter} and acknowledges what it has indexed.
 */
public interface EventJournalPort extends EventSink {
    /** Events with seq above {@code after}, at most {@code limit}, in seq order. */
    Page readAfter(long after, int limit);

    /** Everything up to {@code seq} is indexed: older segments may be removed. */
    void acknowledge(long seq);

    /**
     * @param lastSeq the next read's {@code after}
     * @param hasMore true when more events were already written
     */
    record Page(List<AuditEvent> events, long lastSeq, boolean hasMore) {
    }
}
