package io.jiraaccess.sim.model;

import java.util.Set;

/**
 * A Jira user, known to both flavours: Cloud sees {@code accountId}/{@code email}, Data Center sees
 * {@code name}/{@code key}. Only a hash of the password is kept.
 */
public record User(String accountId, String key, String name, String displayName, String email,
                   String passwordHash, Set<String> projects, boolean admin, String accountType) {

    public User {
        projects = Set.copyOf(projects);
    }

    public boolean canSee(String projectKey) {
        return projects.contains(projectKey);
    }

    public boolean isApp() {
        return "app".equals(accountType);
    }

    @Override
    public String toString() {
        return "User[" + name + ", " + accountId + "]";
    }
}
