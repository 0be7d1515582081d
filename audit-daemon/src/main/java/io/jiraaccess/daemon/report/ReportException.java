package io.jiraaccess.daemon.report;

import io.jiraaccess.core.JiraAccessException;

/** Elasticsearch could not answer a report query; the message names the query and what to check. */
public final class ReportException extends JiraAccessException {
    public ReportException(String message) {
        super(Failure.JIRA, message);
    }
}
