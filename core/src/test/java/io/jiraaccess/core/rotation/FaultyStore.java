package io.jiraaccess.core.rotation;

import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.StoreException;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Wraps a store and fails the saves a test picks, as a full disk ("No space left on device") or a read-only file
 * system would: the save throws and the previous state stays in place, as {@link CredentialStore#save} promises.
 */
final class FaultyStore implements CredentialStore {
    static final String DISK_FULL = "No space left on device";
    static final String READ_ONLY = "Read-only file system";

    private final CredentialStore delegate;
    private volatile Predicate<CredentialState> failWhen = s -> false;
    private volatile String reason = DISK_FULL;
    private volatile int failedSaves;

    FaultyStore(CredentialStore delegate) {
        this.delegate = delegate;
    }

    /** Fails every save whose new state matches, with {@code reason}. */
    void failSaves(Predicate<CredentialState> when, String why) {
        this.failWhen = when;
        this.reason = why;
    }

    void heal() {
        failWhen = s -> false;
    }

    int failedSaves() {
        return failedSaves;
    }

    @Override
    public Optional<CredentialState> load(String credentialId) {
        return delegate.load(credentialId);
    }

    @Override
    public void save(String credentialId, CredentialState state) {
        if (failWhen.test(state)) {
            failedSaves++;
            throw new StoreException("credential " + credentialId + ": state cannot be written to /fake/store (" + reason
                    + "); the previous state is kept; free disk space or fix permissions");
        }
        delegate.save(credentialId, state);
    }

    @Override
    public void delete(String credentialId) {
        delegate.delete(credentialId);
    }

    @Override
    public List<String> ids() {
        return delegate.ids();
    }

    @Override
    public <T> T withLock(String credentialId, Supplier<T> action) {
        return delegate.withLock(credentialId, action);
    }
}
