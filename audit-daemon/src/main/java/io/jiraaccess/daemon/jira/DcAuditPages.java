package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.http.JiraRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Jira Data Center's {@code GET /rest/auditing/1.0/events?from&to&limit&pageCursor}: newest first, paged by
 * {@code pagingInfo.nextPageCursor} ("timestamp,id" of the page's last event), which is stable while new events
 * arrive.
 */
public final class DcAuditPages implements AuditPages {
    static final String PATH = "/rest/auditing/1.0/events";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final JiraCalls calls;

    public DcAuditPages(JiraCalls calls) {
        this.calls = calls;
    }

    @Override
    public Page page(Instant from, Instant to, String token, int limit) {
        StringBuilder q = new StringBuilder(PATH).append("?limit=").append(limit).append("&from=").append(param(from));
        if (to != null) {
            q.append("&to=").append(param(to));
        }
        if (token != null) {
            q.append("&pageCursor=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        JiraRequest request = JiraRequest.get(q.toString());
        JsonNode n = calls.json(request);
        JsonNode entities = n.path("entities");
        if (!n.isObject() || !entities.isArray()) {
            throw calls.malformed(request, "an audit event page with entities");
        }
        List<JsonNode> out = new ArrayList<>(entities.size());
        entities.forEach(out::add);
        JsonNode paging = n.path("pagingInfo");
        JsonNode cursor = paging.path("nextPageCursor");
        boolean last = paging.path("lastPage").asBoolean(true) || !cursor.isTextual() || cursor.asText().isEmpty()
                || out.isEmpty();
        return new Page(out, last ? null : cursor.asText(), null);
    }

    @Override
    public int maxLimit() {
        return 1000;
    }

    static String param(Instant t) {
        return URLEncoder.encode(ISO.format(t), StandardCharsets.UTF_8);
    }
}
