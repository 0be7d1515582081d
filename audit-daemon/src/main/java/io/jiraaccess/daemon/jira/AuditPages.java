package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** One Jira audit API, page by page, newest record first (as both Jira audit APIs answer). */
public interface AuditPages {
    /**
     * One page of the records created in {@code [from, to]}.
     *
     * @param to    null: up to now
     * @param token null for the first page, else the {@link Page#next()} of the previous one
     */
    Page page(Instant from, Instant to, String token, int limit);

    /** Largest page the API serves. */
    int maxLimit();

    /**
     * @param records the page's records, newest first
     * @param next    the token of the next page, null after the last
     * @param total   how many records match in all, when the API says (Cloud does)
     */
    record Page(List<JsonNode> records, String next, Long total) {
        public Page {
            records = List.copyOf(records);
        }
    }
}
