package io.jiraaccess.core;

/** A credential was refused (by Jira, a token endpoint) or cannot be used any more. */
public class AuthenticationException extends JiraAccessException {
    public AuthenticationException(String message) {
        super(Failure.AUTHENTICATION, message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(Failure.AUTHENTICATION, message, cause);
    }
}
