package io.jiraaccess.daemon.enforcement;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.inventory.InventoryToken;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The events of enforcement and revocation ({@code event.dataset: jira_access.enforcement}), about one token of a
 * Jira inventory. Ids are deterministic: an alert is {@code enforcement:<token key>:<action>:<rule>:<UTC day>}, so
 * evaluating again the same day overwrites it instead of adding another; a revocation is
 * {@code enforcement:<token key>:revoked}, since a token is revoked once.
 */
public final class EnforcementEvents {
    /** {@code service.name} of what the daemon does on its own. */
    public static final String SERVICE = "jira-access-daemon";
    /** {@code tags} of alerts raised by a dry run: what enforcement would do. */
    public static final String DRY_RUN_TAG = "dry-run";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private EnforcementEvents() {
    }

    /**
     * An alert: {@code credential.expiring}, {@code credential.expired} or {@code policy.violation}.
     *
     * @param rule      the policy rule ({@code expiring}, {@code expired}, {@code max-age}, {@code unused}, {@code unmanaged})
     * @param reason    what the rule found, for people
     * @param wouldRevoke set on a dry run's violation that enforcement would revoke
     */
    public static AuditEvent alert(InventoryToken token, EventAction action, String rule, String reason, Instant now,
                                   boolean wouldRevoke) {
        AuditEvent.Builder b = base(token, action, now)
                .id("enforcement:" + token.key() + ":" + action.id() + ":" + rule + ":" + DAY.format(now))
                .set("jira_access.policy.rule", rule)
                .reason(reason)
                .outcome(action == EventAction.POLICY_VIOLATION ? "failure" : "unknown")
                .message(token + ": " + reason + (wouldRevoke ? "; enforcement would revoke it (dry run)" : ""));
        if (wouldRevoke) {
            b.set("tags", List.of(DRY_RUN_TAG, "would-revoke"));
        }
        return b.build();
    }

    /**
     * A revocation through the Jira API, or an attempt that failed ({@code failure} non-null).
     *
     * @param rule      the policy rule, or {@code bulk} / {@code manual} for revocations people asked for
     * @param initiator who asked: {@code enforcement}, {@code cli}, {@code admin-api}
     */
    public static AuditEvent revoked(InventoryToken token, String rule, String reason, String initiator, Instant now,
                                     String failure) {
        AuditEvent.Builder b = base(token, EventAction.CREDENTIAL_REVOKED, now)
                .id("enforcement:" + token.key() + ":revoked" + (failure == null ? "" : ":failed:" + now.toEpochMilli()))
                .set("jira_access.policy.rule", rule)
                .set("jira_access.enforcement.initiator", initiator)
                .reason(reason)
                .outcome(failure == null)
                .message(token + (failure == null ? " revoked: " + reason : " was not revoked (" + failure + ")"));
        if (failure != null) {
            b.set("error.message", failure);
        }
        return b.build();
    }

    private static AuditEvent.Builder base(InventoryToken token, EventAction action, Instant now) {
        return AuditEvent.builder(action, now)
                .dataset(AuditEvent.DATASET_ENFORCEMENT)
                .service(SERVICE)
                .jira(token.site(), token.flavor() == null ? null : token.flavor().id())
                .user(token.ownerName(), token.ownerId())
                .set("user.email", token.ownerEmail())
                .set("jira_access.credential.kind", token.kind())
                .set("jira_access.credential.token_id", token.tokenId())
                .set("jira_access.credential.name", token.name())
                .set("jira_access.credential.created_at", token.createdAt())
                .set("jira_access.credential.expires_at", token.expiresAt())
                .set("jira_access.credential.last_used_at", token.lastUsedAt())
                .set("jira_access.inventory.source", token.source());
    }
}
