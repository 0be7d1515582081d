package io.jiraaccess.daemon.ingest;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.dashboards.CredentialDocument;

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
 *   {@link CredentialDocument#ciKey}): kind, site, owner ({@code user.name}), controller ({@code service.name}),
 *   fingerprint, {@code status: active}; {@code last_used_at} from successful {@code token.used} (the latest in the
 *   batch); {@code last_rotated_at}, {@code token_id}, {@code name}, {@code expires_at} and {@code managed: true}
 *   from {@code credential.rotated}; {@code expires_at} of API tokens; {@code managed} by kind (OAuth tokens are
 *   refreshed: managed; API tokens and Connect secrets: not);</li>
 *   <li>a Jira token (document {@link CredentialDocument#tokenKey}): {@code status: revoked} from a successful
 *   {@code credential.revoked} naming {@code jira_access.credential.token_id} (rotation, enforcement, bulk revoke).</li>
 * </ul>
 * A batch read again after a crash merges the same values again. Across batches merges apply in the order the
 * batches are acknowledged; a replayed older batch may move {@code last_used_at} back until the next use.
 */
final class CredentialUpdates {
    private static final Set<String> OAUTH = Set.of("oauth-client-credentials", "oauth-refresh-token");
    private static final Set<String> UNMANAGED = Set.of("api-token", "connect-jwt");

    /** One merge: the credentials-index key and the fields to merge. */
    record Merge(String key, CredentialDocument document) {
    }

    private final String inventorySource;
    private final Map<String, CredentialDocument.Builder> merges = new LinkedHashMap<>();

    /** @param inventorySource {@code jira_access.inventory.source} of CI credentials: {@code jenkins} or {@code cli} */
    CredentialUpdates(String inventorySource) {
        this.inventorySource = inventorySource;
    }

    /** Notes what an event with these fields says about credentials. */
    void observe(CredentialFacts e) {
        String action = e.action();
        Instant at = e.timestamp();
        if (action == null || at == null) {
            return;
        }
        String site = e.site();
        String kind = e.kind();
        String tokenId = e.tokenId();
        if ("credential.revoked".equals(action) && "success".equals(e.outcome()) && site != null && kind != null
                && tokenId != null) {
            // the token may never be listed again (revoked before the inventory saw it): the merge names it too
            String name = e.name();
            String owner = e.userName();
            merge(CredentialDocument.tokenKey(site, kind, tokenId), at)
                    .status(CredentialDocument.REVOKED).kind(kind).tokenId(tokenId).name(name)
                    .id(owner != null && name != null ? owner + "/" + name : null).userName(owner).site(site)
                    .inventorySource("pat".equals(kind) ? CredentialDocument.DC_PAT : CredentialDocument.CLOUD_ORG);
        }
        String dataset = e.dataset();
        String id = e.credentialId();
        if (id == null || site == null || !(dataset == null || AuditEvent.DATASET_CI.equals(dataset))) {
            return;
        }
        CredentialDocument.Builder c = merge(CredentialDocument.ciKey(site, id), at)
                .id(id).kind(kind).fingerprint(e.fingerprint()).site(site).flavor(e.flavor())
                .inventorySource(inventorySource).userName(e.userName()).serviceName(e.serviceName());
        if (kind != null && OAUTH.contains(kind)) {
            c.managed(true);
        } else if (kind != null && UNMANAGED.contains(kind)) {
            c.managed(false);
        }
        if ("api-token".equals(kind)) {
            c.expiresAt(e.expiry());
        }
        boolean success = "success".equals(e.outcome());
        switch (action) {
            case "token.used", "token.issued", "token.refreshed" -> {
                if (success) {
                    c.status(CredentialDocument.ACTIVE);
                    if ("token.used".equals(action)) {
                        c.lastUsedAt(later(c.lastUsedAt(), at));
                    }
                }
            }
            case "credential.rotated" -> c.status(CredentialDocument.ACTIVE).managed(true)
                    .lastRotatedAt(later(c.lastRotatedAt(), at)).tokenId(tokenId).name(e.name())
                    .expiresAt(e.expiry());
            default -> {
                // other actions only confirm the credential exists
            }
        }
    }

    /** One merge per credential seen since construction, in first-seen order. */
    List<Merge> merges() {
        return merges(null, true);
    }

    /**
     * The merges of {@link #merges()} that say something new since the source's poll began ({@link SentMerges}),
     * or all of them when {@code sent} is null; with {@code lastOfPoll}, also every merge held back earlier in the
     * poll, so the poll leaves each credential's latest state behind.
     */
    List<Merge> merges(SentMerges sent, boolean lastOfPoll) {
        List<Merge> out = new ArrayList<>(merges.size());
        merges.forEach((key, merge) -> {
            CredentialDocument doc = merge.build();
            if (sent == null || sent.isNews(key, doc)) {
                out.add(new Merge(key, doc));
            }
        });
        if (sent != null && lastOfPoll) {
            sent.takeHeldBack().forEach((key, doc) -> out.add(new Merge(key, doc)));
        }
        return out;
    }

    boolean isEmpty() {
        return merges.isEmpty();
    }

    /** The merge of {@code key}, whose {@code @timestamp} is the latest event time that went into it. */
    private CredentialDocument.Builder merge(String key, Instant at) {
        CredentialDocument.Builder b = merges.computeIfAbsent(key, k -> CredentialDocument.builder());
        return b.updatedAt(later(b.updatedAt(), at));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
