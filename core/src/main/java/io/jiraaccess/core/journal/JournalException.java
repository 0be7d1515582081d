package io.jiraaccess.core.journal;

import io.jiraaccess.core.JiraAccessException;

/**
 * The journal or spool directory cannot be used (in use by another process, read-only, disk full, corrupt cursor).
 * The message names the directory or file and what to do.
 */
public class JournalException extends JiraAccessException {
    public JournalException(String message, Throwable cause) {
        super(Failure.CONFIGURATION, message, cause);
    }

    public JournalException(String message) {
        super(Failure.CONFIGURATION, message);
    }
}
