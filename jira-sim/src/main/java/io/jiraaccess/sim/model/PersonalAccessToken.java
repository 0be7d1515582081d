package io.jiraaccess.sim.model;

import java.time.Instant;

/** A Jira Data Center personal access token, sent as {@code Authorization: Bearer}. */
public final class PersonalAccessToken {

    private final long id;
    private final String name;
    private final String accountId;
    private final String tokenHash;
    private final Instant createdAt;
    private final Instant expiringAt;
    private volatile Instant lastAccessedAt;
    private volatile Instant revokedAt;

    public PersonalAccessToken(long id, String name, String accountId, String tokenHash, Instant createdAt,
                               Instant expiringAt) {
        this.id = id;
        this.name = name;
        this.accountId = accountId;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiringAt = expiringAt;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
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

    /** Null when the token never expires. */
    public Instant expiringAt() {
        return expiringAt;
    }

    public Instant lastAccessedAt() {
        return lastAccessedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public void touch(Instant at) {
        lastAccessedAt = at;
    }

    public void revoke(Instant at) {
        revokedAt = at;
    }

    public boolean isExpired(Instant now) {
        return expiringAt != null && !now.isBefore(expiringAt);
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && !isExpired(now);
    }

    @Override
    public String toString() {
        return "PersonalAccessToken[" + id + ", " + name + "]";
    }
}
