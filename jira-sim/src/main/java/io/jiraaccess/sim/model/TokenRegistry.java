package io.jiraaccess.sim.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Data Center personal access tokens and Cloud API tokens, found by the hash of their secret. */
public final class TokenRegistry {

    /** A freshly minted PAT: the only moment its raw value exists in the simulator. */
    public record MintedPat(PersonalAccessToken token, String rawToken) {
    }

    private final Map<Long, PersonalAccessToken> pats = new LinkedHashMap<>();
    private final Map<String, PersonalAccessToken> patsByHash = new LinkedHashMap<>();
    private final Map<String, ApiToken> apiTokens = new LinkedHashMap<>();
    private final Map<String, ApiToken> apiTokensByHash = new LinkedHashMap<>();
    private long nextPatId = 100;
    private long nextApiTokenNumber = 1;

    public synchronized MintedPat mintPat(String accountId, String name, Instant createdAt, Instant expiringAt) {
        long id = nextPatId++;
        // Jira's raw PATs are Base64 of "<12 digit id>:<random bytes>"; the shape makes them look real in logs
        byte[] prefix = String.format(Locale.ROOT, "%012d:", id * 7919L).getBytes(StandardCharsets.US_ASCII);
        byte[] random = Secrets.randomBytes(21);
        byte[] all = new byte[prefix.length + random.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(random, 0, all, prefix.length, random.length);
        String raw = Base64.getEncoder().withoutPadding().encodeToString(all);
        PersonalAccessToken token = new PersonalAccessToken(id, name, accountId, Secrets.hash(raw), createdAt, expiringAt);
        pats.put(id, token);
        patsByHash.put(token.tokenHash(), token);
        return new MintedPat(token, raw);
    }

    public synchronized Optional<PersonalAccessToken> patBySecret(String raw) {
        return Optional.ofNullable(patsByHash.get(Secrets.hash(raw)));
    }

    public synchronized Optional<PersonalAccessToken> pat(long id) {
        return Optional.ofNullable(pats.get(id));
    }

    /** Every PAT ever created, revoked ones included, in creation order. */
    public synchronized List<PersonalAccessToken> allPats() {
        return new ArrayList<>(pats.values());
    }

    public synchronized List<PersonalAccessToken> patsOf(String accountId) {
        return pats.values().stream().filter(t -> t.accountId().equals(accountId)).toList();
    }

    public synchronized ApiToken addApiToken(String accountId, String label, String rawToken, Instant createdAt,
                                             Instant expiresAt) {
        String hash = Secrets.hash(rawToken);
        if (apiTokensByHash.containsKey(hash)) {
            throw new IllegalArgumentException("that API token value is already registered");
        }
        // Atlassian token ids are UUIDs; a deterministic-looking one keeps test output readable
        String id = String.format(Locale.ROOT, "0b7c%04x-51a1-4c5e-9d3a-%012x", nextApiTokenNumber, nextApiTokenNumber);
        nextApiTokenNumber++;
        ApiToken token = new ApiToken(id, label, accountId, hash, createdAt, expiresAt);
        apiTokens.put(id, token);
        apiTokensByHash.put(hash, token);
        return token;
    }

    public synchronized Optional<ApiToken> apiTokenBySecret(String raw) {
        return Optional.ofNullable(apiTokensByHash.get(Secrets.hash(raw)));
    }

    public synchronized Optional<ApiToken> apiToken(String id) {
        return Optional.ofNullable(apiTokens.get(id));
    }

    public synchronized List<ApiToken> allApiTokens() {
        return new ArrayList<>(apiTokens.values());
    }

    public synchronized List<ApiToken> apiTokensOf(String accountId) {
        return apiTokens.values().stream().filter(t -> t.accountId().equals(accountId)).toList();
    }

    public synchronized void clear() {
        pats.clear();
        patsByHash.clear();
        apiTokens.clear();
        apiTokensByHash.clear();
        nextPatId = 100;
        nextApiTokenNumber = 1;
    }
}
