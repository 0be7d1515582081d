package io.jiraaccess.core.oauth;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;

import java.util.Objects;

/**
 * Turns what the token broker does for one credential into audit events: {@code token.issued} for the first token,
 * {@code token.refreshed} for later ones, {@code token.refresh_failed} for failures (with what is still served).
 * Credentials appear as id, kind and fingerprint; access tokens only as {@code jira_access.token.fingerprint}.
 */
public final class TokenEvents implements TokenBroker.Listener {
    private final CredentialSpec spec;
    private final AuthContext ctx;
    private final String credentialFingerprint;

    public TokenEvents(CredentialSpec spec, AuthContext ctx) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.credentialFingerprint = ctx.fingerprinter().fingerprint(spec);
    }

    @Override
    public void issued(TokenBroker.Key key, AccessToken token, boolean first) {
        EventAction action = first ? EventAction.TOKEN_ISSUED : EventAction.TOKEN_REFRESHED;
        ctx.events().emit(base(action, token)
                .outcome(true)
                .message("credential " + spec.id() + ": access token " + (first ? "issued" : "refreshed")
                        + (token.expiresAt() == null ? "" : ", expires at " + token.expiresAt()))
                .build());
    }

    @Override
    public void refreshFailed(TokenBroker.Key key, JiraAccessException failure, AccessToken stillServed) {
        ctx.events().emit(base(EventAction.REFRESH_FAILED, stillServed)
                .outcome(false)
                .reason(failure.getMessage())
                .set("error.type", failure.getClass().getSimpleName())
                .message("credential " + spec.id() + ": token refresh failed; " + (stillServed == null
                        ? "no usable token is left"
                        : "still serving the cached token until " + stillServed.expiresAt()))
                .build());
    }

    private AuditEvent.Builder base(EventAction action, AccessToken token) {
        return AuditEvent.builder(action, ctx.clock().instant())
                .service(ctx.serviceName())
                .user(spec.common().owner(), null)
                .credential(spec.id(), spec.kind().id(), credentialFingerprint,
                        token == null ? null : token.expiresAt(), token == null ? null : token.scopes(),
                        spec.allow().projects())
                .set("jira_access.token.fingerprint", token == null ? null : ctx.fingerprinter().fingerprint(token.value()))
                .jira(spec.common().siteBase(), spec.flavor().id());
    }
}
