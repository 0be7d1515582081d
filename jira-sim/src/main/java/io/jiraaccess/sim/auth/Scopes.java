package io.jiraaccess.sim.auth;

import io.jiraaccess.sim.http.ApiError;
import java.util.Set;

/**
 * OAuth scope checks. Cloud accepts the classic scope or any granular one of the family; Data Center scopes
 * are hierarchical (SYSTEM_ADMIN > ADMIN > WRITE > READ). Other credentials carry the user's full rights.
 */
public final class Scopes {

    /** What a request needs. */
    public enum Need {
        USER("read:jira-user", "read:user:jira", "READ"),
        READ("read:jira-work", "read:issue:jira", "READ"),
        WRITE("write:jira-work", "write:issue:jira", "WRITE"),
        ADMIN("manage:jira-configuration", "read:audit-log:jira", "ADMIN");

        private final String classic;
        private final String granular;
        private final String dataCenter;

        Need(String classic, String granular, String dataCenter) {
            this.classic = classic;
            this.granular = granular;
            this.dataCenter = dataCenter;
        }
    }

    private static final java.util.List<String> DC_ORDER = java.util.List.of("READ", "WRITE", "ADMIN", "SYSTEM_ADMIN");

    private Scopes() {
    }

    public static void require(Principal principal, Need need) {
        if (!principal.isOAuth()) {
            return;
        }
        Set<String> scopes = principal.scopes();
        if (principal.flavor() == Flavor.CLOUD) {
            if (!scopes.contains(need.classic) && !scopes.contains(need.granular)) {
                // Atlassian's own wording for a token without the scope
                throw ApiError.unauthorized("Unauthorized; scope does not match");
            }
            return;
        }
        int needed = DC_ORDER.indexOf(need.dataCenter);
        boolean granted = scopes.stream().map(DC_ORDER::indexOf).anyMatch(level -> level >= needed);
        if (!granted) {
            throw ApiError.forbidden("The access token does not have the " + need.dataCenter + " scope this request needs.");
        }
    }
}
