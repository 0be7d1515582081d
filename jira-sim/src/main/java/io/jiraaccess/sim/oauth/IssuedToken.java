package io.jiraaccess.sim.oauth;

import io.jiraaccess.sim.auth.Flavor;
import java.time.Instant;
import java.util.Set;

/**
 * An access or refresh token the simulator issued, known by hash. A refresh token belongs to a family
 * (one authorization); reuse of a rotated one outside the leeway revokes the whole family.
 */
public final class IssuedToken {

    private final String hash;
    private final String clientId;
    private final String accountId;
    private final Set<String> scopes;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String familyId;
    private final Flavor flavor;
    private volatile Instant rotatedAt;
    private volatile boolean revoked;

    public IssuedToken(String hash, String clientId, String accountId, Set<String> scopes, Instant issuedAt,
                       Instant expiresAt, String familyId, Flavor flavor) {
        this.hash = hash;
        this.clientId = clientId;
        this.accountId = accountId;
        this.scopes = Set.copyOf(scopes);
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.familyId = familyId;
        this.flavor = flavor;
    }

    public String hash() {
        return hash;
    }

    public String clientId() {
        return clientId;
    }

    public String accountId() {
        return accountId;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Null for client-credentials tokens, which have no refresh token. */
    public String familyId() {
        return familyId;
    }

    public Flavor flavor() {
        return flavor;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public void rotated(Instant at) {
        rotatedAt = at;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public void revoke() {
        revoked = true;
    }

    public boolean isLive(Instant now) {
        return !revoked && now.isBefore(expiresAt);
    }
}
