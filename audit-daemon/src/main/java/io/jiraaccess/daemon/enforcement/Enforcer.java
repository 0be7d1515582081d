package io.jiraaccess.daemon.enforcement;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.inventory.InventoryToken;
import io.jiraaccess.daemon.inventory.ManagedTokens;
import io.jiraaccess.daemon.inventory.TokenInventory;
import io.jiraaccess.daemon.spool.SpoolDrop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates {@code policy} over every token inventory and acts on it (the Quartz job on {@code policy.schedule}):
 * <ul>
 *   <li>{@code expired}: an active-looking token whose expiry has passed, or Jira says expired:
 *   {@code credential.expired} once per token (its {@code @timestamp} is the expiry);</li>
 *   <li>{@code expiring}: expires within {@code warnBeforeExpiryDays}: {@code credential.expiring}, once a day;</li>
 *   <li>{@code max-age}: created more than {@code maxAgeDays} ago; {@code unused}: not used (else since creation) for
 *   {@code revokeUnusedAfterDays}; {@code unmanaged} (only with {@code revokeUnmanaged}): no Jira Access credential
 *   holds it ({@link ManagedTokens}): {@code policy.violation} per rule, once a day;</li>
 *   <li>with {@code enforce: true} a token violating a rule is revoked through the Jira API and
 *   {@code credential.revoked} is emitted; in a dry run (the default) the violations carry the tags
 *   {@code dry-run}, {@code would-revoke} instead. Tokens of the administrator the daemon acts as are alerted on, never
 *   revoked automatically: one of them is what the daemon polls with.</li>
 * </ul>
 * Tokens Jira reports revoked are skipped. Events are written to the spool directory ({@link SpoolDrop}), each
 * revocation's right after it, so the spool source indexes them even if the daemon stops right after a revocation. Deterministic
 * ids make a second evaluation the same day overwrite instead of adding alerts.
 */
public final class Enforcer {
    private static final Logger LOG = LoggerFactory.getLogger(Enforcer.class);

    /** An inventory with the name of its {@code jira:} entry. */
    public record Target(String name, TokenInventory inventory) {
    }

    private final DaemonConfig.Policy policy;
    private final List<Target> targets;
    private final ManagedTokens managed;
    private final SpoolDrop drop;
    private final Clock clock;

    public Enforcer(DaemonConfig.Policy policy, List<Target> targets, ManagedTokens managed, SpoolDrop drop, Clock clock) {
        this.policy = policy;
        this.targets = List.copyOf(targets);
        this.managed = managed;
        this.drop = drop;
        this.clock = clock;
    }

    /** One evaluation of every inventory; a site that cannot be read is reported and skipped. */
    public synchronized EnforcementReport run() {
        List<EnforcementReport.Finding> findings = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        ManagedTokens.Judge judge = managed.judge();
        for (Target t : targets) {
            List<InventoryToken> tokens;
            try {
                tokens = t.inventory().list();
            } catch (JiraAccessException e) {
                failed.add(t.name() + ": " + e.getMessage());
                LOG.warn("enforcement: the token inventory of {} cannot be read now: {}", t.name(), e.getMessage());
                continue;
            }
            List<AuditEvent> events = new ArrayList<>();
            for (InventoryToken token : tokens) {
                evaluate(t, token, judge.managed(token), events, findings);
            }
            drop.write(events);
        }
        EnforcementReport report = new EnforcementReport(findings, failed);
        if (!findings.isEmpty()) {
            LOG.info("enforcement ({}): {} alert(s), {} revoked, {} revocation(s) failed", policy.enforce() ? "enforcing"
                            : "dry run", report.count(EnforcementReport.Action.ALERTED),
                    report.count(EnforcementReport.Action.REVOKED), report.count(EnforcementReport.Action.REVOKE_FAILED));
        }
        return report;
    }

    private void evaluate(Target target, InventoryToken token, boolean isManaged, List<AuditEvent> events,
                          List<EnforcementReport.Finding> findings) {
        if (InventoryToken.REVOKED.equals(token.status())) {
            return;
        }
        Instant now = clock.instant();
        Instant expires = token.expiresAt();
        if (InventoryToken.EXPIRED.equals(token.status()) || expires != null && !now.isBefore(expires)) {
            events.add(expired(token, now));
            findings.add(new EnforcementReport.Finding(token, List.of("expired"), EnforcementReport.Action.ALERTED,
                    "expired " + (expires == null ? "" : expires)));
            return;
        }
        List<String> rules = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (expires != null && Duration.between(now, expires).compareTo(Duration.ofDays(policy.warnBeforeExpiryDays())) <= 0) {
            events.add(EnforcementEvents.alert(token, EventAction.CREDENTIAL_EXPIRING, "expiring",
                    "expires " + expires + ", within " + policy.warnBeforeExpiryDays() + " days", now, false));
            findings.add(new EnforcementReport.Finding(token, List.of("expiring"), EnforcementReport.Action.ALERTED,
                    "expires " + expires));
        }
        if (token.createdAt() != null && !token.createdAt().isAfter(now.minus(Duration.ofDays(policy.maxAgeDays())))) {
            rules.add("max-age");
            reasons.add("created " + token.createdAt() + ", more than " + policy.maxAgeDays() + " days ago");
        }
        Instant lastActivity = token.lastUsedAt() != null ? token.lastUsedAt() : token.createdAt();
        if (lastActivity != null && !lastActivity.isAfter(now.minus(Duration.ofDays(policy.revokeUnusedAfterDays())))) {
            rules.add("unused");
            reasons.add((token.lastUsedAt() == null ? "never used since it was created " : "last used ") + lastActivity
                    + ", more than " + policy.revokeUnusedAfterDays() + " days ago");
        }
        if (policy.revokeUnmanaged() && !isManaged) {
            rules.add("unmanaged");
            reasons.add("no Jira Access credential holds it (unmanaged)");
        }
        if (rules.isEmpty()) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            events.add(EnforcementEvents.alert(token, EventAction.POLICY_VIOLATION, rules.get(i), reasons.get(i), now,
                    !policy.enforce()));
        }
        String reason = String.join("; ", reasons);
        if (!policy.enforce()) {
            findings.add(new EnforcementReport.Finding(token, rules, EnforcementReport.Action.ALERTED,
                    "would revoke: " + reason));
            return;
        }
        if (ownedByCaller(target, token)) {
            // revoking the administrator's own tokens could take away the credential the daemon polls with
            findings.add(new EnforcementReport.Finding(token, rules, EnforcementReport.Action.ALERTED, "not revoked "
                    + "automatically: it belongs to the administrator the daemon acts as; " + reason));
            LOG.warn("enforcement: {} violates {} but belongs to the administrator the daemon acts as; revoke it by hand "
                    + "(audit-daemon revoke --credential {}) once the daemon has another credential", token, rules,
                    token.tokenId());
            return;
        }
        try {
            target.inventory().revoke(token);
            // written at once, not with the alerts: the revocation has happened, its record must not wait
            record(EnforcementEvents.revoked(token.withStatus(InventoryToken.REVOKED), String.join(",", rules),
                    reason, "enforcement", now, null));
            findings.add(new EnforcementReport.Finding(token, rules, EnforcementReport.Action.REVOKED, reason));
            LOG.info("enforcement: revoked {} ({})", token, reason);
        } catch (JiraAccessException | IllegalArgumentException e) {
            record(EnforcementEvents.revoked(token, String.join(",", rules), reason, "enforcement", now, e.getMessage()));
            findings.add(new EnforcementReport.Finding(token, rules, EnforcementReport.Action.REVOKE_FAILED,
                    e.getMessage()));
            LOG.warn("enforcement: revoking {} failed: {}", token, e.getMessage());
        }
    }

    private static boolean ownedByCaller(Target target, InventoryToken token) {
        try {
            return target.inventory().ownedByCaller(token);
        } catch (JiraAccessException e) {
            return true; // unknown: do not risk it
        }
    }

    private void record(AuditEvent revocation) {
        try {
            drop.write(List.of(revocation));
        } catch (java.io.UncheckedIOException e) {
            // Jira's own audit log records the revocation too; the Jira audit source indexes that one
            LOG.error("enforcement: {} but its event could not be spooled: {}", revocation.getString("message"),
                    e.getMessage());
        }
    }

    /** {@code credential.expired} once per token, at its expiry (or now, when Jira gives none). */
    private static AuditEvent expired(InventoryToken token, Instant now) {
        Instant at = token.expiresAt() != null && !token.expiresAt().isAfter(now) ? token.expiresAt() : now;
        AuditEvent e = EnforcementEvents.alert(token, EventAction.CREDENTIAL_EXPIRED, "expired",
                "expired" + (token.expiresAt() == null ? "" : " " + token.expiresAt()), at, false);
        return e.toBuilder().id("enforcement:" + token.key() + ":credential.expired").build();
    }
}
