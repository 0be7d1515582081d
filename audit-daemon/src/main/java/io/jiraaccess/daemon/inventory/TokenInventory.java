package io.jiraaccess.daemon.inventory;

import java.util.List;

/**
 * A Jira site's token inventory as its administrators see it, through the Jira API: Data Center personal access
 * tokens, or the Cloud organisation's API tokens. Methods throw core's {@code JiraAccessException}s (refused
 * credentials, rate limiting with Retry-After, Jira failures) with messages that never hold a secret.
 */
public interface TokenInventory {
    /** The site (base URL) whose tokens these are. */
    String site();

    /** {@link InventoryToken#DC_PAT} or {@link InventoryToken#CLOUD_ORG}. */
    String source();

    /** Every token Jira lists now. */
    List<InventoryToken> list();

    /**
     * Revokes the token through the Jira API.
     *
     * @return true when Jira revoked it now, false when Jira no longer knows it (already revoked): either way it no
     *         longer works
     */
    boolean revoke(InventoryToken token);

    /**
     * True when the token belongs to the user this inventory acts as: revoking it may take away the credential that
     * revokes the others, so a bulk revocation does such tokens last.
     */
    default boolean ownedByCaller(InventoryToken token) {
        return false;
    }
}
