package io.jiraaccess.daemon.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.dashboards.DataContract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents of the credentials index ({@code jira-access-credentials}, one per credential, its current state), in
 * the data contract's fields: {@code jira_access.credential.{id, kind, token_id, name, status, managed, created_at,
 * expires_at, last_used_at, last_rotated_at, fingerprint}}, {@code user.*}, {@code jira_access.jira.*},
 * {@code service.name}, {@code jira_access.inventory.source}; {@code @timestamp} is the last update.
 */
public final class CredentialDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialDocuments() {
    }

    /**
     * The whole current state of a token Jira listed: replaces the document. Its {@code jira_access.credential.id}
     * is {@code <owner>/<name>}, readable in Kibana; its {@code _id} the token's {@link InventoryToken#key()}.
     */
    public static IndexDocument inventory(InventoryToken t, boolean managed, Instant listedAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", time(listedAt));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", (t.ownerName() == null ? "?" : t.ownerName()) + "/" + (t.name() == null ? t.tokenId() : t.name()));
        c.put("kind", t.kind());
        c.put("token_id", t.tokenId());
        putIf(c, "name", t.name());
        c.put("status", t.status());
        c.put("managed", managed);
        putIf(c, "created_at", time(t.createdAt()));
        putIf(c, "expires_at", time(t.expiresAt()));
        putIf(c, "last_used_at", time(t.lastUsedAt()));
        Map<String, Object> user = new LinkedHashMap<>();
        putIf(user, "name", t.ownerName());
        putIf(user, "id", t.ownerId());
        putIf(user, "email", t.ownerEmail());
        if (!user.isEmpty()) {
            doc.put("user", user);
        }
        Map<String, Object> jira = new LinkedHashMap<>();
        jira.put("site", t.site());
        if (t.flavor() != null) {
            jira.put("flavor", t.flavor().id());
        }
        doc.put("jira_access", Map.of("credential", c, "jira", jira, "inventory", Map.of("source", t.source())));
        return document(t.key(), doc, IndexDocument.Op.INDEX, "inventory " + t.source());
    }

    /** Marks a token revoked (or expired), keeping everything else the document holds. */
    public static IndexDocument status(String key, String status, Instant at, String location) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", time(at));
        doc.put("jira_access", Map.of("credential", Map.of("status", status)));
        return document(key, doc, IndexDocument.Op.UPSERT, location);
    }

    /** A document of the credentials index with the given fields; {@code _id} derived from {@code key}. */
    static IndexDocument document(String key, Map<String, Object> doc, IndexDocument.Op op, String location) {
        try {
            return new IndexDocument(key, DataContract.CREDENTIALS_INDEX, DocumentIds.of(key),
                    JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8), location, op, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a credential document is plain JSON", e);
        }
    }

    static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
