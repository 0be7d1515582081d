package io.jenkins.plugins.jiraaccess.runtime;

import io.jenkins.plugins.jiraaccess.journal.EventJournalPort;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.upkeep.CredentialRenewer;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The parts of core the plugin uses through a seam, in one place: the Jira gateway (core's authenticators and
 * client), the credential renewer (PAT rotation engine, OAuth refresh) and the event journal. Each answers with a
 * clear "not available" until its core module is wired here.
 */
final class Wiring {
    private static final Logger LOG = Logger.getLogger(Wiring.class.getName());

    private Wiring() {
    }

    static JiraGateway gateway() {
        return JiraGateway.UNAVAILABLE;
    }

    static CredentialRenewer renewer() {
        return CredentialRenewer.UNAVAILABLE;
    }

    static EventJournalPort journal(Path dir, String serviceName) {
        LOG.log(Level.WARNING, "Jira Access: the event journal is not available in this build; audit events are not kept");
        return new EventJournalPort() {
            @Override
            public void emit(io.jiraaccess.core.event.AuditEvent event) {
            }

            @Override
            public Page readAfter(long after, int limit) {
                throw new UnsupportedOperationException("the event journal is not available in this build of Jira Access");
            }

            @Override
            public void acknowledge(long seq) {
            }
        };
    }
}
