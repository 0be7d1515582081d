package io.jiraaccess.core;

/** Jira, or the network on the way to it, failed. {@link #status()} is the HTTP status, or 0 when none came back. */
public class JiraException extends JiraAccessException {
    private final int status;

    public JiraException(int status, String message) {
        super(Failure.JIRA, message);
        this.status = status;
    }

    public JiraException(int status, String message, Throwable cause) {
        super(Failure.JIRA, message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
