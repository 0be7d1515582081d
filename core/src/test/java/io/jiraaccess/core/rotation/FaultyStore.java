package io.jiraaccess.core.rotation;

import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.ForwardingCredentialStore;
import io.jiraaccess.core.store.StoreException;

import java.util.function.Predicate;

/**
 * Wraps a store and fails the saves a test picks, as a full disk ("No space left on device") or a read-only file
 * system would: the save throws and the previous state stays in place, as {@link CredentialStore#save} promises.
 */
final class FaultyStore extends ForwardingCredentialStore {
    static final String DISK_FULL = "No space left on device";
    static final String READ_ONLY = "Read-only file system";

    private volatile Predicate<CredentialState> failWhen = s -> false;
    private volatile String reason = DISK_FULL;
    private volatile int failedSaves;

    FaultyStore(CredentialStore delegate) {
        super(delegate);
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
    public void save(String credentialId, CredentialState state) {
        if (failWhen.test(state)) {
            failedSaves++;
            throw new StoreException("credential " + credentialId + ": state cannot be written to /fake/store (" + reason
                    + "); the previous state is kept; free disk space or fix permissions");
        }
        super.save(credentialId, state);
    }
}
