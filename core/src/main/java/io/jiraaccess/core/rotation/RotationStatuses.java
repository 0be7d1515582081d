package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.store.CredentialState;

import java.time.Instant;
import java.util.List;

/** Read-only views of a credential's rotation: its {@link RotationStatus}, and the "in progress" answer to a trigger. */
final class RotationStatuses {
    private RotationStatuses() {
    }

    static RotationStatus status(CycleContext c) {
        PatState st = c.load();
        Instant now = c.r.clock.instant();
        PatState.Current current = st.current(c.spec.token());
        PatState.InProgress ip = st.inProgress();
        List<RotationStatus.Superseded> previous = st.previous().stream()
                .map(p -> new RotationStatus.Superseded(new TokenRef(p.fingerprint(), p.id(), p.name(), p.expiresAt()),
                        p.revokeAfter()))
                .toList();
        Instant due = c.dueAt(st);
        boolean managed = c.spec.rotation().managed();
        return new RotationStatus(c.spec.id(), managed, c.ref(current), current.fromCredentialFile(), current.createdAt(),
                due, managed && (due == null || !now.isBefore(due)), ip == null ? null : ip.rotationId(),
                ip == null ? null : ip.step(), ip == null ? null : ip.startedAt(), st.failures(), st.nextAttemptAt(),
                st.lastError(), st.failedAt(), previous, st.lastRotatedAt(), st.configuredNotRevoked());
    }

    /** The answer to a trigger that found the rotation lock taken: what the store says the other rotation is at. */
    static RotationInProgressException inProgressElsewhere(CycleContext c) {
        PatState st;
        try {
            st = c.load();
        } catch (JiraAccessException unreadable) {
            st = new PatState(c.spec.id(), CredentialState.EMPTY);
        }
        return inProgress(c.spec.id(), st, "another process or thread is rotating it now");
    }

    static RotationInProgressException inProgress(String credentialId, PatState st, String why) {
        PatState.InProgress ip = st.inProgress();
        String what = ip == null ? "" : " (rotation " + ip.rotationId() + ", last completed step " + ip.step()
                + (ip.startedAt() == null ? "" : ", started " + ip.startedAt()) + ")";
        return new RotationInProgressException("credential " + credentialId + ": rotation in progress" + what + ": " + why
                + "; let it finish, then run jira-access rotate again if needed",
                ip == null ? null : ip.rotationId(), ip == null ? null : ip.step());
    }
}
