package io.jiraaccess.core;

/** A request refused locally, before anything was sent, because the credential's allow policy forbids it. */
public class PolicyViolationException extends JiraAccessException {
    private final String rule;

    public PolicyViolationException(String rule, String message) {
        super(Failure.POLICY, message);
        this.rule = rule;
    }

    /** The rule that refused the request: {@code allow.hosts}, {@code allow.projects} or {@code allow.operations}. */
    public String rule() {
        return rule;
    }
}
