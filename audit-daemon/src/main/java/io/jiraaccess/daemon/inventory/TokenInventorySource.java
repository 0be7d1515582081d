package io.jiraaccess.daemon.inventory;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.jira.RateLimitedException;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.dashboards.CredentialDocument;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Jira token inventory as a source of the credentials index: each poll lists every token and writes one document per
 * token (its whole current state: status, created, expires, last used, owner, managed). A token that was listed
 * before and is gone now (Data Center lists live tokens only) is marked {@code revoked}. A token listed for the first
 * time is also an event, {@code token.issued} in {@code jira_access.inventory} at its creation time. The position is
 * the set of token ids of the last acknowledged listing.
 */
public final class TokenInventorySource implements EventSource {
    private final String name;
    private final TokenInventory inventory;
    private final ManagedTokens managed;
    private final String service;
    private final Clock clock;

    /** @param service {@code service.name} of the {@code token.issued} events: the daemon's own */
    public TokenInventorySource(String name, TokenInventory inventory, ManagedTokens managed, String service,
                                Clock clock) {
        this.name = name;
        this.inventory = inventory;
        this.managed = managed;
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "jira-" + name + "-tokens";
    }

    @Override
    public String kind() {
        return InventoryToken.DC_PAT.equals(inventory.source()) ? "jira-dc-pat-inventory" : "jira-cloud-token-inventory";
    }

    @Override
    public SourceBatch read(String position, int maxRecords) {
        List<InventoryToken> tokens = list();
        Instant now = clock.instant();
        ManagedTokens.Judge judge = managed.judge();
        List<SourceRecord> records = new ArrayList<>(tokens.size());
        Set<String> ids = new TreeSet<>();
        Set<String> known = decode(position);
        for (InventoryToken t : tokens) {
            records.add(new SourceRecord.Credential(t.key(), t.document(judge.managed(t), now), true,
                    "inventory " + t.source()));
            ids.add(t.tokenId());
            if (!known.contains(t.tokenId()) && t.createdAt() != null) {
                records.add(new SourceRecord.Event(issued(t, service), id() + " token " + t.tokenId()));
            }
        }
        String kind = InventoryToken.DC_PAT.equals(inventory.source()) ? "pat" : "api-token";
        for (String gone : known) {
            if (!ids.contains(gone)) {
                records.add(new SourceRecord.Credential(InventoryToken.key(inventory.site(), kind, gone),
                        CredentialDocument.builder().updatedAt(now).status(InventoryToken.REVOKED).build(), false,
                        id() + ": no longer listed"));
            }
        }
        return SourceBatch.of(records, encode(ids), true, null);
    }

    /**
     * {@code token.issued} ({@code jira_access.inventory}) for a token the inventory lists for the first time, at its
     * creation: {@code event.id = <site>:<token id>:active}.
     */
    static AuditEvent issued(InventoryToken t, String service) {
        return AuditEvent.builder(EventAction.TOKEN_ISSUED, t.createdAt())
                .id(t.site() + ":" + t.tokenId() + ":active")
                .dataset(AuditEvent.DATASET_INVENTORY)
                .outcome(true)
                .service(service)
                .jira(t.site(), t.flavor() == null ? null : t.flavor().id())
                .user(t.ownerName(), t.ownerId())
                .set("user.email", t.ownerEmail())
                .set("jira_access.credential.kind", t.kind())
                .set("jira_access.credential.token_id", t.tokenId())
                .set("jira_access.credential.name", t.name())
                .set("jira_access.credential.created_at", t.createdAt())
                .set("jira_access.credential.expires_at", t.expiresAt())
                .message(t + ": listed by the " + t.source() + " inventory")
                .build();
    }

    private List<InventoryToken> list() {
        String what = "Jira " + name + " token inventory";
        try {
            return inventory.list();
        } catch (RateLimitedException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage(), e.retryAfter(), e);
        } catch (PolicyViolationException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage());
        } catch (JiraAccessException e) {
            throw new SourceUnavailableException(what + ": " + e.getMessage(), null, e);
        }
    }

    static String encode(Set<String> ids) {
        return "tokens:" + ids.stream().map(i -> URLEncoder.encode(i, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    Set<String> decode(String position) {
        if (position == null || position.isEmpty()) {
            return Set.of();
        }
        if (!position.startsWith("tokens:")) {
            throw new IllegalStateException("the cursor of " + id() + " is not a token list; delete it (the next "
                    + "listing rewrites every token's document)");
        }
        String rest = position.substring("tokens:".length());
        if (rest.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(rest.split(",")).map(i -> URLDecoder.decode(i, StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
