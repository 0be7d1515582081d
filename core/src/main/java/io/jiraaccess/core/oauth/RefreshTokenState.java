package io.jiraaccess.core.oauth;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * What the credential store holds for an {@code oauth-refresh-token} credential, under the {@code oauth.} prefix.
 *
 * @param refreshToken  the refresh token believed current; null before the first authorization and once stopped
 * @param generation    how many refresh tokens this store has held for the credential; the current one's number
 * @param inFlight      the generation presented by a refresh whose answer was not persisted yet, or null: set before
 *                      the request is sent, cleared with the rotated token, so a survivor means the answer was lost
 * @param inFlightSince when that refresh started
 * @param stopped       why the credential was stopped (a message without secrets), or null while it works
 * @param stoppedAt     when it was stopped
 * @param seed          hash of the credential spec's {@code refreshToken} this state started from (or that was
 *                      current when {@code oauth authorize} ran): a different token in the spec means someone put in
 *                      a new one, and it replaces this state
 * @param updatedAt     when the refresh token last changed
 */
record RefreshTokenState(SecretValue refreshToken, long generation, Long inFlight, Instant inFlightSince,
                         String stopped, Instant stoppedAt, String seed, Instant updatedAt) {
    static final String PREFIX = "oauth.";
    static final String REFRESH_TOKEN = "oauth.refresh_token";
    static final String GENERATION = "oauth.generation";
    static final String IN_FLIGHT = "oauth.in_flight_generation";
    static final String IN_FLIGHT_SINCE = "oauth.in_flight_since";
    static final String STOPPED = "oauth.stopped_reason";
    static final String STOPPED_AT = "oauth.stopped_at";
    static final String SEED = "oauth.seed_sha256";
    static final String UPDATED_AT = "oauth.updated_at";

    static final RefreshTokenState NONE = new RefreshTokenState(null, 0, null, null, null, null, null, null);

    boolean isStopped() {
        return stopped != null;
    }

    static RefreshTokenState from(String credentialId, CredentialState s) {
        return new RefreshTokenState(s.secret(REFRESH_TOKEN), number(credentialId, s, GENERATION, 0L),
                number(credentialId, s, IN_FLIGHT, null), instant(credentialId, s, IN_FLIGHT_SINCE),
                s.attribute(STOPPED), instant(credentialId, s, STOPPED_AT), s.attribute(SEED),
                instant(credentialId, s, UPDATED_AT));
    }

    /** {@code base} with its {@code oauth.*} entries replaced by this state; other entries are kept. */
    CredentialState into(CredentialState base) {
        CredentialState s = base.without(PREFIX)
                .withSecret(REFRESH_TOKEN, refreshToken)
                .with(GENERATION, Long.toString(generation))
                .with(IN_FLIGHT, inFlight == null ? null : inFlight.toString())
                .with(IN_FLIGHT_SINCE, inFlightSince == null ? null : inFlightSince.toString())
                .with(STOPPED, stopped)
                .with(STOPPED_AT, stoppedAt == null ? null : stoppedAt.toString())
                .with(SEED, seed)
                .with(UPDATED_AT, updatedAt == null ? null : updatedAt.toString());
        return s;
    }

    /** A fresh start from {@code token}: a new generation, nothing in flight, not stopped. */
    RefreshTokenState restart(SecretValue token, String seedHash, Instant now) {
        return new RefreshTokenState(token, generation + 1, null, null, null, null, seedHash, now);
    }

    /** The state just before a refresh with the current token is sent. */
    RefreshTokenState sending(Instant now) {
        return new RefreshTokenState(refreshToken, generation, generation, now, null, null, seed, updatedAt);
    }

    /** The state once the server's answer is in: its refresh token (a new generation if it rotated), nothing in flight. */
    RefreshTokenState rotated(SecretValue next, Instant now) {
        boolean changed = !next.equals(refreshToken);
        return new RefreshTokenState(next, changed ? generation + 1 : generation, null, null, null, null, seed,
                changed ? now : updatedAt);
    }

    /** Stopped: the refused token is dropped (it is useless and still a secret), the reason kept for every caller. */
    RefreshTokenState stop(String reason, Instant now) {
        return new RefreshTokenState(null, generation, null, null, reason, now, seed, updatedAt);
    }

    /** The hash that recognises a spec's refresh token again; hex SHA-256, never reversible to the token. */
    static String seedHash(SecretValue token) {
        if (token == null) {
            return null;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static Long number(String id, CredentialState s, String key, Long dflt) {
        String v = s.attribute(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw corrupt(id, key);
        }
    }

    private static Instant instant(String id, CredentialState s, String key) {
        String v = s.attribute(key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw corrupt(id, key);
        }
    }

    private static StoreException corrupt(String id, String key) {
        return new StoreException("credential " + id + ": the store's " + key + " is not valid; delete the "
                + "credential's state from the store and re-authorize with `jira-access oauth authorize --credential FILE`");
    }
}
