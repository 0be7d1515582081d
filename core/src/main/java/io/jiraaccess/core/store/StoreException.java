package io.jiraaccess.core.store;

import io.jiraaccess.core.JiraAccessException;

/** The credential store cannot be read or written (read-only, full disk, bad permissions). */
public class StoreException extends JiraAccessException {
    public StoreException(String message, Throwable cause) {
        super(Failure.CONFIGURATION, message, cause);
    }

    public StoreException(String message) {
        super(Failure.CONFIGURATION, message);
    }
}
