package io.jiraaccess.sim.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.api.JiraTime;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Faults;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.JsonBody;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.RequestLog;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.model.ApiToken;
import io.jiraaccess.sim.model.PersonalAccessToken;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import io.jiraaccess.sim.oauth.OAuthClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulator's control API for tests, under {@code /_sim/} (JSON), mirroring {@link JiraSimulator}'s Java
 * methods. It answers on loopback without authentication: it is a test fixture, not part of Jira. No answer
 * carries a secret except {@code POST /_sim/pats}, whose job is to hand a test its new token.
 */
public final class ControlApi {

    private final JiraSimulator sim;

    public ControlApi(JiraSimulator sim) {
        this.sim = sim;
    }

    public void register(Router router) {
        router.post("/_sim/users", Router.Access.OPEN, guarded(this::addUser));
        router.get("/_sim/users", Router.Access.OPEN, guarded(this::listUsers));
        router.post("/_sim/users/{user}/api-tokens", Router.Access.OPEN, guarded(this::addApiToken));
        router.post("/_sim/projects", Router.Access.OPEN, guarded(this::addProject));
        router.post("/_sim/oauth/clients", Router.Access.OPEN, guarded(this::addOAuthClient));
        router.post("/_sim/connect/apps", Router.Access.OPEN, guarded(this::addConnectApp));
        router.post("/_sim/admin/keys", Router.Access.OPEN, guarded(this::addAdminKey));
        router.post("/_sim/pats", Router.Access.OPEN, guarded(this::createPat));
        router.post("/_sim/faults", Router.Access.OPEN, guarded(this::setFaults));
        router.get("/_sim/faults", Router.Access.OPEN, guarded(r -> Response.ok(faultsView(sim.faults()))));
        router.post("/_sim/clock", Router.Access.OPEN, guarded(this::advanceClock));
        router.get("/_sim/clock", Router.Access.OPEN, guarded(r -> Response.ok(clockView())));
        router.get("/_sim/requests", Router.Access.OPEN, guarded(this::requests));
        router.delete("/_sim/requests", Router.Access.OPEN, guarded(r -> {
            sim.clearRequests();
            return Response.noContent();
        }));
        router.get("/_sim/tokens", Router.Access.OPEN, guarded(this::tokens));
        router.get("/_sim/api-tokens", Router.Access.OPEN, guarded(this::apiTokens));
        router.get("/_sim/site", Router.Access.OPEN, guarded(this::site));
        router.post("/_sim/reset", Router.Access.OPEN, guarded(r -> {
            if (r.body().length > 0) {
                r.json();
            }
            sim.reset();
            return Response.noContent();
        }));
    }

    private Response addUser(Request request) {
        JsonBody body = request.json();
        UserSpec spec = new UserSpec(body.optionalText("name").orElse(null), body.optionalText("displayName").orElse(null),
                body.optionalText("email").orElse(null), body.optionalText("password").orElse(null),
                body.optionalText("apiToken").orElse(null), body.optionalInstant("apiTokenExpiresAt").orElse(null),
                body.optionalText("apiTokenLabel").orElse(null), body.textList("projects"),
                body.optionalBoolean("admin").orElse(false));
        User user = sim.addUser(spec);
        return Response.json(201, userView(user));
    }

    private Response listUsers(Request request) {
        ArrayNode list = Json.array();
        sim.users().forEach(user -> list.add(userView(user)));
        return Response.ok(list);
    }

    private Response addApiToken(Request request) {
        JsonBody body = request.json();
        String id = sim.addApiToken(request.pathParam("user"), body.optionalText("label").orElse("default"),
                body.requiredNonBlank("token"), body.optionalInstant("expiresAt").orElse(null));
        return Response.json(201, Json.object().put("id", id));
    }

    private Response addProject(Request request) {
        JsonBody body = request.json();
        String key = body.requiredNonBlank("key");
        sim.addProject(key, body.optionalText("name").orElse(key));
        return Response.json(201, Json.object().put("key", key));
    }

    private Response addOAuthClient(Request request) {
        JsonBody body = request.json();
        long ttl = body.optionalLong("accessTokenTtlSeconds").orElse(3600L);
        long inactivity = body.optionalLong("refreshTokenInactivitySeconds").orElse(Duration.ofDays(90).toSeconds());
        if (ttl < 1 || inactivity < 1) {
            throw ApiError.badRequest("Token lifetimes must be at least one second.");
        }
        OAuthClientSpec spec = new OAuthClientSpec(body.requiredNonBlank("clientId"),
                body.optionalText("clientSecret").orElse(null), body.optionalText("name").orElse(null),
                body.textList("redirectUris"), body.optionalText("user").orElse(null), body.textList("scopes"),
                Duration.ofSeconds(ttl), Duration.ofSeconds(inactivity));
        OAuthClient client = sim.addOAuthClient(spec);
        return Response.json(201, Json.object().put("clientId", client.clientId()).put("public", client.isPublic()));
    }

    private Response addConnectApp(Request request) {
        JsonBody body = request.json();
        User appUser = sim.addConnectApp(new ConnectAppSpec(body.requiredNonBlank("key"),
                body.requiredNonBlank("sharedSecret"), body.optionalText("name").orElse(null), body.textList("projects")));
        return Response.json(201, Json.object().put("key", body.requiredText("key"))
                .put("accountId", appUser.accountId()));
    }

    private Response addAdminKey(Request request) {
        JsonBody body = request.json();
        sim.addAdminKey(body.requiredNonBlank("key"));
        return Response.json(201, Json.object().put("orgId", sim.orgId()));
    }

    private Response createPat(Request request) {
        JsonBody body = request.json();
        Long days = body.optionalLong("expirationDuration").orElse(null);
        if (days != null && (days < 1 || days > 36500)) {
            throw ApiError.field("expirationDuration", "'expirationDuration' must be a positive number of days.");
        }
        TokenRegistry.MintedPat minted = sim.createPat(body.requiredNonBlank("user"),
                body.optionalText("name").orElse("sim token"), days == null ? null : days.intValue());
        ObjectNode answer = patView(minted.token());
        answer.put("rawToken", minted.rawToken());
        return Response.json(201, answer);
    }

    private Response setFaults(Request request) {
        JsonBody body = request.json();
        Faults faults = new Faults(body.optionalLong("latencyMs").orElse(0L),
                body.optionalNumber("failRate").orElse(0.0),
                body.optionalLong("failStatus").map(Long::intValue).orElse(503),
                body.optionalBoolean("down").orElse(false),
                body.optionalLong("rateLimitEvery").map(Long::intValue).orElse(0),
                body.optionalLong("retryAfterSeconds").map(Long::intValue).orElse(1));
        sim.faults(faults);
        return Response.ok(faultsView(faults));
    }

    private Response advanceClock(Request request) {
        JsonBody body = request.json();
        long seconds = body.optionalLong("advanceSeconds")
                .orElseThrow(() -> ApiError.field("advanceSeconds", "'advanceSeconds' is required."));
        if (seconds < 0 || seconds > Duration.ofDays(365 * 100).toSeconds()) {
            throw ApiError.field("advanceSeconds", "'advanceSeconds' must be zero or positive (time only moves forward).");
        }
        sim.advanceClock(Duration.ofSeconds(seconds));
        return Response.ok(clockView());
    }

    private Response requests(Request request) {
        ArrayNode list = Json.array();
        for (RequestLog.Entry entry : sim.requests()) {
            ObjectNode node = list.addObject()
                    .put("seq", entry.seq())
                    .put("at", entry.at().toString())
                    .put("method", entry.method())
                    .put("path", entry.path())
                    .put("authScheme", entry.authScheme())
                    .put("status", entry.status())
                    .put("receivedAt", entry.receivedAt().toString());
            node.put("principal", entry.principal());
            entry.projects().forEach(node.putArray("projects")::add);
            node.put("effect", entry.effect() == null ? null : entry.effect().name());
            node.put("userAgent", entry.userAgent());
        }
        return Response.ok(list);
    }

    private Response tokens(Request request) {
        ArrayNode list = Json.array();
        sim.tokens().forEach(token -> list.add(patView(token)));
        return Response.ok(list);
    }

    private Response apiTokens(Request request) {
        ArrayNode list = Json.array();
        Instant now = sim.now();
        for (ApiToken token : sim.apiTokens()) {
            ObjectNode node = list.addObject()
                    .put("id", token.id())
                    .put("label", token.label())
                    .put("accountId", token.accountId())
                    .put("status", token.status(now))
                    .put("createdAt", token.createdAt().toString());
            node.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
            node.put("lastAccess", token.lastAccess() == null ? null : token.lastAccess().toString());
            node.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        }
        return Response.ok(list);
    }

    private Response site(Request request) {
        return Response.ok(Json.object()
                .put("baseUrl", request.baseUrl())
                .put("cloudId", sim.cloudId())
                .put("orgId", sim.orgId())
                .put("now", sim.now().toString()));
    }

    private ObjectNode patView(PersonalAccessToken token) {
        Instant now = sim.now();
        ObjectNode node = Json.object()
                .put("id", token.id())
                .put("name", token.name())
                .put("accountId", token.accountId());
        sim.directory().byAccountId(token.accountId()).ifPresent(u -> node.put("user", u.name()));
        node.put("createdAt", JiraTime.format(token.createdAt()));
        node.put("expiringAt", token.expiringAt() == null ? null : JiraTime.format(token.expiringAt()));
        node.put("lastAccessedAt", token.lastAccessedAt() == null ? null : JiraTime.format(token.lastAccessedAt()));
        node.put("revokedAt", token.revokedAt() == null ? null : JiraTime.format(token.revokedAt()));
        node.put("status", token.revokedAt() != null ? "revoked" : token.isExpired(now) ? "expired" : "active");
        return node;
    }

    private static ObjectNode userView(User user) {
        ObjectNode node = Json.object()
                .put("accountId", user.accountId())
                .put("key", user.key())
                .put("name", user.name())
                .put("displayName", user.displayName())
                .put("email", user.email())
                .put("accountType", user.accountType())
                .put("admin", user.admin());
        ArrayNode projects = node.putArray("projects");
        user.projects().stream().sorted().forEach(projects::add);
        return node;
    }

    private static ObjectNode faultsView(Faults faults) {
        return Json.object()
                .put("latencyMs", faults.latencyMs())
                .put("failRate", faults.failRate())
                .put("failStatus", faults.failStatus())
                .put("down", faults.down())
                .put("rateLimitEvery", faults.rateLimitEvery())
                .put("retryAfterSeconds", faults.retryAfterSeconds());
    }

    private ObjectNode clockView() {
        return Json.object()
                .put("now", sim.now().toString())
                .put("offsetSeconds", sim.clock().offset().toSeconds());
    }

    /** Model validation speaks IllegalArgumentException; the control API answers it as a Jira-shaped 400. */
    private static Router.Handler guarded(Router.Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
        };
    }
}
