package io.jiraaccess.dashboards;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document of the credentials index ({@link DataContract#CREDENTIALS_INDEX}): one per credential, its current state,
 * {@code _id} its stable key ({@link #tokenKey}, {@link #ciKey}), {@code @timestamp} the last update. Build documents
 * here rather than by hand: a field left null is left out of {@link #toDocument()}, so the same shape serves as the
 * whole state of a credential and as the fields to merge into one (Elasticsearch merges objects field by field).
 *
 * @param updatedAt       {@code @timestamp}
 * @param id              {@code jira_access.credential.id}
 * @param status          {@code jira_access.credential.status}: {@link #ACTIVE}, {@link #EXPIRED}, {@link #REVOKED},
 *                        {@link #STOPPED}
 * @param inventorySource {@code jira_access.inventory.source}: {@link #DC_PAT}, {@link #CLOUD_ORG}, {@link #JENKINS},
 *                        {@link #CLI}
 */
public record CredentialDocument(Instant updatedAt, String id, String kind, String tokenId, String name, String status,
                                 Boolean managed, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                                 Instant lastRotatedAt, String fingerprint, String userName, String userId,
                                 String userEmail, String site, String flavor, String serviceName,
                                 String inventorySource) {
    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
    public static final String STOPPED = "stopped";
    /** Data Center personal access tokens, listed by Jira. */
    public static final String DC_PAT = "dc_pat";
    /** Atlassian Cloud API tokens, listed by the organization admin API. */
    public static final String CLOUD_ORG = "cloud_org";
    /** Credentials known from a Jenkins controller's events. */
    public static final String JENKINS = "jenkins";
    /** Credentials known from CI runs of the CLI (spooled events). */
    public static final String CLI = "cli";

    /** The key of a token Jira lists: {@code <site>|<kind>|<token id>}. */
    public static String tokenKey(String site, String kind, String tokenId) {
        return site + "|" + kind + "|" + tokenId;
    }

    /** The key of a credential CI events name: {@code ci|<site>|<credential id>}. */
    public static String ciKey(String site, String credentialId) {
        return "ci|" + site + "|" + credentialId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same document without its times of change ({@code @timestamp}, last used, last rotated). */
    public CredentialDocument withoutTimes() {
        return new CredentialDocument(null, id, kind, tokenId, name, status, managed, createdAt, expiresAt, null, null,
                fingerprint, userName, userId, userEmail, site, flavor, serviceName, inventorySource);
    }

    /** The document to index; null fields are left out. */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        put(doc, "@timestamp", time(updatedAt));
        Map<String, Object> credential = new LinkedHashMap<>();
        put(credential, "id", id);
        put(credential, "kind", kind);
        put(credential, "token_id", tokenId);
        put(credential, "name", name);
        put(credential, "status", status);
        put(credential, "managed", managed);
        put(credential, "created_at", time(createdAt));
        put(credential, "expires_at", time(expiresAt));
        put(credential, "last_used_at", time(lastUsedAt));
        put(credential, "last_rotated_at", time(lastRotatedAt));
        put(credential, "fingerprint", fingerprint);
        Map<String, Object> user = new LinkedHashMap<>();
        put(user, "name", userName);
        put(user, "id", userId);
        put(user, "email", userEmail);
        put(doc, "user", user);
        Map<String, Object> service = new LinkedHashMap<>();
        put(service, "name", serviceName);
        put(doc, "service", service);
        Map<String, Object> jiraAccess = new LinkedHashMap<>();
        put(jiraAccess, "credential", credential);
        Map<String, Object> jira = new LinkedHashMap<>();
        put(jira, "site", site);
        put(jira, "flavor", flavor);
        put(jiraAccess, "jira", jira);
        Map<String, Object> inventory = new LinkedHashMap<>();
        put(inventory, "source", inventorySource);
        put(jiraAccess, "inventory", inventory);
        put(doc, "jira_access", jiraAccess);
        return doc;
    }

    private static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null && !(value instanceof Map<?, ?> child && child.isEmpty())) {
            m.put(key, value);
        }
    }

    /** Builds a document field by field; a null argument leaves the field as it is. */
    public static final class Builder {
        private Instant updatedAt;
        private String id;
        private String kind;
        private String tokenId;
        private String name;
        private String status;
        private Boolean managed;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant lastUsedAt;
        private Instant lastRotatedAt;
        private String fingerprint;
        private String userName;
        private String userId;
        private String userEmail;
        private String site;
        private String flavor;
        private String serviceName;
        private String inventorySource;

        private Builder() {
        }

        private Builder(CredentialDocument d) {
            updatedAt = d.updatedAt;
            id = d.id;
            kind = d.kind;
            tokenId = d.tokenId;
            name = d.name;
            status = d.status;
            managed = d.managed;
            createdAt = d.createdAt;
            expiresAt = d.expiresAt;
            lastUsedAt = d.lastUsedAt;
            lastRotatedAt = d.lastRotatedAt;
            fingerprint = d.fingerprint;
            userName = d.userName;
            userId = d.userId;
            userEmail = d.userEmail;
            site = d.site;
            flavor = d.flavor;
            serviceName = d.serviceName;
            inventorySource = d.inventorySource;
        }

        /** {@code @timestamp}. */
        public Builder updatedAt(Instant v) {
            updatedAt = v != null ? v : updatedAt;
            return this;
        }

        public Builder id(String v) {
            id = v != null ? v : id;
            return this;
        }

        public Builder kind(String v) {
            kind = v != null ? v : kind;
            return this;
        }

        public Builder tokenId(String v) {
            tokenId = v != null ? v : tokenId;
            return this;
        }

        public Builder name(String v) {
            name = v != null ? v : name;
            return this;
        }

        public Builder status(String v) {
            status = v != null ? v : status;
            return this;
        }

        public Builder managed(Boolean v) {
            managed = v != null ? v : managed;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v != null ? v : createdAt;
            return this;
        }

        public Builder expiresAt(Instant v) {
            expiresAt = v != null ? v : expiresAt;
            return this;
        }

        public Builder lastUsedAt(Instant v) {
            lastUsedAt = v != null ? v : lastUsedAt;
            return this;
        }

        public Builder lastRotatedAt(Instant v) {
            lastRotatedAt = v != null ? v : lastRotatedAt;
            return this;
        }

        public Builder fingerprint(String v) {
            fingerprint = v != null ? v : fingerprint;
            return this;
        }

        public Builder userName(String v) {
            userName = v != null ? v : userName;
            return this;
        }

        public Builder userId(String v) {
            userId = v != null ? v : userId;
            return this;
        }

        public Builder userEmail(String v) {
            userEmail = v != null ? v : userEmail;
            return this;
        }

        public Builder site(String v) {
            site = v != null ? v : site;
            return this;
        }

        public Builder flavor(String v) {
            flavor = v != null ? v : flavor;
            return this;
        }

        public Builder serviceName(String v) {
            serviceName = v != null ? v : serviceName;
            return this;
        }

        public Builder inventorySource(String v) {
            inventorySource = v != null ? v : inventorySource;
            return this;
        }

        public Instant lastUsedAt() {
            return lastUsedAt;
        }

        public Instant lastRotatedAt() {
            return lastRotatedAt;
        }

        public Instant updatedAt() {
            return updatedAt;
        }

        public CredentialDocument build() {
            return new CredentialDocument(updatedAt, id, kind, tokenId, name, status, managed, createdAt, expiresAt,
                    lastUsedAt, lastRotatedAt, fingerprint, userName, userId, userEmail, site, flavor, serviceName,
                    inventorySource);
        }
    }
}
