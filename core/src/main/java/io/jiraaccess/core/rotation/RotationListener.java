package io.jiraaccess.core.rotation;

/**
 * Told after each rotation step completed and was made durable: for progress output, metrics, and the crash tests
 * that stop a process at a chosen step. Called on the rotating thread; it must not throw.
 */
@FunctionalInterface
public interface RotationListener {
    RotationListener NONE = (credentialId, rotationId, step) -> { };

    void stepCompleted(String credentialId, String rotationId, RotationStep step);
}
