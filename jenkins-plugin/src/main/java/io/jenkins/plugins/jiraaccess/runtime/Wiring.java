package io.jenkins.plugins.jiraaccess.runtime;

import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.upkeep.CredentialRenewer;

/**
 * The parts of core the plugin uses through a seam, in one place: the Jira gateway (core's authenticators and
 * client) and the credential renewer (PAT rotation engine, OAuth refresh). Each answers with a clear
 * "not available" until its core module is wired here.
 */
final class Wiring {
    private Wiring() {
    }

    static JiraGateway gateway() {
        return JiraGateway.UNAVAILABLE;
    }

    static CredentialRenewer renewer() {
        return CredentialRenewer.UNAVAILABLE;
    }
}
