package io.jiraaccess.core.rotation;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.jira.CreatedPat;
import io.jiraaccess.core.jira.JiraUser;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.jira.PatInfo;
import io.jiraaccess.core.jira.RateLimitedException;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;
import io.jiraaccess.core.token.TokenBroker;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One rotation cycle of one credential, run while holding its rotation lock: resume what a crash or failure left,
 * revoke what is due, rotate when asked or due. Each step is made durable (store, or Jira) before the next begins,
 * and the store is updated read-modify-write under the store's lock. Not reusable: one instance per cycle.
 */
final class RotationCycle {
    private static final System.Logger LOG = System.getLogger(RotationCycle.class.getName());
    private static final int MAX_REASON = 500;

    /** Why the cycle runs. */
    enum Mode {
        /** Periodic: respects backoff and rate-limit cooldowns; rotates when due. */
        IF_DUE,
        /** An operator asked: ignores backoff; rotates whether due or not. */
        NOW,
        /** Start-up recovery: completes pending work and sweeps orphans; starts no new rotation. */
        RECOVER
    }

    private final PatRotator r;
    private final PatSpec spec;
    private final Mode mode;
    private final TokenNames names;
    private final List<Long> revoked = new ArrayList<>();
    private final List<Long> orphans = new ArrayList<>();
    private RotationStep at = RotationStep.START;
    private String rotationId;
    private PatApi manager;

    RotationCycle(PatRotator rotator, PatSpec spec, Mode mode) {
        this.r = rotator;
        this.spec = spec;
        this.mode = mode;
        this.names = new TokenNames(spec.rotation().tokenName() == null ? "jira-access-" + spec.id() : spec.rotation().tokenName());
    }

    RotationResult run() {
        Instant now = r.clock.instant();
        PatState st = load();
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

    private RotationResult work(PatState st) {
        boolean rotated = false;
        boolean swept = false;
        PatState.InProgress ip = st.inProgress();
        if (ip != null) {
            rotationId = ip.rotationId();
            LOG.log(Level.INFO, "credential {0}: resuming rotation {1} after step {2}", spec.id(), rotationId, ip.step());
            if (ip.step() == RotationStep.START) {
                // Jira may have created the token and the process died before storing it: find it by name, revoke it
                sweep(st);
                swept = true;
                st = create(load(), ip.tokenName() != null ? ip.tokenName() : names.tokenName(rotationId));
            }
            st = testAndPromote(st);
            rotated = true;
        }
        if (mode == Mode.RECOVER && !swept) {
            sweep(st);
        }
        st = revokeDue(load());
        if (!rotated && mode != Mode.RECOVER && (mode == Mode.NOW || isDue(st, r.clock.instant()))) {
            rotationId = TokenNames.newRotationId(r.clock.instant());
            st = start(st);
            st = create(st, names.tokenName(rotationId));
            st = testAndPromote(st);
            rotated = true;
            st = revokeDue(st);
        }
        if (st.failures() > 0 || st.failedAt() != null || st.nextAttemptAt() != null) {
            st = update(PatState::healthy);
        }
        TokenRef current = currentRef(st);
        String message;
        if (rotated) {
            message = "credential " + spec.id() + ": rotated (rotation " + rotationId + "); token "
                    + current.id() + " is current" + (current.expiresAt() == null ? "" : ", expiring " + current.expiresAt());
        } else {
            Instant due = dueAt(st);
            message = "credential " + spec.id() + ": " + (mode == Mode.RECOVER ? "nothing to recover"
                    : "not due" + (due == null ? "" : " until " + due));
        }
        if (!revoked.isEmpty()) {
            message += "; revoked superseded token(s) " + revoked;
        }
        if (!orphans.isEmpty()) {
            message += "; revoked orphaned token(s) " + orphans;
        }
        return result(rotated ? RotationResult.Outcome.ROTATED : RotationResult.Outcome.NOT_DUE, st, rotationId, message);
    }

    // ---- steps -------------------------------------------------------------------------------------------

    private PatState start(PatState st) {
        at = RotationStep.START;
        Instant now = r.clock.instant();
        String name = names.tokenName(rotationId);
        st = update(s -> {
            if (s.inProgress() != null) {
                throw inProgress(s, "another rotation was recorded meanwhile");
            }
            return s.started(rotationId, name, now);
        });
        r.events.step(spec, user(st), rotationId, RotationStep.START, currentRef(st),
                "credential " + spec.id() + ": rotation " + rotationId + " started");
        completed(RotationStep.START);
        return st;
    }

    private PatState create(PatState st, String tokenName) {
        at = RotationStep.CREATE;
        CreatedPat created;
        try {
            created = manager(st).create(tokenName, spec.rotation().expiryDays());
        } catch (JiraException e) {
            if (e.status() == 400) {
                // Jira refused the request itself (administrators can cap token lifetimes): retrying cannot help
                throw new ConfigurationException("credential " + spec.id() + ": Jira refused to create a token named '"
                        + tokenName + "' valid for " + spec.rotation().expiryDays() + " days (" + reason(e)
                        + "); lower rotation.expiryDays to what Jira allows, or shorten rotation.tokenName", e);
            }
            throw e;
        }
        Instant now = r.clock.instant();
        PatState.Pending pending = new PatState.Pending(created.token(), created.id(), created.info().name(),
                created.info().createdAt() != null ? created.info().createdAt() : now, created.info().expiringAt());
        TokenRef ref = ref(pending);
        r.events.step(spec, user(st), rotationId, RotationStep.CREATE, ref,
                "credential " + spec.id() + ": Jira created token " + created.id() + " for rotation " + rotationId);
        completed(RotationStep.CREATE);
        at = RotationStep.PENDING;
        try {
            st = update(s -> s.withPending(pending));
        } catch (JiraAccessException e) {
            revokeUnstored(st, created, ref, e);
            throw e;
        }
        r.events.step(spec, user(st), rotationId, RotationStep.PENDING, ref,
                "credential " + spec.id() + ": token " + created.id() + " stored as pending");
        completed(RotationStep.PENDING);
        return st;
    }

    private PatState testAndPromote(PatState st) {
        at = RotationStep.TEST;
        PatState.Pending p = st.pending();
        if (p == null) {
            throw new StoreException("credential " + spec.id() + ": rotation " + rotationId + " is recorded at step "
                    + "pending but the store holds no pending token; repair the store file (remove the rotation.* "
                    + "attributes) and run jira-access rotate again");
        }
        TokenRef ref = ref(p);
        Instant now = r.clock.instant();
        if (p.expiresAt() != null && !now.isBefore(p.expiresAt())) {
            throw abandon(st, p, ref, new AuthenticationException("credential " + spec.id() + ": the pending token "
                    + p.id() + " expired before it could be promoted; the next rotation creates a new one"));
        }
        JiraUser user;
        try {
            user = r.apis.open(spec, bearer(p.token())).myself();
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
        r.events.step(spec, user.displayId(), rotationId, RotationStep.TEST, ref,
                "credential " + spec.id() + ": token " + p.id() + " works and acts as " + user.displayId());
        completed(RotationStep.TEST);

        at = RotationStep.PROMOTE;
        Instant promotedAt = r.clock.instant();
        PatState.Current old = st.current(spec.token());
        TokenRef oldRef = ref(old);
        st = update(s -> {
            PatState.Current c = s.current(spec.token());
            return s.promoted(c, fingerprint(c.token()), promotedAt.plus(spec.rotation().grace()), user.identity(),
                    user.displayId(), promotedAt);
        });
        manager = null; // it may have used the superseded token
        if (r.broker != null) {
            // authenticators in this process would serve the superseded token from the cache until it expires
            r.broker.invalidate(new TokenBroker.Key(spec.common().siteBase(), spec.id()));
        }
        r.events.step(spec, user.displayId(), rotationId, RotationStep.PROMOTE, ref,
                "credential " + spec.id() + ": token " + p.id() + " is current; the previous one is revoked after "
                        + promotedAt.plus(spec.rotation().grace()));
        r.events.rotated(spec, user.displayId(), rotationId, ref, oldRef);
        completed(RotationStep.PROMOTE);
        return st;
    }

    private PatState revokeDue(PatState st) {
        Instant now = r.clock.instant();
        for (PatState.Previous due : st.previous()) {
            if (due.revokeAfter() != null && now.isBefore(due.revokeAfter())) {
                continue;
            }
            at = RotationStep.REVOKE;
            PatState.Previous p = due;
            if (p.id() == null) {
                p = identifyConfigured(st, p);
                if (p == null) {
                    st = load();
                    continue;
                }
            }
            long id = p.id();
            String slot = p.slot();
            TokenRef ref = new TokenRef(p.fingerprint(), id, p.name(), p.expiresAt());
            boolean wasLive = manager(st).revoke(id);
            completed(RotationStep.REVOKE);
            st = update(s -> s.withoutPrevious(slot));
            revoked.add(id);
            String why = (p.slot().equals(PatState.CONFIGURED_SLOT) ? "grace period over (the credential file's token)"
                    : "grace period over") + (wasLive ? "" : "; Jira had already revoked it");
            r.events.revoked(spec, user(st), p.rotationId(), RotationStep.REVOKE, ref, why);
            r.events.step(spec, user(st), p.rotationId(), RotationStep.REVOKE, ref,
                    "credential " + spec.id() + ": superseded token " + id + " revoked");
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
        String wanted = spec.rotation().tokenName();
        Set<Long> held = st.heldIds();
        List<PatInfo> candidates = manager(st).list().stream()
                .filter(t -> t.name().equals(wanted) && !held.contains(t.id()))
                .toList();
        if (candidates.size() != 1) {
            String why = "the credential file's token cannot be identified in Jira (" + candidates.size()
                    + " live tokens are named '" + wanted + "'); if it is still live, revoke it by hand in Jira "
                    + "(Profile > Personal Access Tokens)";
            LOG.log(Level.WARNING, "credential {0}: {1}", spec.id(), why);
            r.events.revokeFailed(spec, user(st), p.rotationId(), new TokenRef(p.fingerprint(), null, p.name(),
                    p.expiresAt()), why);
            update(s -> s.withoutPrevious(p.slot()).withConfiguredNotRevoked(p.fingerprint()));
            return null;
        }
        PatInfo token = candidates.get(0);
        update(s -> s.withPreviousId(p.slot(), token.id(), token.name()));
        return new PatState.Previous(p.slot(), token.id(), token.name(), p.fingerprint(),
                p.expiresAt() != null ? p.expiresAt() : token.expiringAt(), p.revokeAfter(), p.rotationId());
    }

    /** Revokes live tokens named like ours that the store does not hold: created by a rotation that died before storing them. */
    private void sweep(PatState st) {
        at = RotationStep.SWEEP;
        Set<Long> held = st.heldIds();
        for (PatInfo t : manager(st).list()) {
            if (!names.isOurs(t.name()) || held.contains(t.id())) {
                continue;
            }
            manager(st).revoke(t.id());
            orphans.add(t.id());
            TokenRef ref = new TokenRef(null, t.id(), t.name(), t.expiringAt());
            r.events.revoked(spec, user(st), rotationId, RotationStep.SWEEP, ref,
                    "orphaned: created by an interrupted rotation and never stored");
            r.events.step(spec, user(st), rotationId, RotationStep.SWEEP, ref,
                    "credential " + spec.id() + ": orphaned token " + t.id() + " revoked");
            completed(RotationStep.SWEEP);
        }
    }

    /**
     * The pending token cannot become current: revoke it and forget the rotation, then report {@code cause}. If the
     * revocation fails the token stays stored as pending, so it is neither lost nor orphaned, and the next cycle tries again.
     */
    private JiraAccessException abandon(PatState st, PatState.Pending p, TokenRef ref, JiraAccessException cause) {
        RotationStep failedAt = at;
        at = RotationStep.ABANDON;
        manager(st).revoke(p.id());
        update(PatState::abandoned);
        r.events.revoked(spec, user(st), rotationId, RotationStep.ABANDON, ref, "rotation abandoned: " + reason(cause));
        r.events.step(spec, user(st), rotationId, RotationStep.ABANDON, ref,
                "credential " + spec.id() + ": rotation " + rotationId + " abandoned; its token " + p.id() + " revoked");
        completed(RotationStep.ABANDON);
        at = failedAt;
        return cause;
    }

    /** The new token could not be stored: revoke it now, so it is not left live with nobody holding it. */
    private void revokeUnstored(PatState st, CreatedPat created, TokenRef ref, JiraAccessException storeFailure) {
        String why = "not stored (" + reason(storeFailure) + ")";
        try {
            manager(st).revoke(created.id());
        } catch (JiraAccessException first) {
            try {
                r.apis.open(spec, bearer(created.token())).revoke(created.id());
            } catch (JiraAccessException second) {
                LOG.log(Level.WARNING, "credential {0}: token {1} could not be stored nor revoked ({2}); the next "
                        + "rotation finds it by its name and revokes it", spec.id(), created.id(), reason(second));
                return;
            }
        }
        r.events.revoked(spec, user(st), rotationId, RotationStep.PENDING, ref, why);
    }

    // ---- failure -----------------------------------------------------------------------------------------

    /** Counts the failure, sets the backoff, marks the credential after too many, and says what happens next. */
    private RotationFailedException failure(JiraAccessException e) {
        Instant now = r.clock.instant();
        PatState st;
        try {
            st = load();
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
        String reason = reason(e);
        try {
            update(s -> s.failed(failures, next, reason, mark ? now : null));
        } catch (JiraAccessException unwritable) {
            LOG.log(Level.WARNING, "credential {0}: the rotation failure could not be recorded in the store ({1})",
                    spec.id(), reason(unwritable));
        }
        TokenRef current = currentRef(st);
        r.events.stepFailed(spec, user(st), rotationId, at, current, reason);
        if (mark) {
            r.events.rotationFailed(spec, user(st), rotationId, at, current, failures, reason);
        }
        String message = "credential " + spec.id() + ": rotation " + (rotationId == null ? "" : rotationId + " ")
                + "failed at step " + at + ": " + reason + "; the current token stays in use; next attempt after "
                + next + (failures > 1 ? " (" + failures + " failures in a row)" : "")
                + (mark ? "; the credential is now marked as failing rotation" : "");
        // the caller reports the exception; at INFO the log keeps the trail without saying it twice on a console
        LOG.log(Level.INFO, message);
        return new RotationFailedException(message, e, rotationId, at, failures);
    }

    /** The message without the leading {@code credential <id>: }, shortened: messages never hold secrets. */
    private String reason(JiraAccessException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = "credential " + spec.id() + ": ";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "…" : m;
    }

    // ---- status and in-progress --------------------------------------------------------------------------

    RotationStatus status() {
        PatState st = load();
        Instant now = r.clock.instant();
        PatState.Current c = st.current(spec.token());
        PatState.InProgress ip = st.inProgress();
        List<RotationStatus.Superseded> previous = st.previous().stream()
                .map(p -> new RotationStatus.Superseded(new TokenRef(p.fingerprint(), p.id(), p.name(), p.expiresAt()),
                        p.revokeAfter()))
                .toList();
        Instant due = dueAt(st);
        boolean managed = spec.rotation().managed();
        return new RotationStatus(spec.id(), managed, ref(c), c.fromCredentialFile(), c.createdAt(), due,
                managed && (due == null || !now.isBefore(due)), ip == null ? null : ip.rotationId(),
                ip == null ? null : ip.step(), ip == null ? null : ip.startedAt(), st.failures(), st.nextAttemptAt(),
                st.lastError(), st.failedAt(), previous, st.lastRotatedAt(), st.configuredNotRevoked());
    }

    /** The exception for a trigger that found the rotation lock taken. */
    RotationInProgressException inProgressElsewhere() {
        PatState st;
        try {
            st = load();
        } catch (JiraAccessException unreadable) {
            st = new PatState(spec.id(), CredentialState.EMPTY);
        }
        return inProgress(st, "another process or thread is rotating it now");
    }

    private RotationInProgressException inProgress(PatState st, String why) {
        PatState.InProgress ip = st.inProgress();
        String what = ip == null ? "" : " (rotation " + ip.rotationId() + ", last completed step " + ip.step()
                + (ip.startedAt() == null ? "" : ", started " + ip.startedAt()) + ")";
        return new RotationInProgressException("credential " + spec.id() + ": rotation in progress" + what + ": " + why
                + "; let it finish, then run jira-access rotate again if needed",
                ip == null ? null : ip.rotationId(), ip == null ? null : ip.step());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private boolean isDue(PatState st, Instant now) {
        Instant due = dueAt(st);
        return due == null || !now.isBefore(due);
    }

    /** {@code rotation.everyDays} after the current token's creation; null when its creation is unknown (due now). */
    private Instant dueAt(PatState st) {
        PatState.Current c = st.storedCurrent();
        if (c == null || c.createdAt() == null) {
            return null;
        }
        return c.createdAt().plus(Duration.ofDays(spec.rotation().everyDays()));
    }

    /** Manages tokens as the credential's user: Basic username/password when configured, else the current token. */
    private PatApi manager(PatState st) {
        if (manager == null) {
            PatSpec.Rotation rot = spec.rotation();
            AuthHeader auth = rot.username() != null && rot.password() != null
                    ? new AuthHeader("Basic", SecretValue.of(Base64.getEncoder().encodeToString(
                            (rot.username() + ":" + rot.password().reveal()).getBytes(StandardCharsets.UTF_8))))
                    : bearer(st.current(spec.token()).token());
            manager = r.apis.open(spec, auth);
        }
        return manager;
    }

    /**
     * Who the new token must act as: the current token's user; when Jira no longer accepts the current token, the
     * user recorded at the last rotation; with neither (first rotation of a dead token, Basic configured) nobody to
     * compare with, so the Basic user is trusted.
     */
    private String expectedIdentity(PatState st) {
        try {
            return r.apis.open(spec, bearer(st.current(spec.token()).token())).myself().identity();
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

    private static AuthHeader bearer(SecretValue token) {
        return new AuthHeader("Bearer", token);
    }

    private PatState load() {
        return new PatState(spec.id(), r.store.load(spec.id()).orElse(CredentialState.EMPTY));
    }

    private PatState update(UnaryOperator<PatState> change) {
        return r.store.withLock(spec.id(), () -> {
            PatState next = change.apply(load());
            r.store.save(spec.id(), next.raw());
            return next;
        });
    }

    private void completed(RotationStep step) {
        LOG.log(Level.DEBUG, "credential {0}: rotation {1}: step {2} done", spec.id(), rotationId, step);
        r.listener.stepCompleted(spec.id(), rotationId, step);
    }

    private String fingerprint(SecretValue token) {
        return r.fingerprinter == null || token == null ? null : r.fingerprinter.fingerprint(token);
    }

    private TokenRef ref(PatState.Pending p) {
        return new TokenRef(fingerprint(p.token()), p.id(), p.name(), p.expiresAt());
    }

    private TokenRef ref(PatState.Current c) {
        return new TokenRef(fingerprint(c.token()), c.id(), c.name(), c.expiresAt());
    }

    private TokenRef currentRef(PatState st) {
        return ref(st.current(spec.token()));
    }

    private String user(PatState st) {
        return st.userName();
    }

    private RotationResult result(RotationResult.Outcome outcome, PatState st, String rotation, String message) {
        return new RotationResult(spec.id(), outcome, rotation, currentRef(st), revoked, orphans, dueAt(st), message);
    }
}
