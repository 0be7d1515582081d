package io.jiraaccess.sim.audit;

import io.jiraaccess.sim.model.User;
import java.time.Instant;
import java.util.List;

/**
 * One audit record, rendered as a Cloud audit record and as a Data Center audit event.
 *
 * @param author the acting user, or null for anonymous / failed authentication
 * @param auth how the request that caused it was authenticated (mirrors the org audit log's {@code actor.auth}),
 *             or null when no credential was involved
 */
public record AuditEntry(long id, Instant at, AuditKind kind, User author, String remoteAddress, AuthInfo auth,
                         ObjectItem object, List<ChangedValue> changedValues, String description) {

    /**
     * How a request was authenticated: {@code authType} as Atlassian's org audit log names it, plus the id and
     * label of the token (never its value).
     */
    public record AuthInfo(String authType, String tokenId, String tokenLabel) {
    }

    /** The object a record is about ({@code objectItem} in Cloud, {@code affectedObjects[0]} in DC). */
    public record ObjectItem(String id, String name, String typeName, String parentId, String parentName) {
    }

    /** A field change. */
    public record ChangedValue(String fieldName, String changedFrom, String changedTo) {
    }

    public AuditEntry {
        changedValues = List.copyOf(changedValues);
    }
}
