package io.jiraaccess.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store that hands every call to another one; subclasses override the calls they watch or change (the demo notes
 * the secrets saved, tests count loads or fail saves as a full disk would).
 */
public abstract class ForwardingCredentialStore implements CredentialStore {
    private final CredentialStore delegate;

    protected ForwardingCredentialStore(CredentialStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected CredentialStore delegate() {
        return delegate;
    }

    @Override
    public Optional<CredentialState> load(String credentialId) {
        return delegate.load(credentialId);
    }

    @Override
    public void save(String credentialId, CredentialState state) {
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
