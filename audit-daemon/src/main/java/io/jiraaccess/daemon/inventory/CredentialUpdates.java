package io.jiraaccess.daemon.inventory;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IsoInstants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credential state that CI events change, as merges into the credentials index, collected over one batch (one
 * merge per credential, so a busy credential costs one update per batch, not one per use):
 * <ul>
 *   <li>a CI credential ({@code jira_access.ci} events with {@code jira_access.credential.id}; document
 *   {@code ci|<site>|<credential id>}): kind, site, owner ({@code user.name}), controller ({@code service.name}),
 *   fingerprint, {@code status: active}; {@code last_used_at} from successful {@code token.used} (the latest in the
 *   batch); {@code last_rotated_at}, {@code token_id}, {@code name}, {@code expires_at} and {@code managed: true}
 *   from {@code credential.rotated}; {@code expires_at} of API tokens; {@code managed} by kind (OAuth tokens are
 *   refreshed: managed; API tokens and Connect secrets: not);</li>
 *   <li>a Jira token (document {@link InventoryToken#key}): {@code status: revoked} from a successful
 *   {@code credential.revoked} naming {@code jira_access.credential.token_id} (rotation, enforcement, bulk revoke).</li>
 * </ul>
 * A batch read again after a crash merges the same values again. Across batches merges apply in the order the
 * batches are acknowledged; a replayed older batch may move {@code last_used_at} back until the next use.
 */
public final class CredentialUpdates {
    private static final Set<String> OAUTH = Set.of("oauth-client-credentials", "oauth-refresh-token");
    private static final Set<String> UNMANAGED = Set.of("api-token", "connect-jwt");

    private final String inventorySource;
    private final Map<String, Map<String, Object>> merges = new LinkedHashMap<>();
    private final Map<String, Instant> times = new LinkedHashMap<>();

    /** @param inventorySource {@code jira_access.inventory.source} of CI credentials: {@code jenkins} or {@code cli} */
    public CredentialUpdates(String inventorySource) {
        this.inventorySource = inventorySource;
    }

    /** Notes what {@code e} says about credentials. */
    public void observe(AuditEvent e) {
        observe(CredentialFacts.of(e));
    }

    /** Notes what an event with these fields says about credentials. */
    public void observe(CredentialFacts e) {
        String action = e.action();
        if (action == null) {
            return;
        }
        Instant at = timestamp(e.timestamp());
        if (at == null) {
            return;
        }
        String site = e.site();
        String kind = e.kind();
        String tokenId = e.tokenId();
        if ("credential.revoked".equals(action) && "success".equals(e.outcome()) && site != null && kind != null
                && tokenId != null) {
            // the token may never be listed again (revoked before the inventory saw it): the merge names it too
            Map<String, Object> doc = merge(InventoryToken.key(site, kind, tokenId), at);
            Map<String, Object> c = credential(doc);
            c.put("status", InventoryToken.REVOKED);
            c.put("kind", kind);
            c.put("token_id", tokenId);
            String name = e.name();
            String owner = e.userName();
            putIf(c, "name", name);
            if (owner != null && name != null) {
                c.put("id", owner + "/" + name);
            }
            putIfAbsent(doc, "user", owner, "name");
            Map<String, Object> ja = jiraAccess(doc);
            ja.put("jira", Map.of("site", site));
            ja.put("inventory", Map.of("source", "pat".equals(kind) ? InventoryToken.DC_PAT : InventoryToken.CLOUD_ORG));
        }
        String dataset = e.dataset();
        String id = e.credentialId();
        if (id == null || site == null || !(dataset == null || AuditEvent.DATASET_CI.equals(dataset))) {
            return;
        }
        Map<String, Object> doc = merge("ci|" + site + "|" + id, at);
        Map<String, Object> c = credential(doc);
        c.put("id", id);
        putIf(c, "kind", kind);
        putIf(c, "fingerprint", e.fingerprint());
        if (kind != null && OAUTH.contains(kind)) {
            c.put("managed", true);
        } else if (kind != null && UNMANAGED.contains(kind)) {
            c.put("managed", false);
        }
        if ("api-token".equals(kind)) {
            putIf(c, "expires_at", e.expiresAt());
        }
        Map<String, Object> ja = jiraAccess(doc);
        Map<String, Object> jira = new LinkedHashMap<>();
        jira.put("site", site);
        putIf(jira, "flavor", e.flavor());
        ja.put("jira", jira);
        ja.put("inventory", Map.of("source", inventorySource));
        putIfAbsent(doc, "user", e.userName(), "name");
        putIfAbsent(doc, "service", e.serviceName(), "name");
        boolean success = "success".equals(e.outcome());
        switch (action) {
            case "token.used", "token.issued", "token.refreshed" -> {
                if (success) {
                    c.put("status", InventoryToken.ACTIVE);
                    if ("token.used".equals(action)) {
                        latest(c, "last_used_at", at);
                    }
                }
            }
            case "credential.rotated" -> {
                c.put("status", InventoryToken.ACTIVE);
                c.put("managed", true);
                latest(c, "last_rotated_at", at);
                putIf(c, "token_id", tokenId);
                putIf(c, "name", e.name());
                putIf(c, "expires_at", e.expiresAt());
            }
            default -> {
                // other actions only confirm the credential exists
            }
        }
    }

    /** One merge per credential seen since construction, in first-seen order. */
    public List<IndexDocument> documents() {
        return documents(null, true);
    }

    /**
     * The merges of {@link #documents()} that say something new since the source's poll began ({@link SentMerges}),
     * or all of them when {@code sent} is null; with {@code lastOfPoll}, also every merge held back earlier in the poll,
     * so the poll leaves each credential's latest state behind.
     */
    public List<IndexDocument> documents(SentMerges sent, boolean lastOfPoll) {
        List<IndexDocument> out = new ArrayList<>(merges.size());
        merges.forEach((key, merge) -> {
            Map<String, Object> doc = written(merge);
            doc.put("@timestamp", CredentialDocuments.time(times.get(key)));
            if (sent == null || sent.isNews(key, doc)) {
                out.add(CredentialDocuments.document(key, doc, IndexDocument.Op.UPSERT, "credential state from events"));
            }
        });
        if (sent != null && lastOfPoll) {
            sent.takeHeldBack().forEach((key, doc) -> out.add(CredentialDocuments.document(key, doc, IndexDocument.Op.UPSERT,
                    "credential state from events")));
        }
        return out;
    }

    /** A copy of a merge with its times written out (ISO-8601). */
    private static Map<String, Object> written(Map<String, Object> merge) {
        Map<String, Object> doc = new LinkedHashMap<>(merge);
        if (doc.get("jira_access") instanceof Map<?, ?> ja && ja.get("credential") instanceof Map<?, ?> credential) {
            Map<String, Object> c = new LinkedHashMap<>();
            credential.forEach((k, v) -> c.put((String) k, v instanceof Instant t ? CredentialDocuments.time(t) : v));
            Map<String, Object> jiraAccess = new LinkedHashMap<>();
            ja.forEach((k, v) -> jiraAccess.put((String) k, v));
            jiraAccess.put("credential", c);
            doc.put("jira_access", jiraAccess);
        }
        return doc;
    }

    public boolean isEmpty() {
        return merges.isEmpty();
    }

    private Map<String, Object> merge(String key, Instant at) {
        times.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
        return merges.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jiraAccess(Map<String, Object> doc) {
        return (Map<String, Object>) doc.computeIfAbsent("jira_access", k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credential(Map<String, Object> doc) {
        return (Map<String, Object>) jiraAccess(doc).computeIfAbsent("credential", k -> new LinkedHashMap<String, Object>());
    }

    /** Keeps the later time, as an {@link Instant} until {@link #documents} writes it. */
    private static void latest(Map<String, Object> c, String field, Instant at) {
        Object old = c.get(field);
        if (old == null || ((Instant) old).isBefore(at)) {
            c.put(field, at);
        }
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static void putIfAbsent(Map<String, Object> doc, String object, String value, String field) {
        if (value != null) {
            ((Map<String, Object>) doc.computeIfAbsent(object, k -> new LinkedHashMap<String, Object>())).put(field, value);
        }
    }

    /** As {@link AuditEvent#timestamp()} reads it: an ISO-8601 instant, else null (epoch milliseconds included). */
    private static Instant timestamp(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            return IsoInstants.parse(ts);
        } catch (RuntimeException notIso) {
            return null;
        }
    }
}
