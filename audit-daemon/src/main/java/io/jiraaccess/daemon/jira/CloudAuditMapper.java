package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.time.Instant;

/**
 * A Jira Cloud audit record ({@code GET /rest/api/3/auditing/record}: {@code id, summary, remoteAddress,
 * authorAccountId, created, category, eventSource, description, objectItem, changedValues, associatedItems}) as an
 * ECS event. A pure function of the record and the site, so it can be fuzzed.
 * <ul>
 *   <li>{@code event.id = <site>:<record id>}, {@code @timestamp = created}, {@code event.dataset:
 *   jira_access.jira_audit}, {@code event.provider: jira}, {@code jira_access.jira.{site, flavor: cloud}};</li>
 *   <li>{@code event.action: jira.audit}, the record's details under {@code jira_access.jira_audit.*} ({@code id,
 *   category, summary, event_source, object.*, author.id, auth.*}), {@code message} = summary and description;</li>
 *   <li>authentication records ("User authenticated", "... authentication failed") get {@code event.category:
 *   authentication} and {@code event.outcome};</li>
 *   <li>the credential a request used: {@code eventSource} is the authentication type (as the org audit log's
 *   {@code actor.auth.authType}) and an {@code associatedItems} entry of type {@code API_TOKEN},
 *   {@code PERSONAL_ACCESS_TOKEN}, {@code OAUTH_CLIENT} or {@code CONNECT_APP} names the token (id and label), into
 *   {@code jira_access.jira_audit.auth.{type, token_id, token_label}};</li>
 *   <li>Basic authentication ({@code eventSource} {@code api-token}, or {@code password}) makes it a
 *   {@code basic_auth.used} event (the migration view), with {@code jira_access.credential.{kind: api-token,
 *   token_id, name}};</li>
 *   <li>{@code user.id = authorAccountId}, {@code user.name} from the {@code objectItem} when it is that user;
 *   {@code source.ip = remoteAddress} when it is an IP address, else {@code source.address}.</li>
 * </ul>
 * A record without a usable id or creation time is rejected with the reason.
 */
public final class CloudAuditMapper {
    private CloudAuditMapper() {
    }

    public static AuditMapping map(JsonNode record, String site) {
        if (record == null || !record.isObject()) {
            return new AuditMapping.Rejected("a Cloud audit record is a JSON object");
        }
        String id = text(record.get("id"));
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            return new AuditMapping.Rejected("the record has no usable id (a number)");
        }
        Instant at = AuditFields.time(record, "created");
        if (at == null) {
            return new AuditMapping.Rejected("record " + id + " has no usable created time");
        }
        String summary = AuditFields.text(record, "summary");
        String description = AuditFields.text(record, "description");
        String category = AuditFields.text(record, "category");
        String authType = AuditFields.lower(AuditFields.text(record, "eventSource"));
        String author = AuditFields.text(record, "authorAccountId");
        JsonNode object = record.get("objectItem");
        String objectId = AuditFields.text(object, "id");
        String objectName = AuditFields.text(object, "name");
        String objectType = AuditFields.text(object, "typeName");
        JsonNode token = credentialItem(record.get("associatedItems"));

        boolean basic = authType != null && AuditFields.BASIC_AUTH_TYPES.contains(authType);
        EventAction action = basic ? EventAction.BASIC_AUTH_USED : EventAction.JIRA_AUDIT;
        AuditEvent.Builder b = AuditEvent.builder(action, at)
                .id(site + ":" + id)
                .dataset(AuditEvent.DATASET_JIRA_AUDIT)
                .set("event.provider", "jira")
                .jira(site, "cloud")
                .message(AuditFields.message(summary, description))
                .set("jira_access.jira_audit.id", id)
                .set("jira_access.jira_audit.category", category)
                .set("jira_access.jira_audit.summary", summary)
                .set("jira_access.jira_audit.event_source", AuditFields.text(record, "eventSource"))
                .set("jira_access.jira_audit.object.id", objectId)
                .set("jira_access.jira_audit.object.name", objectName)
                .set("jira_access.jira_audit.object.type", objectType)
                .set("jira_access.jira_audit.author.id", author)
                .set("jira_access.jira_audit.auth.type", authType)
                .set("jira_access.jira_audit.auth.token_id", AuditFields.text(token, "id"))
                .set("jira_access.jira_audit.auth.token_label", AuditFields.text(token, "name"));
        b.set("user.id", author);
        if ("USER".equals(objectType) && objectName != null && (author == null || author.equals(objectId))) {
            b.set("user.name", objectName);
        }
        AuditFields.source(b, AuditFields.text(record, "remoteAddress"));
        Boolean outcome = AuditFields.authenticationOutcome(summary, description);
        if (outcome != null || basic) {
            b.set("event.category", java.util.List.of("authentication"));
            b.outcome(outcome == null || outcome);
        }
        if (basic) {
            b.set("jira_access.credential.kind", "api-token".equals(authType) ? "api-token" : null)
                    .set("jira_access.credential.token_id", AuditFields.text(token, "id"))
                    .set("jira_access.credential.name", AuditFields.text(token, "name"));
        }
        return new AuditMapping.Mapped(b.build(), at);
    }

    /** The first associated item naming a credential, or null. */
    private static JsonNode credentialItem(JsonNode items) {
        if (items == null || !items.isArray()) {
            return null;
        }
        for (JsonNode item : items) {
            String type = AuditFields.text(item, "typeName");
            if (type != null && AuditFields.CREDENTIAL_ITEM_TYPES.contains(type)) {
                return item;
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Long.toString(v.asLong());
        }
        return v.isTextual() ? v.asText().trim() : null;
    }
}
