package io.jenkins.plugins.jiraaccess.runtime;

import io.jiraaccess.core.binding.CoreJiraGateway;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.rotation.PatRenewer;
import io.jiraaccess.core.upkeep.CredentialRenewer;
import io.jiraaccess.core.upkeep.OAuthRefresher;

/**
 * The parts of core the plugin uses through a seam, in one place: the Jira gateway (core's authenticators and
 * client) and the credential renewer (OAuth refresh-ahead, and core's PAT rotation engine).
 */
final class Wiring {
    private Wiring() {
    }

    /** Core's authenticators (every kind) and Jira client. */
    static JiraGateway gateway() {
        return new CoreJiraGateway();
    }

    /** OAuth credentials are refreshed by core's OAuth authenticators; PATs are rotated by core's rotation engine. */
    static CredentialRenewer renewer() {
        return CredentialRenewer.byKind(new OAuthRefresher(), new PatRenewer());
    }
}
