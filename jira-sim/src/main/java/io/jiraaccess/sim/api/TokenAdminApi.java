package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.model.AdminKeys;
import io.jiraaccess.sim.model.ApiToken;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Atlassian Cloud API token administration ({@code api.atlassian.com}), authenticated with an org admin API key
 * as Bearer: the org-wide inventory with cursor links, a user's tokens, and revocation. No public API creates
 * a Cloud API token, so neither does this one (the control API does, for tests).
 */
public final class TokenAdminApi {

    private final Directory directory;
    private final TokenRegistry tokens;
    private final AdminKeyAuth adminAuth;
    private final AuditLog audit;
    private final Clock clock;

    public TokenAdminApi(Directory directory, TokenRegistry tokens, AdminKeys adminKeys, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.adminAuth = new AdminKeyAuth(adminKeys, audit);
        this.audit = audit;
        this.clock = clock;
    }

    public void register(Router router) {
        router.get("/admin/api-access/v1/orgs/{orgId}/api-tokens", Router.Access.OPEN, this::inventory);
        router.get("/users/{accountId}/manage/api-tokens", Router.Access.OPEN, this::userTokens);
        router.delete("/users/{accountId}/manage/api-tokens/{tokenId}", Router.Access.OPEN, this::revoke);
    }

    private Response inventory(Request request) {
        String org = adminAuth.org(request, request.pathParam("orgId"));
        int limit = request.queryInt("limit", 25);
        if (limit < 1 || limit > 100) {
            throw ApiError.badRequest("limit must be between 1 and 100.");
        }
        int offset = OffsetCursor.decode(request.query("cursor").orElse(null), "use the links.next URL as given");
        String status = request.query("status").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (status != null && !List.of("active", "expired", "revoked").contains(status)) {
            throw ApiError.badRequest("status must be active, expired or revoked.");
        }
        String q = request.query("q").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        Instant now = clock.instant();
        List<ApiToken> matching = tokens.allApiTokens().stream()
                .filter(t -> status == null || status.equals(t.status(now)))
                .filter(t -> q == null || t.label().toLowerCase(Locale.ROOT).contains(q)
                        || directory.byAccountId(t.accountId()).map(u -> matchesUser(u, q)).orElse(false))
                .toList();
        ArrayNode data = Json.array();
        for (int i = offset; i < matching.size() && i < offset + limit; i++) {
            ApiToken token = matching.get(i);
            ObjectNode row = data.addObject()
                    .put("id", token.id())
                    .put("label", token.label())
                    .put("status", token.status(now))
                    .put("createdAt", JiraTime.iso(token.createdAt()));
            row.put("expiresAt", token.expiresAt() == null ? null : JiraTime.iso(token.expiresAt()));
            row.put("lastActiveAt", token.lastAccess() == null ? null : JiraTime.iso(token.lastAccess()));
            directory.byAccountId(token.accountId()).ifPresent(user -> row.putObject("user")
                    .put("id", user.accountId())
                    .put("orgId", org)
                    .put("name", user.displayName())
                    .put("email", user.email()));
        }
        String self = request.baseUrl() + "/admin/api-access/v1/orgs/" + org + "/api-tokens";
        ObjectNode links = Json.object().put("self", self + "?limit=" + limit + cursorParam(offset));
        if (offset + limit < matching.size()) {
            links.put("next", self + "?limit=" + limit + cursorParam(offset + limit));
        }
        if (offset > 0) {
            links.put("prev", self + "?limit=" + limit + cursorParam(Math.max(0, offset - limit)));
        }
        ObjectNode page = Json.object();
        page.set("data", data);
        page.set("links", links);
        return Response.ok(page);
    }

    private Response userTokens(Request request) {
        adminAuth.org(request);
        User user = user(request.pathParam("accountId"));
        ArrayNode list = Json.array();
        for (ApiToken token : tokens.apiTokensOf(user.accountId())) {
            if (token.revokedAt() != null) {
                continue;
            }
            ObjectNode row = list.addObject()
                    .put("id", token.id())
                    .put("label", token.label())
                    .put("createdAt", JiraTime.iso(token.createdAt()));
            row.put("lastAccess", token.lastAccess() == null ? null : JiraTime.iso(token.lastAccess()));
            row.put("expiry", token.expiresAt() == null ? null : JiraTime.iso(token.expiresAt()));
        }
        return Response.ok(list);
    }

    private Response revoke(Request request) {
        String org = adminAuth.org(request);
        User user = user(request.pathParam("accountId"));
        ApiToken token = tokens.apiToken(request.pathParam("tokenId"))
                .filter(t -> t.accountId().equals(user.accountId()) && t.revokedAt() == null)
                .orElseThrow(() -> ApiError.notFound("No API token with that id for this user."));
        token.revoke(clock.instant());
        audit.record(AuditKind.API_TOKEN_REVOKED, user, request.remoteAddress(),
                new AuditEntry.AuthInfo("container-token", org, "org admin API key"),
                new AuditEntry.ObjectItem(token.id(), token.label(), "API_TOKEN", user.accountId(), user.displayName()),
                List.of(), "Revoked by an organization admin");
        return Response.noContent();
    }

    private User user(String accountId) {
        return directory.byAccountId(accountId)
                .orElseThrow(() -> ApiError.notFound("No user with account id " + accountId + "."));
    }

    private static boolean matchesUser(User user, String q) {
        return user.displayName().toLowerCase(Locale.ROOT).contains(q)
                || user.email() != null && user.email().toLowerCase(Locale.ROOT).contains(q);
    }

    private static String cursorParam(int offset) {
        if (offset == 0) {
            return "";
        }
        return "&cursor=" + OffsetCursor.encode(offset);
    }
}
