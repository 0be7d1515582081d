package io.jiraaccess.core.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.http.RetryAfter;
import io.jiraaccess.core.secret.SecretValue;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Jira Data Center's personal access token API over a {@link JiraClient}: it acts as whoever the client's
 * authenticator sends (a PAT, or Basic username/password). Create, list and revoke are the user's own tokens; search
 * is the administrators' view of everyone's. The client's retries apply (429 with {@code Retry-After} for every
 * method; 5xx only for list, revoke and myself, since a repeated create would make a second token); a 429 that
 * outlasts them is a {@link RateLimitedException}.
 */
public final class PatClient implements PatApi {
    static final String TOKENS = "/rest/pat/latest/tokens";
    static final String SEARCH = TOKENS + "/search";
    static final String MYSELF = "/rest/api/2/myself";
    private static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JiraClient client;

    public PatClient(JiraClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public CreatedPat create(String name, int expirationDays) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("expirationDuration", expirationDays);
        JiraRequest request = JiraRequest.post(TOKENS, body.toString());
        JsonNode n = send(request).json();
        JsonNode raw = n.path("rawToken");
        if (!raw.isTextual() || raw.asText().isEmpty()) {
            throw new JiraException(200, "credential " + client.spec().id() + ": Jira's answer to POST " + TOKENS
                    + " has no rawToken; check that the site is Jira Data Center 8.14 or later");
        }
        return new CreatedPat(info(n, request), SecretValue.of(raw.asText()));
    }

    @Override
    public List<PatInfo> list() {
        JiraRequest request = JiraRequest.get(TOKENS);
        JsonNode n = send(request).json();
        if (!n.isArray()) {
            throw shape(request, "a JSON array");
        }
        List<PatInfo> out = new ArrayList<>();
        for (JsonNode t : n) {
            out.add(info(t, request));
        }
        return out;
    }

    @Override
    public boolean revoke(long id) {
        JiraRequest request = JiraRequest.delete(TOKENS + "/" + id);
        JiraResponse r = client.send(request);
        if (r.status() == 404) {
            return false;
        }
        check(request, r);
        return true;
    }

    @Override
    public JiraUser myself() {
        JiraRequest request = JiraRequest.get(MYSELF);
        JsonNode n = send(request).json();
        String key = text(n, "key");
        String name = text(n, "name");
        String accountId = text(n, "accountId");
        if (key == null && name == null && accountId == null) {
            throw shape(request, "a user with key, name or accountId");
        }
        return new JiraUser(key, name, accountId, text(n, "displayName"));
    }

    /**
     * The administrators' search over every user's live tokens, all pages: {@code name} matches part of the token
     * name (null: any), {@code users} are usernames (empty: everyone). Needs a Jira administrator.
     */
    public List<PatInfo> search(String name, List<String> users) {
        List<PatInfo> out = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        if (users != null && !users.isEmpty()) {
            users.forEach(body.putArray("users")::add);
        }
        for (int start = 0; ; start += PAGE) {
            JiraRequest request = JiraRequest.post(SEARCH + "?start=" + start + "&limit=" + PAGE, body.toString());
            JsonNode page = send(request).json();
            JsonNode values = page.path("values");
            if (!values.isArray()) {
                throw shape(request, "a page with values");
            }
            for (JsonNode t : values) {
                String owner = text(t.path("userProfileResource"), "name");
                PatInfo i = info(t, request);
                out.add(new PatInfo(i.id(), i.name(), i.createdAt(), i.expiringAt(), i.lastAccessedAt(), owner));
            }
            if (page.path("isLastPage").asBoolean(true) || values.isEmpty()) {
                return out;
            }
        }
    }

    private JiraResponse send(JiraRequest request) {
        JiraResponse r = client.send(request);
        check(request, r);
        return r;
    }

    private void check(JiraRequest request, JiraResponse r) {
        if (r.isSuccess()) {
            return;
        }
        if (r.status() == 429) {
            throw new RateLimitedException(client.failure(request, r).getMessage(), RetryAfter.parse(r.header("Retry-After"), client.clock().instant()));
        }
        throw client.failure(request, r);
    }

    private PatInfo info(JsonNode t, JiraRequest request) {
        if (!t.path("id").canConvertToLong() || !t.path("name").isTextual()) {
            throw shape(request, "tokens with id and name");
        }
        try {
            return new PatInfo(t.path("id").asLong(), t.path("name").asText(), JiraTimes.parse(text(t, "createdAt")),
                    JiraTimes.parse(text(t, "expiringAt")), JiraTimes.parse(text(t, "lastAccessedAt")), null);
        } catch (DateTimeParseException e) {
            throw shape(request, "dates in Jira's format");
        }
    }

    private JiraException shape(JiraRequest request, String expected) {
        return new JiraException(200, "credential " + client.spec().id() + ": Jira's answer to " + request.method() + " "
                + request.pathAndQuery().replaceAll("\\?.*", "") + " is not " + expected
                + "; check that the site is Jira Data Center 8.14 or later");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

}
