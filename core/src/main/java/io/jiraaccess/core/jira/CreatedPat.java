package io.jiraaccess.core.jira;

import io.jiraaccess.core.secret.SecretValue;

import java.util.Objects;

/** A token Jira has just created: the one moment its secret is visible ({@code rawToken}). */
public record CreatedPat(PatInfo info, SecretValue token) {
    public CreatedPat {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(token, "token");
    }

    public long id() {
        return info.id();
    }
}
