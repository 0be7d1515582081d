package io.jenkins.plugins.jiraaccess.runtime;

import io.jiraaccess.core.binding.CoreJiraGateway;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.upkeep.CredentialRenewer;
import io.jiraaccess.core.upkeep.OAuthRefresher;

/**
 * The parts of core the plugin uses through a seam, in one place: the Jira gateway (core's authenticators and
 * client) and the credential renewer (OAuth refresh; the PAT rotation engine, not in core yet, answers with a clear
 * "not available" until it is wired here).
 */
final class Wiring {
    private Wiring() {
    }

    /** Core's authenticators (every kind) and Jira client. */
    static JiraGateway gateway() {
        return new CoreJiraGateway();
    }

    /** OAuth credentials are refreshed by core's OAuth authenticators; PATs await core's rotation engine. */
    static CredentialRenewer renewer() {
        return CredentialRenewer.byKind(new OAuthRefresher(), CredentialRenewer.UNAVAILABLE);
    }
}
