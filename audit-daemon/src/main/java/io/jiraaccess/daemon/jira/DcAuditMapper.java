package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.DocumentIds;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jira Data Center audit event ({@code GET /rest/auditing/1.0/events}: {@code timestamp, author, type{category,
 * action, actionI18nKey, area, level}, affectedObjects, changedValues, extraAttributes, source, system, node,
 * method}) as an ECS event. A pure function of the entity and the site, so it can be fuzzed.
 * <ul>
 *   <li>The entity carries no id: {@code event.id = <site>:dc:<first 32 hex of the SHA-256 of the entity as
 *   canonical JSON (keys sorted)>}; the reader appends {@code #n} to the n-th identical entity of one millisecond
 *   (n from 1), so two identical records stay two events;</li>
 *   <li>{@code event.action: jira.audit}, {@code jira_access.jira_audit.{id, category, action (the i18n key, else
 *   the action), area, level, summary (the action), object.*, author.*, auth.*}};</li>
 *   <li>{@code extraAttributes} {@code authType}, {@code tokenId}, {@code tokenLabel} name the credential a request
 *   used; {@code authType} {@code api-token} or {@code password} (Basic authentication) makes it a
 *   {@code basic_auth.used} event; {@code description} is part of the message;</li>
 *   <li>{@code user.{id, name}} from a user author (not the anonymous {@code -2}); {@code source.ip = source} when
 *   it is an IP address; authentication records get {@code event.category: authentication} and the outcome.</li>
 * </ul>
 */
public final class DcAuditMapper {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DcAuditMapper() {
    }

    public static AuditMapping map(JsonNode entity, String site) {
        if (entity == null || !entity.isObject()) {
            return new AuditMapping.Rejected("a Data Center audit event is a JSON object");
        }
        Instant at = AuditFields.time(entity, "timestamp");
        if (at == null) {
            return new AuditMapping.Rejected("the audit event has no usable timestamp");
        }
        JsonNode type = entity.get("type");
        String action = AuditFields.text(type, "action");
        String actionKey = AuditFields.text(type, "actionI18nKey");
        if (action == null && actionKey == null) {
            return new AuditMapping.Rejected("the audit event has no type.action");
        }
        String hash = hash(entity);
        JsonNode author = entity.get("author");
        String authorId = AuditFields.text(author, "id");
        String authorName = AuditFields.text(author, "name");
        String authorType = AuditFields.text(author, "type");
        JsonNode object = first(entity.get("affectedObjects"));
        Map<String, String> extra = attributes(entity.get("extraAttributes"));
        String authType = AuditFields.lower(extra.get("authType"));
        String description = extra.get("description");

        boolean basic = authType != null && AuditFields.BASIC_AUTH_TYPES.contains(authType);
        AuditEvent.Builder b = AuditEvent.builder(basic ? EventAction.BASIC_AUTH_USED : EventAction.JIRA_AUDIT, at)
                .id(site + ":dc:" + hash)
                .dataset(AuditEvent.DATASET_JIRA_AUDIT)
                .set("event.provider", "jira")
                .jira(site, "datacenter")
                .message(AuditFields.message(action != null ? action : actionKey, description))
                .set("jira_access.jira_audit.id", hash)
                .set("jira_access.jira_audit.category", AuditFields.text(type, "category"))
                .set("jira_access.jira_audit.action", actionKey != null ? actionKey : action)
                .set("jira_access.jira_audit.area", AuditFields.text(type, "area"))
                .set("jira_access.jira_audit.level", AuditFields.text(type, "level"))
                .set("jira_access.jira_audit.summary", action)
                .set("jira_access.jira_audit.event_source", AuditFields.text(entity, "method"))
                .set("jira_access.jira_audit.object.id", AuditFields.text(object, "id"))
                .set("jira_access.jira_audit.object.name", AuditFields.text(object, "name"))
                .set("jira_access.jira_audit.object.type", AuditFields.text(object, "type"))
                .set("jira_access.jira_audit.author.id", authorId)
                .set("jira_access.jira_audit.author.name", authorName)
                .set("jira_access.jira_audit.author.type", authorType)
                .set("jira_access.jira_audit.auth.type", authType)
                .set("jira_access.jira_audit.auth.token_id", extra.get("tokenId"))
                .set("jira_access.jira_audit.auth.token_label", extra.get("tokenLabel"));
        if (authorId != null && !"-2".equals(authorId) && (authorType == null || "user".equalsIgnoreCase(authorType))) {
            b.set("user.id", authorId).set("user.name", authorName);
        }
        AuditFields.source(b, AuditFields.text(entity, "source"));
        Boolean outcome = AuditFields.authenticationOutcome(action, actionKey, description);
        if (outcome != null || basic) {
            b.set("event.category", List.of("authentication"));
            b.outcome(outcome == null || outcome);
        }
        if (basic) {
            b.set("jira_access.credential.kind", "api-token".equals(authType) ? "api-token" : null)
                    .set("jira_access.credential.token_id", extra.get("tokenId"))
                    .set("jira_access.credential.name", extra.get("tokenLabel"));
        }
        return new AuditMapping.Mapped(b.build(), at);
    }

    /** The first 32 hex digits of the SHA-256 of the entity's canonical JSON: equal entities, equal hashes. */
    static String hash(JsonNode entity) {
        try {
            Object plain = CANONICAL.treeToValue(entity, Object.class);
            return DocumentIds.sha256Hex(CANONICAL.writeValueAsString(plain)).substring(0, 32);
        } catch (JsonProcessingException e) {
            // a tree that came from JSON converts back to JSON; keep a stable fallback all the same
            return DocumentIds.sha256Hex(entity.toString()).substring(0, 32);
        }
    }

    private static JsonNode first(JsonNode array) {
        return array != null && array.isArray() && array.size() > 0 ? array.get(0) : null;
    }

    /** {@code extraAttributes} as name to value; the first value of a name wins. */
    private static Map<String, String> attributes(JsonNode extra) {
        Map<String, String> out = new HashMap<>();
        if (extra != null && extra.isArray()) {
            for (JsonNode a : extra) {
                String name = AuditFields.text(a, "name");
                String value = AuditFields.text(a, "value");
                if (name != null && value != null) {
                    out.putIfAbsent(name, value);
                }
            }
        }
        return out;
    }
}
