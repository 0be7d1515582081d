package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException;

/**
 * A rotation of the credential is already running (another thread or process holds its rotation lock), or an
 * unfinished one is waiting for its backoff to pass. Nothing was changed. CLI exit code 5 (try again later).
 */
public class RotationInProgressException extends JiraAccessException {
    private final String rotationId;
    private final RotationStep step;

    public RotationInProgressException(String message, String rotationId, RotationStep step) {
        super(Failure.JIRA, message);
        this.rotationId = rotationId;
        this.step = step;
    }

    /** The rotation in progress, or null when the other holder had not recorded one yet. */
    public String rotationId() {
        return rotationId;
    }

    /** Its last completed step, or null. */
    public RotationStep step() {
        return step;
    }
}
