package io.jiraaccess.sim.model;

import java.time.Instant;

/** An Atlassian Cloud API token: used as the password of Basic auth; it has an expiry date. */
public final class ApiToken {

    private final String id;
    private final String label;
    private final String accountId;
    private final String tokenHash;
    private final Instant createdAt;
    private final Instant expiresAt;
    private volatile Instant lastAccess;
    private volatile Instant revokedAt;

    public ApiToken(String id, String label, String accountId, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.label = label;
        this.accountId = accountId;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String accountId() {
        return accountId;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastAccess() {
        return lastAccess;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public void touch(Instant at) {
        lastAccess = at;
    }

    public void revoke(Instant at) {
        revokedAt = at;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** "active", "expired" or "revoked", as the org admin API reports it. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return isExpired(now) ? "expired" : "active";
    }

    @Override
    public String toString() {
        return "ApiToken[" + id + ", " + label + "]";
    }
}
