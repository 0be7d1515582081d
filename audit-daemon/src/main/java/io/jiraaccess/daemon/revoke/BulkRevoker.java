package io.jiraaccess.daemon.revoke;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.daemon.enforcement.EnforcementEvents;
import io.jiraaccess.daemon.enforcement.Enforcer;
import io.jiraaccess.daemon.inventory.InventoryToken;
import io.jiraaccess.daemon.spool.SpoolDrop;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Revokes every token a {@link RevokeFilter} matches, across the configured sites, through the Jira API (Data Center
 * PAT delete, Cloud org admin token delete): the incident responder's tool behind {@code audit-daemon revoke} and
 * {@code POST /revoke}. Each revocation is written to the spool directory as {@code credential.revoked}
 * ({@code jira_access.enforcement}, rule {@code bulk}) right after it happened. A dry run lists what would go and
 * changes nothing.
 */
public final class BulkRevoker {
    /** The outcome for one token. */
    public enum Outcome {
        /** Dry run: it would be revoked. */
        WOULD_REVOKE("would revoke"),
        REVOKED("revoked"),
        /** Jira no longer knew it (revoked meanwhile): it does not work either way. */
        ALREADY_GONE("already gone"),
        FAILED("FAILED");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One token's line of the report. */
    public record Line(String site, InventoryToken token, Outcome outcome, String detail) {
    }

    /**
     * @param unreadableSites sites whose inventory could not be listed (nothing of them was revoked)
     * @param authFailure     true when a site refused the administrator credential
     */
    public record Report(boolean dryRun, List<Line> lines, List<String> unreadableSites, boolean authFailure) {
        public Report {
            lines = List.copyOf(lines);
            unreadableSites = List.copyOf(unreadableSites);
        }

        public long count(Outcome o) {
            return lines.stream().filter(l -> l.outcome() == o).count();
        }

        public boolean complete() {
            return count(Outcome.FAILED) == 0 && unreadableSites.isEmpty();
        }
    }

    private final List<Enforcer.Target> targets;
    private final SpoolDrop drop;
    private final Clock clock;
    private final String initiator;

    /** @param initiator who asks, in events: {@code cli} or {@code admin-api} */
    public BulkRevoker(List<Enforcer.Target> targets, SpoolDrop drop, Clock clock, String initiator) {
        this.targets = List.copyOf(targets);
        this.drop = drop;
        this.clock = clock;
        this.initiator = initiator;
    }

    /** Revokes (or, in a dry run, lists) the matching tokens, telling {@code progress} about each as it goes. */
    public Report revoke(RevokeFilter filter, boolean dryRun, Consumer<Line> progress) {
        List<Line> lines = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        boolean authFailure = false;
        for (Enforcer.Target t : targets) {
            List<InventoryToken> tokens;
            try {
                tokens = t.inventory().list();
            } catch (JiraAccessException e) {
                unreadable.add(t.name() + ": " + e.getMessage());
                authFailure |= e instanceof AuthenticationException;
                continue;
            }
            List<InventoryToken> matching = new ArrayList<>();
            List<InventoryToken> own = new ArrayList<>();
            try {
                for (InventoryToken token : tokens) {
                    if (filter.matches(token)) {
                        (t.inventory().ownedByCaller(token) ? own : matching).add(token);
                    }
                }
            } catch (JiraAccessException e) {
                unreadable.add(t.name() + ": " + e.getMessage());
                authFailure |= e instanceof AuthenticationException;
                continue;
            }
            // the administrator's own tokens last: one of them may be what this revocation authenticates with
            matching.addAll(own);
            for (InventoryToken token : matching) {
                Line line = dryRun ? new Line(t.name(), token, Outcome.WOULD_REVOKE, null) : revoke(t, token, filter);
                lines.add(line);
                progress.accept(line);
            }
        }
        return new Report(dryRun, lines, unreadable, authFailure);
    }

    private Line revoke(Enforcer.Target t, InventoryToken token, RevokeFilter filter) {
        String reason = "bulk revocation (" + filter.describe() + ") by " + initiator;
        try {
            boolean now = t.inventory().revoke(token);
            if (now) {
                record(EnforcementEvents.revoked(token.withStatus(InventoryToken.REVOKED), "bulk", reason, initiator,
                        clock.instant(), null));
            }
            return new Line(t.name(), token, now ? Outcome.REVOKED : Outcome.ALREADY_GONE, null);
        } catch (JiraAccessException | IllegalArgumentException e) {
            record(EnforcementEvents.revoked(token, "bulk", reason, initiator, clock.instant(), e.getMessage()));
            return new Line(t.name(), token, Outcome.FAILED, e.getMessage());
        }
    }

    private void record(io.jiraaccess.core.event.AuditEvent e) {
        try {
            drop.write(List.of(e));
        } catch (UncheckedIOException failure) {
            org.slf4j.LoggerFactory.getLogger(BulkRevoker.class).error("{}, but its event could not be spooled: {} "
                    + "(Jira's audit log records it too)", e.getString("message"), failure.getMessage());
        }
    }
}
