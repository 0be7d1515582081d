package io.jiraaccess.core.jira;

import java.util.Objects;

/**
 * The Jira user a credential acts as, from {@code GET /rest/api/2/myself}. Data Center answers with {@code key} and
 * {@code name}, Cloud with {@code accountId}.
 */
public record JiraUser(String key, String name, String accountId, String displayName) {
    public JiraUser {
        if (key == null && name == null && accountId == null) {
            throw new IllegalArgumentException("a Jira user needs a key, a name or an account id");
        }
    }

    /** What identifies the user for good: the account id (Cloud), else the key (Data Center), else the username. */
    public String identity() {
        return accountId != null ? accountId : key != null ? key : name;
    }

    /** True when both name the same Jira user. */
    public boolean sameAs(JiraUser other) {
        return other != null && Objects.equals(identity(), other.identity());
    }

    /** The name to show people and to put in {@code user.name}. */
    public String displayId() {
        return name != null ? name : identity();
    }
}
