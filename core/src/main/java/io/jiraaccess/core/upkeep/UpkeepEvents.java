package io.jiraaccess.core.upkeep;

import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.time.Instant;

/** Events of the periodic upkeep and of an administrator's actions on a credential; never a secret. */
public final class UpkeepEvents {
    private UpkeepEvents() {
    }

    /** A due {@link Upkeep} failed: {@code rotation.failed}, with the reason and how many failures in a row. */
    public static AuditEvent failed(CredentialSpec spec, String fingerprint, Upkeep.Action action, String reason,
                                    int failuresInARow, String serviceName, Instant now) {
        return base(EventAction.ROTATION_FAILED, spec, fingerprint, serviceName, now).outcome(false).reason(reason)
                .message(action.name().toLowerCase(java.util.Locale.ROOT) + " of credential " + spec.id()
                        + " failed (" + failuresInARow + " in a row): " + reason)
                .build();
    }

    /** {@code credential.expiring} or {@code credential.expired} for a credential that cannot be rotated by API. */
    public static AuditEvent expiry(Upkeep upkeep, String fingerprint, Instant expiresAt, String serviceName, Instant now) {
        EventAction action = upkeep.action() == Upkeep.Action.EXPIRED ? EventAction.CREDENTIAL_EXPIRED : EventAction.CREDENTIAL_EXPIRING;
        return base(action, upkeep.spec(), fingerprint, serviceName, now)
                .set("jira_access.credential.expires_at", expiresAt).reason(upkeep.reason())
                .message("credential " + upkeep.spec().id() + ": " + upkeep.reason()).build();
    }

    /**
     * {@code credential.revoked} by an administrator.
     *
     * @param atJira true when Jira revoked the secret too, false when it was only disabled here
     */
    public static AuditEvent revoked(CredentialSpec spec, String fingerprint, String by, boolean atJira, String note,
                                     String serviceName, Instant now) {
        return base(EventAction.CREDENTIAL_REVOKED, spec, fingerprint, serviceName, now).outcome(true)
                .message("credential " + spec.id() + " revoked by " + (by == null ? "an administrator" : by)
                        + (atJira ? " at Jira and here" : " here only (" + note + ")"))
                .build();
    }

    private static AuditEvent.Builder base(EventAction action, CredentialSpec spec, String fingerprint, String serviceName,
                                           Instant now) {
        return AuditEvent.builder(action, now).dataset(AuditEvent.DATASET_INVENTORY).service(serviceName)
                .user(spec.common().owner(), null)
                .credential(spec.id(), spec.kind().id(), fingerprint, null, null, spec.allow().projects())
                .jira(spec.common().siteBase(), spec.flavor().id());
    }
}
