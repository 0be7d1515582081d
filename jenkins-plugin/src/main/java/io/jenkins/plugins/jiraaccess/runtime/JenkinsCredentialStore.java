package io.jenkins.plugins.jiraaccess.runtime;

import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.StoreException;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Core's {@link CredentialStore} over the Jenkins credentials store: a credential's state (rotated PAT, rotated
 * refresh token, progress markers) lives inside the Jira credential, encrypted, and a save replaces the credential
 * with {@code CredentialsStore.updateCredentials}, which writes {@code credentials.xml} before it returns. Saves run
 * as SYSTEM: a rotated refresh token must be kept even when the build's own identity may not update credentials.
 */
public final class JenkinsCredentialStore implements CredentialStore {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<CredentialState> load(String credentialId) {
        return JiraCredentialsLocator.findUnique(credentialId).map(l -> l.credentials().currentState());
    }

    @Override
    public void save(String credentialId, CredentialState state) {
        JiraCredentialsLocator.Located l = JiraCredentialsLocator.findUnique(credentialId).orElseThrow(() -> new StoreException(
                "credential " + credentialId + " is no longer in Jenkins; its new state was not saved (was it deleted?)"));
        JiraCredentials replacement = l.credentials().withState(state);
        boolean updated;
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            updated = l.store().updateCredentials(l.domain(), l.credentials(), replacement);
        } catch (IOException e) {
            throw new StoreException("credential " + credentialId + ": Jenkins could not save credentials ("
                    + e.getClass().getSimpleName() + "); check JENKINS_HOME's free space and permissions", e);
        }
        if (!updated) {
            throw new StoreException("credential " + credentialId + " changed while its state was being saved; "
                    + "the change was not saved, retry");
        }
    }

    @Override
    public void delete(String credentialId) {
        if (JiraCredentialsLocator.findUnique(credentialId).isPresent()) {
            save(credentialId, CredentialState.EMPTY);
        }
    }

    @Override
    public List<String> ids() {
        return JiraCredentialsLocator.all().stream().map(JiraCredentialsLocator.Located::id).toList();
    }

    /**
     * The store holding the credential (a folder's, by its full name, or Jenkins' own), so the shared token broker
     * never hands one store's cached token to a same-id credential of another; duplicate ids are refused as for state.
     */
    @Override
    public String scope(String credentialId) {
        return JiraCredentialsLocator.findUnique(credentialId)
                .map(l -> l.store().getContext() instanceof Item item ? "folder:" + item.getFullName() : "jenkins")
                .orElse("jenkins:not-stored");
    }

    /** One controller is one process, so a JVM lock per credential suffices. */
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
