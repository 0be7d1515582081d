package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.http.Json;
import java.util.Locale;

/**
 * An audit entry as a Jira Cloud audit record and as a Jira Data Center audit event.
 *
 * <p>How a Cloud record tells which credential a request used: Jira's audit record has no authentication field,
 * and Atlassian reports the credential in the org audit log as {@code actor.auth {authType, tokenId, tokenLabel}}.
 * The simulator carries exactly that triple inside the record's own fields, so the record still validates
 * against Atlassian's schema: {@code eventSource} = {@code authType} (for Basic auth with an API token:
 * {@code api-token}), and one {@code associatedItems} entry {@code {id: tokenId, name: tokenLabel,
 * typeName: "API_TOKEN"}} ({@code PERSONAL_ACCESS_TOKEN}, {@code OAUTH_CLIENT}, {@code CONNECT_APP} for the other
 * kinds). The description names the mechanism in words ("Basic authentication with an API token"). The org
 * audit log itself is served too ({@link OrgEventsApi}), with {@code actor.auth} in its own place.
 *
 * <p>{@code authorAccountId} is written although Atlassian's AuditRecordBean schema lacks it: Jira Cloud returns it
 * (the schema's own example shows it) and consumers read it.
 */
final class AuditRenderings {

    private AuditRenderings() {
    }

    static ObjectNode cloudRecord(AuditEntry entry) {
        ObjectNode record = Json.object();
        record.put("id", entry.id());
        record.put("summary", entry.kind().summary());
        if (entry.remoteAddress() != null) {
            record.put("remoteAddress", entry.remoteAddress());
        }
        if (entry.author() != null) {
            record.put("authorAccountId", entry.author().accountId());
        }
        record.put("created", JiraTime.format(entry.at()));
        record.put("category", entry.kind().cloudCategory());
        record.put("eventSource", entry.auth() == null ? "" : entry.auth().authType());
        if (entry.description() != null) {
            record.put("description", entry.description());
        }
        if (entry.object() != null) {
            record.set("objectItem", item(entry.object()));
        }
        ArrayNode changed = record.putArray("changedValues");
        for (AuditEntry.ChangedValue value : entry.changedValues()) {
            ObjectNode node = changed.addObject().put("fieldName", value.fieldName());
            if (value.changedFrom() != null) {
                node.put("changedFrom", value.changedFrom());
            }
            if (value.changedTo() != null) {
                node.put("changedTo", value.changedTo());
            }
        }
        ArrayNode associated = record.putArray("associatedItems");
        AuditEntry.AuthInfo auth = entry.auth();
        if (auth != null && auth.tokenId() != null) {
            ObjectNode credential = associated.addObject()
                    .put("id", auth.tokenId())
                    .put("typeName", credentialType(auth.authType()));
            if (auth.tokenLabel() != null) {
                credential.put("name", auth.tokenLabel());
            }
        }
        return record;
    }

    static ObjectNode dcEvent(AuditEntry entry, String base) {
        ObjectNode event = Json.object();
        event.put("timestamp", JiraTime.iso(entry.at()));
        ObjectNode author = event.putObject("author");
        if (entry.author() != null) {
            author.put("id", entry.author().key())
                    .put("name", entry.author().name() != null ? entry.author().name() : entry.author().displayName())
                    .put("type", "user")
                    .put("uri", base + "/secure/ViewProfile.jspa?name=" + entry.author().name());
        } else {
            author.put("id", "-2").put("name", "Anonymous").put("type", "user");
        }
        event.putObject("type")
                .put("category", entry.kind().dcCategory())
                .put("categoryI18nKey", "jira.auditing.category." + entry.kind().dcCategory().toLowerCase(Locale.ROOT)
                        .replace(' ', '.'))
                .put("action", entry.kind().action())
                .put("actionI18nKey", entry.kind().actionI18nKey())
                .put("area", entry.kind().area())
                .put("level", entry.kind().level());
        ArrayNode affected = event.putArray("affectedObjects");
        if (entry.object() != null) {
            affected.addObject().put("id", entry.object().id()).put("name", entry.object().name())
                    .put("type", entry.object().typeName());
        }
        ArrayNode changed = event.putArray("changedValues");
        for (AuditEntry.ChangedValue value : entry.changedValues()) {
            changed.addObject().put("key", value.fieldName()).put("i18nKey", value.fieldName())
                    .put("from", value.changedFrom()).put("to", value.changedTo());
        }
        ArrayNode extra = event.putArray("extraAttributes");
        if (entry.description() != null) {
            extra.addObject().put("name", "description").put("nameI18nKey", "description").put("value", entry.description());
        }
        if (entry.auth() != null) {
            extra.addObject().put("name", "authType").put("nameI18nKey", "authType").put("value", entry.auth().authType());
            if (entry.auth().tokenId() != null) {
                extra.addObject().put("name", "tokenId").put("nameI18nKey", "tokenId").put("value", entry.auth().tokenId());
            }
            if (entry.auth().tokenLabel() != null) {
                extra.addObject().put("name", "tokenLabel").put("nameI18nKey", "tokenLabel")
                        .put("value", entry.auth().tokenLabel());
            }
        }
        event.put("source", entry.remoteAddress());
        event.put("system", base);
        event.put("node", "jira-sim");
        event.put("method", "Rest");
        return event;
    }

    private static ObjectNode item(AuditEntry.ObjectItem item) {
        ObjectNode node = Json.object();
        if (item.id() != null) {
            node.put("id", item.id());
        }
        if (item.name() != null) {
            node.put("name", item.name());
        }
        if (item.typeName() != null) {
            node.put("typeName", item.typeName());
        }
        if (item.parentId() != null) {
            node.put("parentId", item.parentId());
        }
        if (item.parentName() != null) {
            node.put("parentName", item.parentName());
        }
        return node;
    }

    private static String credentialType(String authType) {
        switch (authType) {
            case "api-token":
                return "API_TOKEN";
            case "personal-access-token":
                return "PERSONAL_ACCESS_TOKEN";
            case "connect-jwt":
                return "CONNECT_APP";
            default:
                return "OAUTH_CLIENT";
        }
    }
}
