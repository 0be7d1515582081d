package io.jiraaccess.core.token;

/**
 * Obtains a fresh access token for one credential (an OAuth token request, a stored PAT). The broker decides when
 * to call it; implementations do the network work and throw {@link io.jiraaccess.core.JiraAccessException}s whose
 * messages name the credential and never a secret.
 */
@FunctionalInterface
public interface TokenSource {
    AccessToken fetch();
}
