package io.jiraaccess.core.rotation;

import io.jiraaccess.core.JiraAccessException;

/**
 * A rotation cycle failed. The current token is still in use; the failure is counted in the store and the next
 * attempt waits for the backoff. The exit code follows the cause (store 2, authentication 3, Jira 5).
 */
public class RotationFailedException extends JiraAccessException {
    private final String rotationId;
    private final RotationStep step;
    private final int failures;

    public RotationFailedException(String message, JiraAccessException cause, String rotationId, RotationStep step,
                                   int failures) {
        super(cause.failure(), message, cause);
        this.rotationId = rotationId;
        this.step = step;
        this.failures = failures;
    }

    public String rotationId() {
        return rotationId;
    }

    /** The step that failed. */
    public RotationStep step() {
        return step;
    }

    /** Failed cycles in a row, this one included. */
    public int failures() {
        return failures;
    }
}
