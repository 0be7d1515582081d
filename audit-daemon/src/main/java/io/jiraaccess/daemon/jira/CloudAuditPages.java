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
 * Jira Cloud's {@code GET /rest/api/3/auditing/record?offset&limit&from&to}: offset paging, newest first, with the
 * {@code total}. Records created while paging push older ones to higher offsets, so a page may repeat the end of the
 * previous one (the reader drops duplicates by id) but never skips one.
 */
public final class CloudAuditPages implements AuditPages {
    static final String PATH = "/rest/api/3/auditing/record";
    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final JiraCalls calls;

    public CloudAuditPages(JiraCalls calls) {
        this.calls = calls;
    }

    @Override
    public Page page(Instant from, Instant to, String token, int limit) {
        long offset = token == null ? 0 : Long.parseLong(token);
        StringBuilder q = new StringBuilder(PATH).append("?offset=").append(offset).append("&limit=").append(limit)
                .append("&from=").append(param(from));
        if (to != null) {
            q.append("&to=").append(param(to));
        }
        JiraRequest request = JiraRequest.get(q.toString());
        JsonNode n = calls.json(request);
        JsonNode records = n.path("records");
        if (!n.isObject() || !records.isArray()) {
            throw calls.malformed(request, "an audit record page with records");
        }
        List<JsonNode> out = new ArrayList<>(records.size());
        records.forEach(out::add);
        Long total = n.path("total").canConvertToLong() ? n.path("total").asLong() : null;
        long end = offset + out.size();
        boolean more = !out.isEmpty() && (total == null ? out.size() >= limit : end < total);
        return new Page(out, more ? Long.toString(end) : null, total);
    }

    @Override
    public int maxLimit() {
        return 1000;
    }

    static String param(Instant t) {
        return URLEncoder.encode(JIRA.format(t), StandardCharsets.UTF_8);
    }
}
