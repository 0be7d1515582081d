package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.model.AdminKeys;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Atlassian's organization audit log, {@code GET /admin/v1/orgs/{orgId}/events} (org admin key as Bearer): the
 * place where Atlassian reports which credential a call used, as {@code actor.auth {authType, tokenId,
 * tokenLabel}}. It shows the same entries as the Jira audit APIs, newest first, with cursor paging.
 */
public final class OrgEventsApi {

    private final AuditLog audit;
    private final AdminKeyAuth adminAuth;

    public OrgEventsApi(AuditLog audit, AdminKeys adminKeys) {
        this.audit = audit;
        this.adminAuth = new AdminKeyAuth(adminKeys, audit);
    }

    public void register(Router router) {
        router.get("/admin/v1/orgs/{orgId}/events", Router.Access.OPEN, this::events);
    }

    private Response events(Request request) {
        String org = adminAuth.org(request, request.pathParam("orgId"));
        int limit = request.queryInt("limit", 100);
        if (limit < 1 || limit > 1000) {
            throw ApiError.badRequest("limit must be between 1 and 1000.");
        }
        Instant from = request.query("from").map(v -> epoch("from", v)).orElse(null);
        Instant to = request.query("to").map(v -> epoch("to", v)).orElse(null);
        String action = request.query("action").orElse(null);
        int offset = OffsetCursor.decode(request.query("cursor").orElse(null), "use meta.next as given");
        List<AuditEntry> matching = audit.newestFirst(e -> AuditLog.within(e.at(), from, to)
                && (action == null || action.equals(action(e))));
        ArrayNode data = Json.array();
        String base = request.baseUrl() + "/admin/v1/orgs/" + org + "/events";
        for (int i = offset; i < matching.size() && i < offset + limit; i++) {
            data.add(event(matching.get(i), base));
        }
        ObjectNode page = Json.object();
        page.set("data", data);
        ObjectNode meta = page.putObject("meta").put("page_size", limit);
        ObjectNode links = page.putObject("links").put("self", base);
        if (offset + limit < matching.size()) {
            String next = OffsetCursor.encode(offset + limit);
            meta.put("next", next);
            links.put("next", base + "?cursor=" + next + "&limit=" + limit);
        }
        return Response.ok(page);
    }

    static ObjectNode event(AuditEntry entry, String base) {
        ObjectNode event = Json.object()
                .put("id", String.valueOf(entry.id()))
                .put("type", "events");
        ObjectNode attributes = event.putObject("attributes")
                .put("time", JiraTime.iso(entry.at()))
                .put("action", action(entry));
        ObjectNode actor = attributes.putObject("actor");
        if (entry.author() != null) {
            actor.put("id", entry.author().accountId()).put("name", entry.author().displayName());
            if (entry.author().email() != null) {
                actor.put("email", entry.author().email());
            }
        }
        if (entry.auth() != null) {
            ObjectNode auth = actor.putObject("auth").put("authType", entry.auth().authType());
            if (entry.auth().tokenId() != null) {
                auth.put("tokenId", entry.auth().tokenId());
            }
            if (entry.auth().tokenLabel() != null) {
                auth.put("tokenLabel", entry.auth().tokenLabel());
            }
        }
        if (entry.remoteAddress() != null) {
            attributes.putObject("location").put("ip", entry.remoteAddress());
        }
        event.putObject("links").put("self", base + "/" + entry.id());
        return event;
    }

    /** The action key, e.g. {@code user_authenticated}, {@code personal_access_token_created}. */
    static String action(AuditEntry entry) {
        return entry.kind().summary().toLowerCase(Locale.ROOT).replace("oauth 2.0", "oauth").replace(' ', '_');
    }

    /** The org audit API takes UNIX epoch times; seconds and milliseconds are both accepted. */
    private static Instant epoch(String name, String value) {
        try {
            long number = Long.parseLong(value.trim());
            return number < 100_000_000_000L ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
        } catch (NumberFormatException e) {
            return JiraTime.parseParameter(name, value);
        }
    }
}
