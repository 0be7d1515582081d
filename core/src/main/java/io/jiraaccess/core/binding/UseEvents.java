package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.event.Fingerprinter;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit events a CI use of a credential emits: {@code token.used} when a block or a request gets a token,
 * {@code policy.violation} when the CI refuses the use (agent label, lifetime, revoked credential).
 * They carry the credential's id, kind and fingerprint, never a secret.
 */
public final class UseEvents {
    private UseEvents() {
    }

    /**
     * The fingerprint a use is recorded under: the token in use for a PAT (rotation replaces the configured one, and
     * the header carries the current token), else the credential's long-lived secret as configured.
     */
    public static String fingerprint(Fingerprinter fingerprinter, CredentialSpec spec, AuthHeader header) {
        if (spec.kind() == CredentialKind.PAT && header != null) {
            return fingerprinter.fingerprint(header.credentials());
        }
        return fingerprinter.fingerprint(spec);
    }

    /**
     * A {@code token.used} event.
     *
     * @param how         what used it, e.g. {@code withJiraAuth}, {@code jiraRequest GET /rest/api/2/myself}
     * @param fingerprint {@code jira_access.credential.fingerprint} of the long-lived secret in use
     * @param expiresAt   expiry of the token handed out, when known
     */
    public static AuditEvent tokenUsed(CredentialSpec spec, String fingerprint, PipelineRun run, String how,
                                       Instant expiresAt, String serviceName, Instant now) {
        return base(EventAction.TOKEN_USED, spec, fingerprint, run, serviceName, now)
                .set("jira_access.credential.expires_at", expiresAt)
                .outcome(true)
                .message(how + " used credential " + spec.id() + " in " + run.label())
                .build();
    }

    /** A {@code policy.violation} event: the CI refused to hand out the credential, for {@code reason}. */
    public static AuditEvent refused(CredentialSpec spec, String fingerprint, PipelineRun run, String how, String rule,
                                     String reason, String serviceName, Instant now) {
        return base(EventAction.POLICY_VIOLATION, spec, fingerprint, run, serviceName, now)
                .dataset(AuditEvent.DATASET_ENFORCEMENT)
                .outcome(false)
                .set("jira_access.policy.rule", rule)
                .reason(reason)
                .message(how + " refused credential " + spec.id() + " in " + run.label())
                .build();
    }

    private static AuditEvent.Builder base(EventAction action, CredentialSpec spec, String fingerprint, PipelineRun run,
                                           String serviceName, Instant now) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(run, "run");
        return AuditEvent.builder(action, now)
                .service(serviceName)
                .user(spec.common().owner(), null)
                .credential(spec.id(), spec.kind().id(), fingerprint, null, null, spec.allow().projects())
                .pipeline(run.job(), run.build(), run.url(), run.node())
                .jira(spec.common().siteBase(), spec.flavor().id());
    }
}
