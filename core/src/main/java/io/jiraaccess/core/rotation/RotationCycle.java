package io.jiraaccess.core.rotation;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.jira.CreatedPat;
import io.jiraaccess.core.jira.JiraUser;
import io.jiraaccess.core.jira.RateLimitedException;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.token.TokenBroker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * One rotation cycle of one credential, run while holding its rotation lock: resume what a crash or failure left,
 * revoke what is due, rotate when asked or due. Each step is made durable (in the store, or at Jira) before the next
 * begins. Not reusable: one instance per cycle.
 */
final class RotationCycle {
    private static final System.Logger LOG = System.getLogger(RotationCycle.class.getName());

    /** Why the cycle runs. */
    enum Mode {
        /** Periodic: respects backoff and rate-limit cooldowns; rotates when due. */
        IF_DUE,
        /** An operator asked: ignores backoff; rotates whether due or not. */
        NOW,
        /** Start-up recovery: completes pending work and sweeps orphans; starts no new rotation. */
        RECOVER
    }

    private final CycleContext c;
    private final PatRotator r;
    private final PatSpec spec;
    private final Mode mode;
    private final Revocations revocations;

    RotationCycle(CycleContext context, Mode mode) {
        this.c = context;
        this.r = context.r;
        this.spec = context.spec;
        this.mode = mode;
        this.revocations = new Revocations(context);
    }

    RotationResult run() {
        Instant now = r.clock.instant();
        PatState st = c.load();
        if (mode == Mode.IF_DUE) {
            Instant next = st.nextAttemptAt();
            if (next != null && now.isBefore(next)) {
                PatState.InProgress ip = st.inProgress();
                return result(RotationResult.Outcome.BACKING_OFF, st, ip == null ? null : ip.rotationId(),
                        "credential " + spec.id() + ": the last rotation attempt failed (" + st.failures() + " in a row"
                                + (ip == null ? "" : ", rotation " + ip.rotationId() + " at step " + ip.step())
                                + "); next attempt after " + next + "; the current token stays in use");
            }
            Instant blocked = r.cooldowns.blockedUntil(spec.common().siteBase(), now);
            if (blocked != null) {
                return result(RotationResult.Outcome.DEFERRED, st, null, "credential " + spec.id() + ": Jira at "
                        + spec.site().getHost() + " asked to slow down; rotation deferred until " + blocked);
            }
        }
        try {
            return work(st);
        } catch (RotationInProgressException e) {
            throw e;
        } catch (JiraAccessException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            failure(new JiraAccessException(JiraAccessException.Failure.JIRA,
                    "internal error (" + e.getClass().getName() + ")", e));
            throw e;
        }
    }

    /** Revokes every token of the credential (see {@link Revocations#revokeAll}); failures are counted like any. */
    RotationResult revokeAll() {
        try {
            PatState st = revocations.revokeAll(c.load());
            if (r.broker != null) {
                r.broker.invalidateAll(spec.common().siteBase(), spec.id());
            }
            return result(RotationResult.Outcome.REVOKED, st, null, "credential " + spec.id() + ": revoked token(s) "
                    + c.revoked + "; the credential needs a new token in its configuration before it works again");
        } catch (RotationInProgressException e) {
            throw e;
        } catch (JiraAccessException e) {
            throw failure(e);
        }
    }

    private RotationResult work(PatState st) {
        boolean rotated = false;
        boolean swept = false;
        PatState.InProgress ip = st.inProgress();
        if (ip != null) {
            c.rotationId = ip.rotationId();
            LOG.log(Level.INFO, "credential {0}: resuming rotation {1} after step {2}", spec.id(), c.rotationId, ip.step());
            if (ip.step() == RotationStep.START) {
                // Jira may have created the token and the process died before storing it: find it by name, revoke it
                revocations.sweep(st);
                swept = true;
                st = create(c.load(), ip.tokenName() != null ? ip.tokenName() : c.names.tokenName(c.rotationId));
            }
            st = testAndPromote(st);
            rotated = true;
        }
        if (mode == Mode.RECOVER && !swept) {
            revocations.sweep(st);
        }
        st = revocations.revokeDue(c.load());
        if (!rotated && mode != Mode.RECOVER && (mode == Mode.NOW || isDue(st))) {
            c.rotationId = TokenNames.newRotationId(r.clock.instant());
            st = start(st);
            st = create(st, c.names.tokenName(c.rotationId));
            st = testAndPromote(st);
            rotated = true;
            st = revocations.revokeDue(st);
        }
        if (st.failures() > 0 || st.failedAt() != null || st.nextAttemptAt() != null) {
            st = c.update(PatState::healthy);
        }
        return result(rotated ? RotationResult.Outcome.ROTATED : RotationResult.Outcome.NOT_DUE, st, c.rotationId,
                summary(st, rotated));
    }

    private String summary(PatState st, boolean rotated) {
        TokenRef current = c.currentRef(st);
        StringBuilder b = new StringBuilder("credential ").append(spec.id()).append(": ");
        if (rotated) {
            b.append("rotated (rotation ").append(c.rotationId).append("); token ").append(current.id()).append(" is current")
                    .append(current.expiresAt() == null ? "" : ", expiring " + current.expiresAt());
        } else if (mode == Mode.RECOVER) {
            b.append("nothing to recover");
        } else {
            Instant due = c.dueAt(st);
            b.append("not due").append(due == null ? "" : " until " + due);
        }
        if (!c.revoked.isEmpty()) {
            b.append("; revoked superseded token(s) ").append(c.revoked);
        }
        if (!c.orphans.isEmpty()) {
            b.append("; revoked orphaned token(s) ").append(c.orphans);
        }
        return b.toString();
    }

    // ---- steps -------------------------------------------------------------------------------------------

    private PatState start(PatState st) {
        c.at = RotationStep.START;
        Instant now = r.clock.instant();
        String rotationId = c.rotationId;
        String name = c.names.tokenName(rotationId);
        st = c.update(s -> {
            if (s.inProgress() != null) {
                throw RotationStatuses.inProgress(spec.id(), s, "another rotation was recorded meanwhile");
            }
            return s.started(rotationId, name, now);
        });
        r.events.step(spec, c.user(st), rotationId, RotationStep.START, c.currentRef(st),
                "credential " + spec.id() + ": rotation " + rotationId + " started");
        c.completed(RotationStep.START);
        return st;
    }

    private PatState create(PatState st, String tokenName) {
        c.at = RotationStep.CREATE;
        CreatedPat created;
        try {
            created = c.manager(st).create(tokenName, spec.rotation().expiryDays());
        } catch (JiraException e) {
            if (e.status() == 400) {
                // Jira refused the request itself (administrators can cap token lifetimes): retrying cannot help
                throw new ConfigurationException("credential " + spec.id() + ": Jira refused to create a token named '"
                        + tokenName + "' valid for " + spec.rotation().expiryDays() + " days (" + c.reason(e)
                        + "); lower rotation.expiryDays to what Jira allows, or shorten rotation.tokenName", e);
            }
            throw e;
        }
        Instant now = r.clock.instant();
        PatState.Pending pending = new PatState.Pending(created.token(), created.id(), created.info().name(),
                created.info().createdAt() != null ? created.info().createdAt() : now, created.info().expiringAt());
        TokenRef ref = c.ref(pending);
        r.events.step(spec, c.user(st), c.rotationId, RotationStep.CREATE, ref,
                "credential " + spec.id() + ": Jira created token " + created.id() + " for rotation " + c.rotationId);
        c.completed(RotationStep.CREATE);
        c.at = RotationStep.PENDING;
        try {
            st = c.update(s -> s.withPending(pending));
        } catch (JiraAccessException e) {
            revocations.revokeUnstored(st, created, ref, e);
            throw e;
        }
        r.events.step(spec, c.user(st), c.rotationId, RotationStep.PENDING, ref,
                "credential " + spec.id() + ": token " + created.id() + " stored as pending");
        c.completed(RotationStep.PENDING);
        return st;
    }

    private PatState testAndPromote(PatState st) {
        c.at = RotationStep.TEST;
        PatState.Pending p = st.pending();
        if (p == null) {
            throw new StoreException("credential " + spec.id() + ": rotation " + c.rotationId + " is recorded at step "
                    + "pending but the store holds no pending token; repair the store file (remove the rotation.* "
                    + "attributes) and run jira-access rotate again");
        }
        TokenRef ref = c.ref(p);
        if (p.expiresAt() != null && !r.clock.instant().isBefore(p.expiresAt())) {
            throw abandon(st, p, ref, new AuthenticationException("credential " + spec.id() + ": the pending token "
                    + p.id() + " expired before it could be promoted; the next rotation creates a new one"));
        }
        JiraUser user;
        try {
            user = r.apis.open(spec, CycleContext.bearer(p.token())).myself();
        } catch (AuthenticationException e) {
            throw abandon(st, p, ref, e);
        }
        String expected = expectedIdentity(st);
        if (expected != null && !expected.equals(user.identity())) {
            throw abandon(st, p, ref, new ConfigurationException("credential " + spec.id() + ": the new token acts as "
                    + "Jira user '" + user.displayId() + "', not as the user of the current token"
                    + (spec.rotation().username() != null
                    ? "; rotation.username must name the current token's user" : "") + "; the new token was revoked"));
        }
        r.events.step(spec, user.displayId(), c.rotationId, RotationStep.TEST, ref,
                "credential " + spec.id() + ": token " + p.id() + " works and acts as " + user.displayId());
        c.completed(RotationStep.TEST);

        c.at = RotationStep.PROMOTE;
        Instant promotedAt = r.clock.instant();
        Instant revokeAfter = promotedAt.plus(spec.rotation().grace());
        TokenRef oldRef = c.currentRef(st);
        st = c.update(s -> {
            PatState.Current old = s.current(spec.token());
            return s.promoted(old, c.fingerprint(old.token()), revokeAfter, user.identity(), user.displayId(), promotedAt);
        });
        c.forgetManager();
        if (r.broker != null) {
            // authenticators in this process would serve the superseded token from the cache until it expires
            r.broker.invalidateAll(spec.common().siteBase(), spec.id());
        }
        r.events.step(spec, user.displayId(), c.rotationId, RotationStep.PROMOTE, ref,
                "credential " + spec.id() + ": token " + p.id() + " is current; the previous one is revoked after "
                        + revokeAfter);
        r.events.rotated(spec, user.displayId(), c.rotationId, ref, oldRef);
        c.completed(RotationStep.PROMOTE);
        return st;
    }

    /**
     * The pending token cannot become current: revoke it and forget the rotation, then report {@code cause}. If the
     * revocation fails the token stays stored as pending, so it is neither lost nor orphaned, and the next cycle tries again.
     */
    private JiraAccessException abandon(PatState st, PatState.Pending p, TokenRef ref, JiraAccessException cause) {
        RotationStep failedAt = c.at;
        c.at = RotationStep.ABANDON;
        c.manager(st).revoke(p.id());
        c.update(PatState::abandoned);
        r.events.revoked(spec, c.user(st), c.rotationId, RotationStep.ABANDON, ref, "rotation abandoned: " + c.reason(cause));
        r.events.step(spec, c.user(st), c.rotationId, RotationStep.ABANDON, ref,
                "credential " + spec.id() + ": rotation " + c.rotationId + " abandoned; its token " + p.id() + " revoked");
        c.completed(RotationStep.ABANDON);
        c.at = failedAt;
        return cause;
    }

    /**
     * Who the new token must act as: the current token's user; when Jira no longer accepts the current token, the
     * user recorded at the last rotation; with neither (first rotation of a dead token, Basic configured) nobody to
     * compare with, so the Basic user is trusted.
     */
    private String expectedIdentity(PatState st) {
        try {
            return r.apis.open(spec, CycleContext.bearer(st.current(spec.token()).token())).myself().identity();
        } catch (AuthenticationException e) {
            if (st.userIdentity() != null) {
                return st.userIdentity();
            }
            if (spec.rotation().username() != null) {
                LOG.log(Level.WARNING, "credential {0}: Jira rejects the current token, so the new token's user cannot "
                        + "be compared with it; trusting rotation.username", spec.id());
                return null;
            }
            throw e;
        }
    }

    private boolean isDue(PatState st) {
        Instant due = c.dueAt(st);
        return due == null || !r.clock.instant().isBefore(due);
    }

    // ---- failure -----------------------------------------------------------------------------------------

    /** Counts the failure, sets the backoff, marks the credential after too many, and says what happens next. */
    private RotationFailedException failure(JiraAccessException e) {
        Instant now = r.clock.instant();
        PatState st;
        try {
            st = c.load();
        } catch (JiraAccessException unreadable) {
            st = new PatState(spec.id(), CredentialState.EMPTY);
        }
        int failures = st.failures() + 1;
        Duration wait = r.settings.backoff(failures);
        if (e instanceof RateLimitedException limited) {
            Duration asked = limited.retryAfter() != null ? limited.retryAfter() : r.settings.firstBackoff();
            r.cooldowns.coolDown(spec.common().siteBase(), now.plus(asked));
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        Instant next = now.plus(wait);
        boolean mark = failures >= r.settings.markAfterFailures() && st.failedAt() == null;
        String reason = c.reason(e);
        try {
            c.update(s -> s.failed(failures, next, reason, mark ? now : null));
        } catch (JiraAccessException unwritable) {
            LOG.log(Level.WARNING, "credential {0}: the rotation failure could not be recorded in the store ({1})",
                    spec.id(), c.reason(unwritable));
        }
        TokenRef current = c.currentRef(st);
        r.events.stepFailed(spec, c.user(st), c.rotationId, c.at, current, reason);
        if (mark) {
            r.events.rotationFailed(spec, c.user(st), c.rotationId, c.at, current, failures, reason);
        }
        String message = "credential " + spec.id() + ": rotation " + (c.rotationId == null ? "" : c.rotationId + " ")
                + "failed at step " + c.at + ": " + reason + "; the current token stays in use; next attempt after "
                + next + (failures > 1 ? " (" + failures + " failures in a row)" : "")
                + (mark ? "; the credential is now marked as failing rotation" : "");
        // the caller reports the exception; at INFO the log keeps the trail without saying it twice on a console
        LOG.log(Level.INFO, message);
        return new RotationFailedException(message, e, c.rotationId, c.at, failures);
    }

    private RotationResult result(RotationResult.Outcome outcome, PatState st, String rotation, String message) {
        return new RotationResult(spec.id(), outcome, rotation, c.currentRef(st), c.revoked, c.orphans, c.dueAt(st), message);
    }
}
