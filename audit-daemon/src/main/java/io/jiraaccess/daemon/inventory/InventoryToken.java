package io.jiraaccess.daemon.inventory;

import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.dashboards.CredentialDocument;

import java.time.Instant;
import java.util.Objects;

/**
 * One token as Jira's inventory lists it: a Data Center personal access token (admin token search) or an Atlassian
 * Cloud API token (org admin API). Never its secret: Jira does not show it again after creation.
 *
 * @param site       the Jira site (base URL) the token works on
 * @param source     {@link #DC_PAT} or {@link #CLOUD_ORG}
 * @param tokenId    Jira's id of the token
 * @param name       its name (PAT) or label (API token)
 * @param ownerName  the owner's username (Data Center) or display name (Cloud)
 * @param ownerId    the owner's key (Data Center) or account id (Cloud), when known
 * @param expiresAt  null when it never expires
 * @param lastUsedAt null when Jira has not seen it used
 * @param status     {@code active}, {@code expired} or {@code revoked}
 */
public record InventoryToken(String site, JiraFlavor flavor, String source, String tokenId, String name, String ownerName,
                             String ownerId, String ownerEmail, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                             String status) {
    /** Inventory source of Data Center PATs ({@code jira_access.inventory.source}). */
    public static final String DC_PAT = CredentialDocument.DC_PAT;
    /** Inventory source of Atlassian Cloud API tokens. */
    public static final String CLOUD_ORG = CredentialDocument.CLOUD_ORG;
    public static final String ACTIVE = CredentialDocument.ACTIVE;
    public static final String EXPIRED = CredentialDocument.EXPIRED;
    public static final String REVOKED = CredentialDocument.REVOKED;

    public InventoryToken {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(status, "status");
    }

    /** {@code pat} or {@code api-token}: the credential kind of the token. */
    public String kind() {
        return DC_PAT.equals(source) ? "pat" : "api-token";
    }

    /** The stable key of the token: its credentials-index {@code _id}, the base of its event ids. */
    public String key() {
        return key(site, kind(), tokenId);
    }

    public static String key(String site, String kind, String tokenId) {
        return CredentialDocument.tokenKey(site, kind, tokenId);
    }

    /**
     * The token's whole current state for the credentials index, listed at {@code listedAt}: its
     * {@code jira_access.credential.id} is {@code <owner>/<name>}, readable in Kibana.
     */
    public CredentialDocument document(boolean managed, Instant listedAt) {
        return CredentialDocument.builder().updatedAt(listedAt)
                .id((ownerName == null ? "?" : ownerName) + "/" + (name == null ? tokenId : name))
                .kind(kind()).tokenId(tokenId).name(name).status(status).managed(managed).createdAt(createdAt)
                .expiresAt(expiresAt).lastUsedAt(lastUsedAt).userName(ownerName).userId(ownerId).userEmail(ownerEmail)
                .site(site).flavor(flavor == null ? null : flavor.id()).inventorySource(source).build();
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The same token with another status (after a revocation). */
    public InventoryToken withStatus(String newStatus) {
        return new InventoryToken(site, flavor, source, tokenId, name, ownerName, ownerId, ownerEmail, createdAt,
                expiresAt, lastUsedAt, newStatus);
    }

    @Override
    public String toString() {
        return kind() + " " + tokenId + " '" + name + "' of " + ownerName + " on " + site;
    }
}
