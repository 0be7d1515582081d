package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.jira.CreatedPat;
import io.jiraaccess.core.jira.PatInfo;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The revocations of a rotation cycle: superseded tokens once their grace period is over, orphans (live tokens named
 * like ours that the store does not hold), and a new token that could not be stored. Each is idempotent: Jira's
 * "not found" for a token already revoked counts as done.
 */
final class Revocations {
    private static final System.Logger LOG = System.getLogger(Revocations.class.getName());

    private final CycleContext c;

    Revocations(CycleContext context) {
        this.c = context;
    }

    /** Revokes every superseded token whose grace period is over, and forgets it. */
    PatState revokeDue(PatState st) {
        Instant now = c.r.clock.instant();
        for (PatState.Previous due : st.previous()) {
            if (due.revokeAfter() != null && now.isBefore(due.revokeAfter())) {
                continue;
            }
            c.at = RotationStep.REVOKE;
            PatState.Previous p = due.id() != null ? due : identifyConfigured(st, due);
            if (p == null) {
                st = c.load();
                continue;
            }
            long id = p.id();
            TokenRef ref = new TokenRef(p.fingerprint(), id, p.name(), p.expiresAt());
            boolean wasLive = c.manager(st).revoke(id);
            c.completed(RotationStep.REVOKE);
            st = c.update(s -> s.withoutPrevious(p.slot()));
            c.revoked.add(id);
            String why = (p.slot().equals(PatState.CONFIGURED_SLOT) ? "grace period over (the credential file's token)"
                    : "grace period over") + (wasLive ? "" : "; Jira had already revoked it");
            c.r.events.revoked(c.spec, c.user(st), p.rotationId(), RotationStep.REVOKE, ref, why);
            c.r.events.step(c.spec, c.user(st), p.rotationId(), RotationStep.REVOKE, ref,
                    "credential " + c.spec.id() + ": superseded token " + id + " revoked");
        }
        return st;
    }

    /**
     * The credential file's token, superseded by the first rotation: Jira's list does not say which token it is, so
     * it is identified only when exactly one live token carries {@code rotation.tokenName} as its name. Its id is
     * stored before it is revoked, so a crash in between does not lose track of it. Null when it cannot be identified
     * (recorded, and reported for revocation by hand).
     */
    private PatState.Previous identifyConfigured(PatState st, PatState.Previous p) {
        String wanted = c.spec.rotation().tokenName();
        Set<Long> held = st.heldIds();
        List<PatInfo> candidates = c.manager(st).list().stream()
                .filter(t -> t.name().equals(wanted) && !held.contains(t.id()))
                .toList();
        if (candidates.size() != 1) {
            String why = "the credential file's token cannot be identified in Jira (" + candidates.size()
                    + " live tokens are named '" + wanted + "'); if it is still live, revoke it by hand in Jira "
                    + "(Profile > Personal Access Tokens)";
            LOG.log(Level.WARNING, "credential {0}: {1}", c.spec.id(), why);
            c.r.events.revokeFailed(c.spec, c.user(st), p.rotationId(),
                    new TokenRef(p.fingerprint(), null, p.name(), p.expiresAt()), why);
            c.update(s -> s.withoutPrevious(p.slot()).withConfiguredNotRevoked(p.fingerprint()));
            return null;
        }
        PatInfo token = candidates.get(0);
        c.update(s -> s.withPreviousId(p.slot(), token.id(), token.name()));
        return new PatState.Previous(p.slot(), token.id(), token.name(), p.fingerprint(),
                p.expiresAt() != null ? p.expiresAt() : token.expiringAt(), p.revokeAfter(), p.rotationId());
    }

    /**
     * Revokes every token the credential has: the current one (the credential file's when never rotated, identified
     * by name), a pending one, and the superseded ones; then forgets them. For a credential taken out of use.
     */
    PatState revokeAll(PatState st) {
        c.at = RotationStep.REVOKE;
        // the current token last: when it is what the calls authenticate with, it must outlive the others
        List<TokenRef> targets = new java.util.ArrayList<>();
        PatState.Pending pending = st.pending();
        if (pending != null) {
            targets.add(c.ref(pending));
        }
        for (PatState.Previous p : st.previous()) {
            if (p.id() != null) {
                targets.add(new TokenRef(p.fingerprint(), p.id(), p.name(), p.expiresAt()));
            }
        }
        PatState.Current current = st.current(c.spec.token());
        boolean fileTokenHeld = current.id() == null || st.previous().stream().anyMatch(p -> p.id() == null);
        if (fileTokenHeld) {
            // the credential file's token (current before the first rotation, or previous in its grace period)
            Set<Long> held = st.heldIds();
            String wanted = c.spec.rotation().tokenName();
            List<PatInfo> named = c.manager(st).list().stream()
                    .filter(t -> t.name().equals(wanted) && !held.contains(t.id())).toList();
            String fingerprint = c.fingerprint(c.spec.token());
            if (named.size() == 1) {
                PatInfo t = named.get(0);
                targets.add(new TokenRef(fingerprint, t.id(), t.name(), t.expiringAt()));
            } else {
                String why = "the credential file's token cannot be identified in Jira (" + named.size()
                        + " live tokens are named '" + wanted + "'); revoke it by hand in Jira (Profile > Personal Access Tokens)";
                LOG.log(Level.WARNING, "credential {0}: {1}", c.spec.id(), why);
                c.r.events.revokeFailed(c.spec, c.user(st), null, new TokenRef(fingerprint, null, null, null), why);
            }
        }
        if (current.id() != null) {
            targets.add(c.ref(current));
        }
        for (TokenRef t : targets) {
            c.manager(st).revoke(t.id());
            c.revoked.add(t.id());
            c.r.events.revoked(c.spec, c.user(st), c.rotationId, RotationStep.REVOKE, t, "revoked on request");
            c.completed(RotationStep.REVOKE);
        }
        Instant now = c.r.clock.instant();
        return c.update(s -> s.revokedAll(now));
    }

    /** Revokes live tokens named like ours that the store does not hold: created by a rotation that died before storing them. */
    void sweep(PatState st) {
        c.at = RotationStep.SWEEP;
        Set<Long> held = st.heldIds();
        for (PatInfo t : c.manager(st).list()) {
            if (!c.names.isOurs(t.name()) || held.contains(t.id())) {
                continue;
            }
            c.manager(st).revoke(t.id());
            c.orphans.add(t.id());
            TokenRef ref = new TokenRef(null, t.id(), t.name(), t.expiringAt());
            c.r.events.revoked(c.spec, c.user(st), c.rotationId, RotationStep.SWEEP, ref,
                    "orphaned: created by an interrupted rotation and never stored");
            c.r.events.step(c.spec, c.user(st), c.rotationId, RotationStep.SWEEP, ref,
                    "credential " + c.spec.id() + ": orphaned token " + t.id() + " revoked");
            c.completed(RotationStep.SWEEP);
        }
    }

    /** The new token could not be stored: revoke it now, so it is not left live with nobody holding it. */
    void revokeUnstored(PatState st, CreatedPat created, TokenRef ref, JiraAccessException storeFailure) {
        String why = "not stored (" + c.reason(storeFailure) + ")";
        try {
            c.manager(st).revoke(created.id());
        } catch (JiraAccessException first) {
            try {
                c.r.apis.open(c.spec, CycleContext.bearer(created.token())).revoke(created.id());
            } catch (JiraAccessException second) {
                LOG.log(Level.WARNING, "credential {0}: token {1} could not be stored nor revoked ({2}); the next "
                        + "rotation finds it by its name and revokes it", c.spec.id(), created.id(), c.reason(second));
                return;
            }
        }
        c.r.events.revoked(c.spec, c.user(st), c.rotationId, RotationStep.PENDING, ref, why);
    }
}
