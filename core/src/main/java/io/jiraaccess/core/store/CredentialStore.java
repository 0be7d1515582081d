package io.jiraaccess.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Durable state of managed credentials: rotated PATs, rotated refresh tokens, rotation progress. A rotated secret
 * is saved here before the old one is given up, so {@link #save} must be durable when it returns.
 * Implementations: {@link FileCredentialStore} (CLI, daemon), the Jenkins credentials store (plugin), memory (tests).
 */
public interface CredentialStore {
    Optional<CredentialState> load(String credentialId);

    /**
     * Replaces the credential's state, durably: when this returns, a crash does not lose it.
     *
     * @throws StoreException when the state cannot be written; the previous state is then still in place
     */
    void save(String credentialId, CredentialState state);

    void delete(String credentialId);

    List<String> ids();

    /**
     * Runs {@code action} while holding the credential's exclusive lock: across threads, and for stores shared by
     * processes (two pipelines refreshing one OAuth credential) across processes too.
     */
    <T> T withLock(String credentialId, Supplier<T> action);

    /**
     * Where the credential lives, as part of the token broker's cache keys: two credentials with the same id in
     * different stores (a folder's and the system's) never share a cached token. By default this store object.
     */
    default String scope(String credentialId) {
        return getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
