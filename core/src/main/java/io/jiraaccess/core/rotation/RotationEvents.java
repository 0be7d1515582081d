package io.jiraaccess.core.rotation;

import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.event.EventSink;

import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The audit events of rotations: {@code rotation.step} for every step, {@code credential.rotated} on promotion,
 * {@code credential.revoked} on each revocation, {@code rotation.failed} when a credential is marked. Tokens appear
 * only as fingerprint, Jira id and name ({@code jira_access.credential.*}); the rotation as
 * {@code jira_access.rotation.id}/{@code .step}. A sink that fails is logged, never allowed to break a rotation:
 * the token state in the store matters more than one lost event.
 */
final class RotationEvents {
    private static final System.Logger LOG = System.getLogger(RotationEvents.class.getName());

    private final EventSink sink;
    private final String serviceName;
    private final Clock clock;

    RotationEvents(EventSink sink, String serviceName, Clock clock) {
        this.sink = sink;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    void step(PatSpec spec, String user, String rotationId, RotationStep step, TokenRef token, String message) {
        emit(base(EventAction.ROTATION_STEP, spec, user, rotationId, step, token).outcome(true).message(message));
    }

    void stepFailed(PatSpec spec, String user, String rotationId, RotationStep step, TokenRef token, String reason) {
        emit(base(EventAction.ROTATION_STEP, spec, user, rotationId, step, token).outcome(false).reason(reason)
                .message("credential " + spec.id() + ": rotation step " + step + " failed"));
    }

    void rotated(PatSpec spec, String user, String rotationId, TokenRef token, TokenRef previous) {
        emit(base(EventAction.CREDENTIAL_ROTATED, spec, user, rotationId, RotationStep.PROMOTE, token).outcome(true)
                .set("jira_access.rotation.previous_token_id", previous.id())
                .set("jira_access.rotation.previous_fingerprint", previous.fingerprint())
                .message("credential " + spec.id() + ": personal access token rotated"
                        + (token.id() == null ? "" : " to token " + token.id())
                        + (token.expiresAt() == null ? "" : ", expiring " + token.expiresAt())));
    }

    void revoked(PatSpec spec, String user, String rotationId, RotationStep step, TokenRef token, String why) {
        emit(base(EventAction.CREDENTIAL_REVOKED, spec, user, rotationId, step, token).outcome(true).reason(why)
                .message("credential " + spec.id() + ": personal access token "
                        + (token.id() == null ? "" : token.id() + " ") + "revoked (" + why + ")"));
    }

    void revokeFailed(PatSpec spec, String user, String rotationId, TokenRef token, String reason) {
        emit(base(EventAction.CREDENTIAL_REVOKED, spec, user, rotationId, RotationStep.REVOKE, token).outcome(false)
                .reason(reason).message("credential " + spec.id() + ": a superseded personal access token was not revoked"));
    }

    void rotationFailed(PatSpec spec, String user, String rotationId, RotationStep step, TokenRef current, int failures,
                        String reason) {
        emit(base(EventAction.ROTATION_FAILED, spec, user, rotationId, step, current).outcome(false).reason(reason)
                .set("jira_access.rotation.failures", (long) failures)
                .message("credential " + spec.id() + ": rotation failed " + failures + " times in a row; the current "
                        + "token stays in use until it expires"));
    }

    private AuditEvent.Builder base(EventAction action, PatSpec spec, String user, String rotationId, RotationStep step,
                                    TokenRef token) {
        AuditEvent.Builder b = AuditEvent.builder(action, clock.instant())
                .service(serviceName)
                .jira(spec.common().siteBase(), spec.flavor().id())
                .credential(spec.id(), spec.kind().id(), token == null ? null : token.fingerprint(),
                        token == null ? null : token.expiresAt(), null, spec.allow().projects())
                .set("jira_access.rotation.id", rotationId)
                .set("jira_access.rotation.step", step == null ? null : step.id());
        if (token != null) {
            b.set("jira_access.credential.token_id", token.id() == null ? null : Long.toString(token.id()))
                    .set("jira_access.credential.name", token.name());
        }
        String who = user != null ? user : spec.common().owner();
        if (who != null) {
            b.set("user.name", who);
        }
        return b;
    }

    private void emit(AuditEvent.Builder b) {
        AuditEvent event = b.build();
        try {
            sink.emit(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "credential {0}: the {1} event could not be recorded ({2}); the rotation goes on",
                    event.credentialId(), event.action(), e.getClass().getSimpleName());
        }
    }
}
