package io.jiraaccess.core;

/** Bad configuration or usage: the message names the file, the field and the fix. */
public class ConfigurationException extends JiraAccessException {
    public ConfigurationException(String message) {
        super(Failure.CONFIGURATION, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(Failure.CONFIGURATION, message, cause);
    }
}
