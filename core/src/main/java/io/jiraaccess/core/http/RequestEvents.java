package io.jiraaccess.core.http;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * The audit events of requests: {@code token.used} for every exchange that carried the credential,
 * {@code basic_auth.used} beside it for Basic (legacy API token) requests, {@code policy.violation} for refusals.
 * They carry the credential's id, kind and fingerprint, never a secret, and the URL's path without its query.
 */
final class RequestEvents {
    private static final System.Logger LOG = System.getLogger(RequestEvents.class.getName());

    /** Where the request came from: the CI job, build, its URL and the node it ran on. Any may be null. */
    record Pipeline(String job, String build, String url, String node) {
        static final Pipeline NONE = new Pipeline(null, null, null, null);
    }

    private final CredentialSpec spec;
    private final EventSink sink;
    private final Fingerprinter fingerprinter;
    private final String serviceName;
    private final Pipeline pipeline;
    private final Clock clock;
    private final String specFingerprint;

    RequestEvents(CredentialSpec spec, EventSink sink, Fingerprinter fingerprinter, String serviceName, Pipeline pipeline, Clock clock) {
        this.spec = spec;
        this.sink = sink;
        this.fingerprinter = fingerprinter;
        this.serviceName = serviceName;
        this.pipeline = pipeline;
        this.clock = clock;
        this.specFingerprint = fingerprinter == null ? null : fingerprinter.fingerprint(spec);
    }

    /** One exchange that carried {@code header}; {@code status} null when no response came (network failure). */
    void used(String method, URI target, AuthHeader header, Integer status, String failure) {
        AuditEvent.Builder b = base(EventAction.TOKEN_USED, method, target, status, header);
        b.outcome(status != null && status < 400);
        if (failure != null) {
            b.reason(failure);
        }
        emit(b.build());
        if ("Basic".equals(header.scheme())) {
            AuditEvent.Builder basic = base(EventAction.BASIC_AUTH_USED, method, target, status, header)
                    .outcome(status != null && status < 400)
                    .message("credential " + spec.id() + " used Basic authentication (legacy API token); migrate it to "
                            + "OAuth 2.0 or a service account");
            emit(basic.build());
        }
    }

    /** A request refused by the credential's policy before anything was sent. */
    void violation(String method, URI target, String rule, String message) {
        emit(base(EventAction.POLICY_VIOLATION, method, target, null, null)
                .outcome(false).reason(message).set("rule.name", rule).build());
    }

    private AuditEvent.Builder base(EventAction action, String method, URI target, Integer status, AuthHeader header) {
        Instant expiresAt = spec instanceof ApiTokenSpec a ? a.expiresAt() : null;
        AuditEvent.Builder b = AuditEvent.builder(action, clock.instant())
                .service(serviceName)
                .request(method, target.getHost(), target.getRawPath(), status)
                .set("url.scheme", target.getScheme())
                .credential(spec.id(), spec.kind().id(), credentialFingerprint(header), expiresAt, null,
                        spec.allow().projects())
                .pipeline(pipeline.job(), pipeline.build(), pipeline.url(), pipeline.node())
                .jira(spec.common().siteBase(), spec.flavor().id());
        if (spec.common().owner() != null) {
            b.set("user.name", spec.common().owner());
        }
        if (header != null && spec.kind().isOAuth() && fingerprinter != null) {
            // short-lived access tokens are fingerprinted apart from the credential's long-lived secret
            b.set("jira_access.token.fingerprint", fingerprinter.fingerprint(header.credentials()));
        }
        return b;
    }

    /** The long-lived secret's fingerprint; for a PAT that is the token actually sent, which rotation replaces. */
    private String credentialFingerprint(AuthHeader header) {
        if (fingerprinter == null) {
            return null;
        }
        if (spec.kind() == CredentialKind.PAT && header != null) {
            SecretValue sent = header.credentials();
            return fingerprinter.fingerprint(sent);
        }
        return specFingerprint;
    }

    private void emit(AuditEvent e) {
        try {
            sink.emit(e);
        } catch (RuntimeException failure) {
            // the request itself went through; losing its audit record must not go unnoticed
            LOG.log(Level.WARNING, "credential {0}: audit event {1} could not be recorded ({2})", spec.id(), e.action(),
                    failure.getClass().getSimpleName());
        }
    }
}
