package io.jenkins.plugins.jiraaccess.runtime;

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
 * Core's {@link CredentialStore} over one Jenkins credentials store (the system store or one folder's): a
 * credential's state (rotated PAT, rotated refresh token, progress markers) lives inside the Jira credential,
 * encrypted, and a save replaces the credential with {@code CredentialsStore.updateCredentials}, which writes
 * {@code credentials.xml} before it returns. One instance per store, so two folders may hold the same id, each with
 * its own state. Saves run as SYSTEM: a rotated refresh token must be kept even when the build's own identity may
 * not update credentials.
 */
public final class JenkinsCredentialStore implements CredentialStore {
    private final String context;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** @param context the folder's full name, {@code ""} for the system store */
    public JenkinsCredentialStore(String context) {
        this.context = context;
    }

    @Override
    public Optional<CredentialState> load(String credentialId) {
        return JiraCredentialsLocator.at(context, credentialId).map(l -> l.credentials().currentState());
    }

    @Override
    public void save(String credentialId, CredentialState state) {
        JiraCredentialsLocator.Located l = JiraCredentialsLocator.at(context, credentialId).orElseThrow(() -> new StoreException(
                "credential " + credentialId + " is no longer in " + (context.isEmpty() ? "Jenkins" : "folder " + context)
                        + "; its new state was not saved (was it deleted or moved?)"));
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
        if (JiraCredentialsLocator.at(context, credentialId).isPresent()) {
            save(credentialId, CredentialState.EMPTY);
        }
    }

    @Override
    public List<String> ids() {
        return JiraCredentialsLocator.all().stream().filter(l -> l.context().equals(context))
                .map(JiraCredentialsLocator.Located::id).toList();
    }

    /**
     * The store this instance stands for (a folder's, by its full name, or Jenkins' own), so a token broker never hands
     * one store's cached token to a same-id credential of another.
     */
    @Override
    public String scope(String credentialId) {
        return context.isEmpty() ? "jenkins" : "folder:" + context;
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
