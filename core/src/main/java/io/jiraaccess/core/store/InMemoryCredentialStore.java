package io.jiraaccess.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A store in memory: for tests and for callers whose credentials are not rotated. */
public final class InMemoryCredentialStore implements CredentialStore {
    private final Map<String, CredentialState> states = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<CredentialState> load(String credentialId) {
        return Optional.ofNullable(states.get(credentialId));
    }

    @Override
    public void save(String credentialId, CredentialState state) {
        states.put(credentialId, state);
    }

    @Override
    public void delete(String credentialId) {
        states.remove(credentialId);
    }

    @Override
    public List<String> ids() {
        return new ArrayList<>(states.keySet());
    }

    @Override
    public <T> T withLock(String credentialId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(credentialId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
