package io.jiraaccess.daemon.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.http.RetryAfter;
import io.jiraaccess.core.jira.RateLimitedException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Atlassian organisation's API tokens through the org admin API (Bearer org admin key): the inventory
 * {@code GET /admin/api-access/v1/orgs/{orgId}/api-tokens} (every page, following {@code links.next}) and revocation
 * {@code DELETE /users/{accountId}/manage/api-tokens/{tokenId}}. Tokens are keyed by the Jira site they are used on.
 */
public final class CloudOrgInventory implements TokenInventory {
    static final int PAGE = 100;
    static final int MAX_PAGES = 10_000;

    private final JiraClient admin;
    private final String orgId;
    private final String site;
    private final String callerEmail;

    /**
     * @param admin       a client of the admin API with the org admin key
     * @param site        the Jira Cloud site (base URL) these tokens are reported for
     * @param callerEmail the account the daemon reads the site's audit log as (its API token's email), or null
     */
    public CloudOrgInventory(JiraClient admin, String orgId, String site, String callerEmail) {
        this.admin = admin;
        this.orgId = orgId;
        this.site = site;
        this.callerEmail = callerEmail;
    }

    @Override
    public boolean ownedByCaller(InventoryToken token) {
        return callerEmail != null && callerEmail.equalsIgnoreCase(token.ownerEmail());
    }

    @Override
    public String site() {
        return site;
    }

    @Override
    public String source() {
        return InventoryToken.CLOUD_ORG;
    }

    @Override
    public List<InventoryToken> list() {
        List<InventoryToken> out = new ArrayList<>();
        String next = "/admin/api-access/v1/orgs/" + URLEncoder.encode(orgId, StandardCharsets.UTF_8)
                + "/api-tokens?limit=" + PAGE;
        for (int pages = 0; next != null; pages++) {
            if (pages >= MAX_PAGES) {
                throw new JiraException(200, "org " + orgId + ": more than " + MAX_PAGES + " pages of API tokens; "
                        + "the links.next chain does not end");
            }
            JiraRequest request = JiraRequest.get(next);
            JiraResponse r = admin.send(request);
            if (r.status() == 429) {
                throw new RateLimitedException(admin.failure(request, r).getMessage(), RetryAfter.parse(r.header("Retry-After"), admin.clock().instant()));
            }
            if (!r.isSuccess()) {
                throw admin.failure(request, r);
            }
            JsonNode page = r.json();
            JsonNode data = page.path("data");
            if (!data.isArray()) {
                throw new JiraException(200, "org " + orgId + ": the API token inventory answer has no data list; "
                        + "check adminApi and orgId");
            }
            for (JsonNode t : data) {
                out.add(token(t));
            }
            JsonNode link = page.path("links").path("next");
            next = link.isTextual() && !link.asText().isBlank() && !data.isEmpty() ? link.asText() : null;
        }
        return out;
    }

    private InventoryToken token(JsonNode t) {
        String id = text(t, "id");
        if (id == null) {
            throw new JiraException(200, "org " + orgId + ": an API token in the inventory has no id");
        }
        JsonNode user = t.path("user");
        String status = text(t, "status");
        status = status == null ? InventoryToken.ACTIVE : status.toLowerCase(Locale.ROOT);
        if (!List.of(InventoryToken.ACTIVE, InventoryToken.EXPIRED, InventoryToken.REVOKED).contains(status)) {
            status = InventoryToken.ACTIVE;
        }
        return new InventoryToken(site, JiraFlavor.CLOUD, InventoryToken.CLOUD_ORG, id, text(t, "label"),
                text(user, "name"), text(user, "id"), text(user, "email"), time(t, "createdAt"), time(t, "expiresAt"),
                time(t, "lastActiveAt"), status);
    }

    @Override
    public boolean revoke(InventoryToken token) {
        if (token.ownerId() == null) {
            throw new IllegalArgumentException(token + ": the inventory gave no account id; revoke it in admin.atlassian.com");
        }
        JiraRequest request = JiraRequest.delete("/users/" + URLEncoder.encode(token.ownerId(), StandardCharsets.UTF_8)
                + "/manage/api-tokens/" + URLEncoder.encode(token.tokenId(), StandardCharsets.UTF_8));
        JiraResponse r = admin.send(request);
        if (r.status() == 404) {
            return false;
        }
        if (!r.isSuccess()) {
            throw admin.failure(request, r);
        }
        return true;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Instant time(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            throw new JiraException(200, "org " + orgId(n) + ": the API token inventory has a " + field
                    + " that is not an ISO-8601 date-time");
        }
    }

    private static String orgId(JsonNode n) {
        return n.path("user").path("orgId").asText("?");
    }
}
