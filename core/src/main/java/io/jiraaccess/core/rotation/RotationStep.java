package io.jiraaccess.core.rotation;

/**
 * The steps of a PAT rotation, in order, after AWS Secrets Manager's createSecret / setSecret / testSecret /
 * finishSecret, plus the revocation of the previous token after the grace period. {@link #id()} is the
 * {@code jira_access.rotation.step} value in {@code rotation.step} events.
 */
public enum RotationStep {
    /** The rotation id and intent are stored: from here on a crash is recovered by name (the PAT list). */
    START("start"),
    /** Jira created the new token ({@code POST /rest/pat/latest/tokens}). */
    CREATE("create"),
    /** The new token is stored as pending: it can no longer be lost. */
    PENDING("pending"),
    /** The pending token works against Jira and acts as the same user as the current one. */
    TEST("test"),
    /** The pending token is current; the old one is kept as previous until the grace period ends. */
    PROMOTE("promote"),
    /** A previous token was revoked after its grace period. */
    REVOKE("revoke"),
    /** A live token named like ours that the store does not hold (left by a crash) was revoked. */
    SWEEP("sweep"),
    /** A pending token that cannot become current (rejected, wrong user) was revoked and the rotation given up. */
    ABANDON("abandon");

    private final String id;

    RotationStep(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The step named {@code id}, or null. */
    public static RotationStep fromId(String id) {
        for (RotationStep s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
