package io.jiraaccess.core.jira;

import java.time.Instant;
import java.util.Objects;

/**
 * One Jira Data Center personal access token as Jira lists it: never its secret, which Jira shows only once, in the
 * answer to its creation ({@link CreatedPat}).
 *
 * @param expiringAt     null when the token never expires (Jira writes such dates as {@code 9999-...})
 * @param lastAccessedAt null when Jira has not seen it used
 * @param owner          the owner's username, in the administrators' search only; null in a user's own list
 */
public record PatInfo(long id, String name, Instant createdAt, Instant expiringAt, Instant lastAccessedAt, String owner) {
    public PatInfo {
        Objects.requireNonNull(name, "name");
    }
}
