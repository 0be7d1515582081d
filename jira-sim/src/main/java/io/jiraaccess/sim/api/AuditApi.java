package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.auth.Principal;
import io.jiraaccess.sim.auth.Scopes;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The audit log through Jira Cloud's {@code /rest/api/3/auditing/record} (offset paging) and Jira Data
 * Center's {@code /rest/auditing/1.0/events} (cursor paging, {@code pagingInfo.nextPageCursor} = "timestamp,id").
 * Both need a Jira administrator.
 *
 * <p>How a Cloud record tells which credential a request used: Jira's audit record has no authentication field,
 * and Atlassian reports the credential in the org audit log as {@code actor.auth {authType, tokenId, tokenLabel}}.
 * The simulator carries exactly that triple inside the record's own fields, so the record still validates
 * against Atlassian's schema: {@code eventSource} = {@code authType} (for Basic auth with an API token:
 * {@code api-token}), and one {@code associatedItems} entry {@code {id: tokenId, name: tokenLabel,
 * typeName: "API_TOKEN"}} ({@code PERSONAL_ACCESS_TOKEN}, {@code OAUTH_CLIENT}, {@code CONNECT_APP} for the other
 * kinds). The description names the mechanism in words ("Basic authentication with an API token").
 */
public final class AuditApi {

    private final AuditLog audit;

    public AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    public void register(Router router) {
        router.get("/rest/api/3/auditing/record", Router.Access.USER, this::cloudRecords);
        router.get("/rest/api/2/auditing/record", Router.Access.USER, this::cloudRecords);
        router.get("/rest/auditing/1.0/events", Router.Access.USER, this::dcEvents);
    }

    private Response cloudRecords(Request request) {
        requireAdmin(request);
        int offset = request.queryInt("offset", 0);
        int limit = request.queryInt("limit", 1000);
        if (offset < 0 || limit < 0) {
            throw ApiError.badRequest("offset and limit must not be negative.");
        }
        limit = Math.min(limit, 1000);
        Instant from = request.query("from").map(v -> JiraTime.parseParameter("from", v)).orElse(null);
        Instant to = request.query("to").map(v -> JiraTime.parseParameter("to", v)).orElse(null);
        List<String> terms = request.query("filter").map(f -> Arrays.stream(f.trim().split("\\s+"))
                .filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(Locale.ROOT)).toList()).orElse(List.of());
        List<AuditEntry> matching = audit.newestFirst(e -> AuditLog.within(e.at(), from, to) && matchesAll(e, terms));
        ArrayNode records = Json.array();
        for (int i = offset; i < matching.size() && i < offset + limit; i++) {
            records.add(cloudRecord(matching.get(i)));
        }
        ObjectNode page = Json.object().put("offset", offset).put("limit", limit).put("total", matching.size());
        page.set("records", records);
        return Response.ok(page);
    }

    private Response dcEvents(Request request) {
        requireAdmin(request);
        int limit = request.queryInt("limit", 200);
        if (limit < 1) {
            throw ApiError.badRequest("limit must be positive.");
        }
        limit = Math.min(limit, 1000);
        int offset = Math.max(0, request.queryInt("offset", 0));
        Instant from = request.query("from").map(v -> JiraTime.parseParameter("from", v)).orElse(null);
        Instant to = request.query("to").map(v -> JiraTime.parseParameter("to", v)).orElse(null);
        long[] cursor = request.query("pageCursor").filter(c -> !c.isEmpty()).map(AuditApi::parseCursor).orElse(null);
        List<AuditEntry> matching = audit.newestFirst(e -> AuditLog.within(e.at(), from, to)
                && (cursor == null || olderThan(e, cursor)));
        ArrayNode entities = Json.array();
        int end = Math.min(matching.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            entities.add(dcEvent(matching.get(i), request.baseUrl()));
        }
        ObjectNode paging = Json.object();
        boolean last = end >= matching.size();
        paging.put("lastPage", last);
        paging.put("size", entities.size());
        if (!last && end > offset) {
            AuditEntry tail = matching.get(end - 1);
            String next = tail.at().toEpochMilli() + "," + tail.id();
            paging.put("nextPageCursor", next);
            paging.put("nextPageOffset", end);
            StringBuilder link = new StringBuilder(request.baseUrl()).append("/rest/auditing/1.0/events?pageCursor=")
                    .append(URLEncoder.encode(next, StandardCharsets.UTF_8)).append("&limit=").append(limit);
            request.query("from").ifPresent(f -> link.append("&from=").append(URLEncoder.encode(f, StandardCharsets.UTF_8)));
            request.query("to").ifPresent(t -> link.append("&to=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
            paging.put("nextPageLink", link.toString());
        }
        ObjectNode page = Json.object();
        page.set("entities", entities);
        page.set("pagingInfo", paging);
        return Response.ok(page);
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

    private static boolean matchesAll(AuditEntry entry, List<String> terms) {
        for (String term : terms) {
            Stream<String> fields = Stream.of(entry.kind().summary(), entry.kind().cloudCategory(),
                    entry.auth() == null ? null : entry.auth().authType(),
                    entry.object() == null ? null : entry.object().name(),
                    entry.object() == null ? null : entry.object().id(),
                    entry.object() == null ? null : entry.object().parentName(),
                    entry.object() == null ? null : entry.object().typeName(),
                    entry.remoteAddress());
            Stream<String> changed = entry.changedValues().stream()
                    .flatMap(v -> Stream.of(v.changedFrom(), v.changedTo()));
            boolean hit = Stream.concat(fields, changed)
                    .anyMatch(value -> value != null && value.toLowerCase(Locale.ROOT).contains(term));
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    private static boolean olderThan(AuditEntry entry, long[] cursor) {
        long at = entry.at().toEpochMilli();
        return at < cursor[0] || at == cursor[0] && entry.id() < cursor[1];
    }

    private static long[] parseCursor(String cursor) {
        String[] parts = cursor.split(",");
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("pageCursor must be 'timestamp,id' as returned in pagingInfo.nextPageCursor.");
    }

    private static void requireAdmin(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.ADMIN);
        if (!principal.user().admin()) {
            throw ApiError.forbidden("You do not have permission to view the audit log: Administer Jira is required.");
        }
    }
}
