package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the parts of one rotation cycle share: the credential, the rotator's collaborators, the store read and
 * read-modify-write, the Jira session acting as the credential's user, and the cycle's progress (the step under way,
 * the rotation id, what was revoked) that results and failure reports are made of.
 */
final class CycleContext {
    private static final System.Logger LOG = System.getLogger(CycleContext.class.getName());
    private static final int MAX_REASON = 500;

    final PatRotator r;
    final PatSpec spec;
    final TokenNames names;
    final List<Long> revoked = new ArrayList<>();
    final List<Long> orphans = new ArrayList<>();
    /** The step being attempted, for failure reports. */
    RotationStep at = RotationStep.START;
    /** The rotation being worked on, or null. */
    String rotationId;
    private PatApi manager;

    CycleContext(PatRotator rotator, PatSpec spec) {
        this.r = rotator;
        this.spec = spec;
        this.names = new TokenNames(spec.rotation().tokenName() == null ? "jira-access-" + spec.id()
                : spec.rotation().tokenName());
    }

    PatState load() {
        return new PatState(spec.id(), r.store.load(spec.id()).orElse(CredentialState.EMPTY));
    }

    /** Reads, changes and durably saves the state under the store's lock; returns what was saved. */
    PatState update(UnaryOperator<PatState> change) {
        return r.store.withLock(spec.id(), () -> {
            PatState next = change.apply(load());
            r.store.save(spec.id(), next.raw());
            return next;
        });
    }

    /** Manages tokens as the credential's user: Basic username/password when configured, else the current token. */
    PatApi manager(PatState st) {
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

    /** After a promotion: the next management call uses the new current token. */
    void forgetManager() {
        manager = null;
    }

    static AuthHeader bearer(SecretValue token) {
        return new AuthHeader("Bearer", token);
    }

    void completed(RotationStep step) {
        LOG.log(Level.DEBUG, "credential {0}: rotation {1}: step {2} done", spec.id(), rotationId, step);
        r.listener.stepCompleted(spec.id(), rotationId, step);
    }

    /** {@code rotation.everyDays} after the current token's creation; null when its creation is unknown (due now). */
    Instant dueAt(PatState st) {
        PatState.Current c = st.storedCurrent();
        if (c == null || c.createdAt() == null) {
            return null;
        }
        return c.createdAt().plus(Duration.ofDays(spec.rotation().everyDays()));
    }

    /** The message without the leading {@code credential <id>: }, shortened: messages never hold secrets. */
    String reason(JiraAccessException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = "credential " + spec.id() + ": ";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "…" : m;
    }

    String fingerprint(SecretValue token) {
        return r.fingerprinter == null || token == null ? null : r.fingerprinter.fingerprint(token);
    }

    TokenRef ref(PatState.Pending p) {
        return new TokenRef(fingerprint(p.token()), p.id(), p.name(), p.expiresAt());
    }

    TokenRef ref(PatState.Current c) {
        return new TokenRef(fingerprint(c.token()), c.id(), c.name(), c.expiresAt());
    }

    TokenRef currentRef(PatState st) {
        return ref(st.current(spec.token()));
    }

    /** The Jira user the tokens act as ({@code user.name}), once a rotation has tested one. */
    String user(PatState st) {
        return st.userName();
    }
}
