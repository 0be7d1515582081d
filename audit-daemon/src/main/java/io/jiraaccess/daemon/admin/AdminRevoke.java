package io.jiraaccess.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.daemon.revoke.BulkRevoker;
import io.jiraaccess.daemon.revoke.RevokeFilter;

import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /revoke}: bulk revocation through the Jira API with the CLI's filters, as JSON
 * {@code {"owner"|"site"|"credential": "...", "all": true, "confirmAll": true, "dryRun": true|false}}. {@code dryRun}
 * must be given (no default in either direction for a call that can revoke everything). The answer lists each
 * matched token and its outcome, and the counts.
 */
public final class AdminRevoke {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("owner", "site", "credential", "all", "confirmAll", "dryRun");
    /** The largest request {@code POST /revoke} takes: a filter is a few dozen bytes. */
    static final int MAX_BODY = 64 * 1024;

    private final BulkRevoker revoker;

    public AdminRevoke(BulkRevoker revoker) {
        this.revoker = revoker;
    }

    /**
     * @throws BadRequestException for a body that is not such a request (400)
     */
    public String revoke(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("send a JSON body with Content-Type: application/json, e.g. "
                    + "{\"owner\": \"alice\", \"dryRun\": true}");
        }
        if (body.length() > MAX_BODY) {
            throw new BadRequestException("the body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not JSON; send it with Content-Type: application/json");
        }
        if (req == null || !req.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        for (Iterator<String> it = req.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new BadRequestException("unknown field; the fields are owner, site, credential, all, confirmAll, "
                        + "dryRun");
            }
        }
        JsonNode dry = req.get("dryRun");
        if (dry == null || !dry.isBoolean()) {
            throw new BadRequestException("dryRun is required: true lists what would be revoked, false revokes");
        }
        RevokeFilter filter;
        try {
            filter = RevokeFilter.of(text(req, "owner"), text(req, "site"), text(req, "credential"),
                    bool(req, "all"), bool(req, "confirmAll"));
        } catch (ConfigurationException e) {
            throw new BadRequestException(e.getMessage().replace("--owner NAME", "owner").replace("--site URL", "site")
                    .replace("--credential ID", "credential").replace("--all", "all")
                    .replace(RevokeFilter.CONFIRM_ALL_FLAG, "\"confirmAll\": true").replace("--dry-run", "dryRun"));
        }
        BulkRevoker.Report report = revoker.revoke(filter, dry.asBoolean(), line -> { });
        ObjectNode out = JSON.createObjectNode();
        out.put("dryRun", report.dryRun());
        out.put("filter", filter.describe());
        out.put("matched", report.lines().size());
        for (BulkRevoker.Outcome o : BulkRevoker.Outcome.values()) {
            out.put(camel(o), report.count(o));
        }
        ArrayNode tokens = out.putArray("tokens");
        for (BulkRevoker.Line l : report.lines()) {
            ObjectNode t = tokens.addObject();
            t.put("jira", l.site());
            t.put("site", l.token().site());
            t.put("kind", l.token().kind());
            t.put("tokenId", l.token().tokenId());
            t.put("name", l.token().name());
            t.put("owner", l.token().ownerName());
            t.put("outcome", l.outcome().label());
            if (l.detail() != null) {
                t.put("detail", l.detail());
            }
        }
        ArrayNode unreadable = out.putArray("unreadableSites");
        report.unreadableSites().forEach(unreadable::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    }

    private static String camel(BulkRevoker.Outcome o) {
        String[] parts = o.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException(f + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new BadRequestException(f + " must be true or false");
        }
        return v.asBoolean();
    }
}
