package io.jiraaccess.daemon.kibana;

import io.jiraaccess.core.JiraAccessException;

/** Kibana could not be reached or refused the request as a whole. {@link #status()} is 0 when no answer came back. */
public final class KibanaException extends JiraAccessException {
    private final int status;

    public KibanaException(int status, String message) {
        super(Failure.JIRA, message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
