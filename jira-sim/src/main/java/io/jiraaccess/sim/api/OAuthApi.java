package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jiraaccess.sim.auth.AuthScheme;
import io.jiraaccess.sim.auth.Principal;
import io.jiraaccess.sim.auth.Flavor;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.oauth.OAuthError;
import io.jiraaccess.sim.oauth.OAuthServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OAuth 2.0 endpoints: Atlassian Cloud's {@code /authorize}, {@code /oauth/token} (JSON or form body) and
 * {@code /oauth/token/accessible-resources}; Jira Data Center's {@code /rest/oauth2/latest/authorize} and
 * {@code /rest/oauth2/latest/token} (form body).
 */
public final class OAuthApi {

    private final OAuthServer server;
    private final String cloudId;
    private final Supplier<String> siteName;

    public OAuthApi(OAuthServer server, String cloudId, Supplier<String> siteName) {
        this.server = server;
        this.cloudId = cloudId;
        this.siteName = siteName;
    }

    public void register(Router router) {
        router.post("/oauth/token", Router.Access.OPEN, r -> token(r, Flavor.CLOUD));
        router.post("/rest/oauth2/latest/token", Router.Access.OPEN, r -> token(r, Flavor.DATA_CENTER));
        router.get("/authorize", Router.Access.OPEN, r -> authorize(r, Flavor.CLOUD));
        router.get("/rest/oauth2/latest/authorize", Router.Access.OPEN, r -> authorize(r, Flavor.DATA_CENTER));
        router.get("/oauth/token/accessible-resources", Router.Access.USER, this::accessibleResources);
    }

    private Response token(Request request, Flavor flavor) {
        Map<String, String> params = request.isJson() ? jsonParams(request) : request.form();
        String basicId = null;
        String basicSecret = null;
        String authorization = request.header("Authorization").orElse("");
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    basicId = decoded.substring(0, colon);
                    basicSecret = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                throw new OAuthError(401, "invalid_client", "Malformed client credentials.");
            }
        }
        Map<String, Object> answer = server.token(
                new OAuthServer.TokenRequest(params, basicId, basicSecret, request.remoteAddress()), flavor);
        return Response.ok(answer).withHeader("Cache-Control", "no-store");
    }

    private Response authorize(Request request, Flavor flavor) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : new String[] {"client_id", "redirect_uri", "response_type", "scope", "state",
                "code_challenge", "code_challenge_method", "audience", "prompt"}) {
            request.query(name).ifPresent(value -> query.put(name, value));
        }
        return Response.redirect(server.authorize(query, flavor, request.remoteAddress()));
    }

    private Response accessibleResources(Request request) {
        Principal principal = request.principal();
        if (principal.scheme() != AuthScheme.OAUTH_CLOUD) {
            throw ApiError.unauthorized("This resource needs an Atlassian OAuth 2.0 access token.");
        }
        ArrayNode sites = Json.array();
        var site = sites.addObject()
                .put("id", cloudId)
                .put("name", siteName.get())
                .put("url", request.baseUrl())
                .put("avatarUrl", request.baseUrl() + "/secure/site-avatar.png");
        ArrayNode scopes = site.putArray("scopes");
        principal.scopes().stream().sorted().forEach(scopes::add);
        return Response.ok(sites);
    }

    /** A JSON token request: an object whose values are strings (numbers and booleans are tolerated). */
    private static Map<String, String> jsonParams(Request request) {
        JsonNode node;
        try {
            node = Json.parse(request.body());
        } catch (ApiError e) {
            throw new OAuthError(400, "invalid_request", e.errorMessages().get(0));
        }
        if (!node.isObject()) {
            throw new OAuthError(400, "invalid_request", "The token request must be a JSON object.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new OAuthError(400, "invalid_request", "'" + field.getKey() + "' must be a string.");
            }
            params.put(field.getKey(), value.asText());
        }
        return params;
    }
}
