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
 * <p>How a record says which credential was used: see {@link AuditRenderings}.
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
            records.add(AuditRenderings.cloudRecord(matching.get(i)));
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
            entities.add(AuditRenderings.dcEvent(matching.get(i), request.baseUrl()));
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
