package io.jiraaccess.core;

/**
 * A failure a user must act on. The message names the credential (or file, or setting) and what to do; it never
 * contains a secret. The {@link Failure} decides the CLI exit code.
 */
public class JiraAccessException extends RuntimeException {
    /** What went wrong, as the CLI reports it in its exit code. */
    public enum Failure {
        /** Usage or configuration error. */
        CONFIGURATION(2),
        /** Jira, the token endpoint or the store refused the credential. */
        AUTHENTICATION(3),
        /** Refused locally by the credential's allow policy. */
        POLICY(4),
        /** Jira or the network failed. */
        JIRA(5);

        private final int exitCode;

        Failure(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Failure failure;

    public JiraAccessException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public JiraAccessException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
