package io.jiraaccess.core.event;

/** The {@code event.action} values, with the ECS category, type and dataset each implies by default. */
public enum EventAction {
    TOKEN_ISSUED("token.issued", "authentication", "creation"),
    TOKEN_USED("token.used", "authentication", "access"),
    TOKEN_REFRESHED("token.refreshed", "authentication", "change"),
    CREDENTIAL_ROTATED("credential.rotated", "iam", "change"),
    CREDENTIAL_REVOKED("credential.revoked", "iam", "deletion"),
    CREDENTIAL_EXPIRING("credential.expiring", "iam", "info"),
    CREDENTIAL_EXPIRED("credential.expired", "iam", "info"),
    ROTATION_FAILED("rotation.failed", "iam", "change"),
    /** One step of a rotation (create, persist pending, test, promote, revoke old): the trail a crash recovery reads. */
    ROTATION_STEP("rotation.step", "iam", "change"),
    REFRESH_FAILED("token.refresh_failed", "authentication", "change"),
    POLICY_VIOLATION("policy.violation", "configuration", "denied"),
    BASIC_AUTH_USED("basic_auth.used", "authentication", "access"),
    JIRA_AUDIT("jira.audit", "api", "info");

    private final String id;
    private final String category;
    private final String type;

    EventAction(String id, String category, String type) {
        this.id = id;
        this.category = category;
        this.type = type;
    }

    /** The {@code event.action} value. */
    public String id() {
        return id;
    }

    public String category() {
        return category;
    }

    public String type() {
        return type;
    }

    public static EventAction fromId(String id) {
        for (EventAction a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
