package io.jiraaccess.sim.audit;

/**
 * What the simulator records. Cloud records use {@code summary}/{@code category}; Data Center events use
 * {@code action}, {@code actionI18nKey}, {@code category}, {@code area} and {@code level}. PAT keys contain
 * {@code personal.access.tokens}, as Jira's do.
 */
public enum AuditKind {
    LOGIN("User authenticated", "user management", "User logged in",
            "jira.auditing.user.logged.in", "Security", "SECURITY", "ADVANCED"),
    LOGIN_FAILED("User authentication failed", "user management", "User login failed",
            "jira.auditing.user.login.failed", "Security", "SECURITY", "ADVANCED"),
    PAT_CREATED("Personal access token created", "user management", "Personal access token created",
            "com.atlassian.pats.audit.personal.access.tokens.created", "Personal access tokens", "SECURITY", "BASE"),
    PAT_REVOKED("Personal access token revoked", "user management", "Personal access token deleted",
            "com.atlassian.pats.audit.personal.access.tokens.deleted", "Personal access tokens", "SECURITY", "BASE"),
    API_TOKEN_CREATED("API token created", "user management", "API token created",
            "jira.auditing.api.token.created", "Security", "SECURITY", "BASE"),
    API_TOKEN_REVOKED("API token revoked", "user management", "API token revoked",
            "jira.auditing.api.token.revoked", "Security", "SECURITY", "BASE"),
    OAUTH_GRANT("OAuth 2.0 access token issued", "applications", "OAuth 2.0 token issued",
            "com.atlassian.oauth2.provider.audit.token.issued", "OAuth 2.0", "SECURITY", "BASE"),
    OAUTH_CONSENT("OAuth 2.0 authorization granted", "applications", "OAuth 2.0 authorization granted",
            "com.atlassian.oauth2.provider.audit.authorization.granted", "OAuth 2.0", "SECURITY", "BASE"),
    OAUTH_REVOKED("OAuth 2.0 tokens revoked", "applications", "OAuth 2.0 tokens revoked",
            "com.atlassian.oauth2.provider.audit.tokens.revoked", "OAuth 2.0", "SECURITY", "BASE"),
    USER_CREATED("User created", "user management", "User created",
            "jira.auditing.user.created", "Users and groups", "USER_MANAGEMENT", "BASE");

    private final String summary;
    private final String cloudCategory;
    private final String action;
    private final String actionI18nKey;
    private final String dcCategory;
    private final String area;
    private final String level;

    AuditKind(String summary, String cloudCategory, String action, String actionI18nKey, String dcCategory,
              String area, String level) {
        this.summary = summary;
        this.cloudCategory = cloudCategory;
        this.action = action;
        this.actionI18nKey = actionI18nKey;
        this.dcCategory = dcCategory;
        this.area = area;
        this.level = level;
    }

    public String summary() {
        return summary;
    }

    public String cloudCategory() {
        return cloudCategory;
    }

    public String action() {
        return action;
    }

    public String actionI18nKey() {
        return actionI18nKey;
    }

    public String dcCategory() {
        return dcCategory;
    }

    public String area() {
        return area;
    }

    public String level() {
        return level;
    }
}
