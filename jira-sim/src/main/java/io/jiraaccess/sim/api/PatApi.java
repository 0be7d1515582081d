package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.auth.AuthScheme;
import io.jiraaccess.sim.auth.Principal;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.JsonBody;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.PersonalAccessToken;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Jira Data Center personal access tokens: create (raw token only in that answer), list, revoke, admin search.
 *
 * <p>Who may manage tokens: a user authenticated with username and password, or with one of their own PATs.
 * Atlassian's page "Using Personal Access Tokens" documents creation over REST without restricting the
 * authentication, and Jira DC operators who disabled Basic auth entirely document creating PATs over REST with
 * an existing PAT (Red Hat's "Personal Access Token Usage" for issues.redhat.com; the EGI Jira admin's advice in
 * github.com/cyfronet-fid/marketplace/issues/3040), so a PAT may create another PAT here too. OAuth tokens and
 * Cloud credentials may not.
 */
public final class PatApi {

    /** How Jira writes "never expires" in the admin token search. */
    public static final String NEVER = "9999-12-31T23:59:59.999+0000";
    static final long MAX_EXPIRATION_DAYS = 365;

    private final Directory directory;
    private final TokenRegistry tokens;
    private final AuditLog audit;
    private final Clock clock;

    public PatApi(Directory directory, TokenRegistry tokens, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(Router router) {
        for (String version : List.of("latest", "1.0")) {
            String base = "/rest/pat/" + version + "/tokens";
            router.post(base, Router.Access.USER, this::create);
            router.get(base, Router.Access.USER, this::list);
            router.delete(base + "/{id}", Router.Access.USER, this::revoke);
            router.post(base + "/search", Router.Access.USER, Router.Effect.READ, this::search);
        }
    }

    private Response create(Request request) {
        Principal principal = manager(request);
        JsonBody body = request.json();
        String name = body.requiredNonBlank("name");
        if (name.length() > 255) {
            throw ApiError.field("name", "'name' must be at most 255 characters.");
        }
        Optional<Long> days = body.optionalLong("expirationDuration");
        if (days.isPresent() && (days.get() < 1 || days.get() > MAX_EXPIRATION_DAYS)) {
            throw ApiError.field("expirationDuration",
                    "'expirationDuration' must be a number of days between 1 and " + MAX_EXPIRATION_DAYS + ".");
        }
        Instant now = clock.instant();
        Instant expiring = days.map(d -> now.plus(Duration.ofDays(d))).orElse(null);
        TokenRegistry.MintedPat minted = tokens.mintPat(principal.user().accountId(), name, now, expiring);
        audit.record(AuditKind.PAT_CREATED, principal.user(), request.remoteAddress(), principal.authInfo(),
                item(minted.token(), principal.user()), List.of(),
                expiring == null ? "Never expires" : "Expires " + JiraTime.format(expiring));
        ObjectNode answer = view(minted.token());
        answer.remove("lastAccessedAt");
        answer.put("rawToken", minted.rawToken());
        return Response.json(201, answer);
    }

    private Response list(Request request) {
        Principal principal = manager(request);
        ArrayNode list = Json.array();
        for (PersonalAccessToken token : tokens.patsOf(principal.user().accountId())) {
            if (token.revokedAt() == null) {
                list.add(view(token));
            }
        }
        return Response.ok(list);
    }

    private Response revoke(Request request) {
        Principal principal = manager(request);
        long id;
        try {
            id = Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("No personal access token with that id.");
        }
        PersonalAccessToken token = tokens.pat(id)
                .filter(t -> t.revokedAt() == null)
                .filter(t -> t.accountId().equals(principal.user().accountId()) || principal.user().admin())
                .orElseThrow(() -> ApiError.notFound("No personal access token with that id."));
        token.revoke(clock.instant());
        User owner = directory.byAccountId(token.accountId()).orElse(principal.user());
        audit.record(AuditKind.PAT_REVOKED, principal.user(), request.remoteAddress(), principal.authInfo(),
                item(token, owner), List.of(), "Revoked by " + principal.user().name());
        return Response.noContent();
    }

    /** The administrators' view of every user's tokens. */
    private Response search(Request request) {
        Principal principal = manager(request);
        if (!principal.user().admin()) {
            throw ApiError.forbidden("You must be a Jira administrator to search all personal access tokens.");
        }
        JsonBody body = request.body().length == 0 ? null : request.json();
        String nameFilter = body == null ? null : body.optionalText("name").orElse(null);
        List<String> users = body == null ? List.of() : body.textList("users");
        int start = Math.max(0, request.queryInt("start", 0));
        int limit = Math.max(1, Math.min(request.queryInt("limit", 100), 1000));
        List<PersonalAccessToken> matching = tokens.allPats().stream()
                .filter(t -> t.revokedAt() == null)
                .filter(t -> nameFilter == null || t.name().toLowerCase(Locale.ROOT)
                        .contains(nameFilter.toLowerCase(Locale.ROOT)))
                .filter(t -> users.isEmpty() || directory.byAccountId(t.accountId())
                        .map(u -> users.contains(u.name()) || users.contains(u.key())).orElse(false))
                .toList();
        ArrayNode values = Json.array();
        for (int i = start; i < matching.size() && i < start + limit; i++) {
            PersonalAccessToken token = matching.get(i);
            ObjectNode value = values.addObject();
            value.put("id", token.id());
            directory.byAccountId(token.accountId()).ifPresent(owner -> value.putObject("userProfileResource")
                    .put("key", owner.key())
                    .put("name", owner.name())
                    .put("displayName", owner.displayName())
                    .put("emailAddress", owner.email())
                    .put("self", request.baseUrl() + "/rest/api/2/user?username=" + owner.name()));
            value.put("name", token.name());
            value.put("createdAt", JiraTime.format(token.createdAt()));
            value.put("lastAccessedAt", token.lastAccessedAt() == null ? null : JiraTime.format(token.lastAccessedAt()));
            value.put("expiringAt", token.expiringAt() == null ? NEVER : JiraTime.format(token.expiringAt()));
        }
        ObjectNode page = Json.object();
        page.set("values", values);
        page.put("size", values.size());
        page.put("start", start);
        page.put("limit", limit);
        page.put("isLastPage", start + limit >= matching.size());
        return Response.ok(page);
    }

    private static Principal manager(Request request) {
        Principal principal = request.principal();
        if (principal.scheme() != AuthScheme.BASIC_PASSWORD && principal.scheme() != AuthScheme.PAT) {
            throw ApiError.forbidden("Personal access tokens can be managed only by a user signed in with a "
                    + "username and password or a personal access token.");
        }
        return principal;
    }

    static ObjectNode view(PersonalAccessToken token) {
        ObjectNode node = Json.object();
        node.put("id", token.id());
        node.put("name", token.name());
        node.put("createdAt", JiraTime.format(token.createdAt()));
        if (token.expiringAt() != null) {
            node.put("expiringAt", JiraTime.format(token.expiringAt()));
        }
        if (token.lastAccessedAt() != null) {
            node.put("lastAccessedAt", JiraTime.format(token.lastAccessedAt()));
        }
        return node;
    }

    static AuditEntry.ObjectItem item(PersonalAccessToken token, User owner) {
        return new AuditEntry.ObjectItem(String.valueOf(token.id()), token.name(), "PERSONAL_ACCESS_TOKEN",
                owner.accountId(), owner.name());
    }
}
