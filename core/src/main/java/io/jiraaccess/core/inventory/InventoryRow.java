package io.jiraaccess.core.inventory;

import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.upkeep.UpkeepPlanner;

import java.time.Instant;

/**
 * One line of a credential inventory, as an administrator sees it: nothing secret.
 *
 * @param expiresAt    when the long-lived secret expires, when known
 * @param lastRenewed  last rotation or refresh, when one happened
 * @param lastUsed     last use by a pipeline, when one happened
 * @param managed      true when the CI rotates or refreshes it
 * @param revoked      true when an administrator revoked it here
 * @param lastFailure  the last rotation or refresh failure still standing, or null
 */
public record InventoryRow(String id, String kind, String site, String owner, Instant expiresAt, Instant lastRenewed,
                           Instant lastUsed, boolean managed, boolean revoked, String lastFailure) {
    /** State attribute: set when an administrator revoked the credential; pipelines refuse it from then on. */
    public static final String REVOKED_AT = "inventory.revokedAt";
    /** State attribute: the last rotation or refresh failure message (no secret), cleared by a success. */
    public static final String LAST_FAILURE = "inventory.lastFailure";

    public static InventoryRow of(CredentialSpec spec, CredentialState state, Instant lastUsed) {
        CredentialState s = state == null ? CredentialState.EMPTY : state;
        Instant expires = UpkeepPlanner.instant(s, UpkeepPlanner.EXPIRES_AT);
        if (expires == null && spec instanceof ApiTokenSpec api) {
            expires = api.expiresAt();
        }
        boolean managed = spec.kind().isOAuth() || (spec instanceof PatSpec pat && pat.rotation().managed());
        return new InventoryRow(spec.id(), spec.kind().id(), spec.common().siteBase(), spec.common().owner(), expires,
                UpkeepPlanner.instant(s, UpkeepPlanner.LAST_RENEWED), lastUsed, managed, s.attribute(REVOKED_AT) != null,
                s.attribute(LAST_FAILURE));
    }
}
