package io.jiraaccess.core.jira;

import java.util.List;

/**
 * Jira Data Center's personal access token API, acting as one Jira user (whatever credential the implementation
 * sends). Methods throw {@link io.jiraaccess.core.JiraAccessException}s that name the credential and the fix:
 * {@link io.jiraaccess.core.AuthenticationException} when Jira refuses the credential (401/403),
 * {@link RateLimitedException} when Jira keeps answering 429, {@link io.jiraaccess.core.JiraException} otherwise.
 */
public interface PatApi {
    /** {@code POST /rest/pat/latest/tokens}: a new token of the calling user, valid for {@code expirationDays}. */
    CreatedPat create(String name, int expirationDays);

    /** {@code GET /rest/pat/latest/tokens}: the calling user's live tokens (revoked ones are not listed). */
    List<PatInfo> list();

    /**
     * {@code DELETE /rest/pat/latest/tokens/{id}}.
     *
     * @return true when Jira revoked it now, false when Jira does not know it (revoked before, or never existed):
     *         either way it no longer works, so revoking is idempotent
     */
    boolean revoke(long id);

    /** {@code GET /rest/api/2/myself}: who the credential acts as. */
    JiraUser myself();
}
