package io.jenkins.plugins.jiraaccess.steps;

import com.cloudbees.plugins.credentials.CredentialsScope;

import java.util.Optional;

/**
 * Which credentials stores a pipeline may use a Jira credential from: Jenkins' own and folders'. A build that runs
 * as a user (Authorize Project, or any {@code QueueItemAuthenticator}) is also handed the credentials of that user's
 * personal store, which are the {@code USER}-scoped ones (credentials 1415, UserCredentialsProvider: its stores hold
 * only {@link CredentialsScope#USER}). Those are refused before anything is done with them: Jira Access keeps a
 * credential's rotation state in the credential and writes it back as SYSTEM, which a personal store does not allow,
 * so a rotated token would be lost. Plain, so the decision is tested without Jenkins.
 */
final class CredentialOrigin {
    private CredentialOrigin() {
    }

    /**
     * Why a credential of {@code scope} may not be used, one line naming it and the fix; empty when it may.
     *
     * @param how the step or binding, as the pipeline calls it
     */
    static Optional<String> refusal(String how, String id, CredentialsScope scope) {
        if (scope == CredentialsScope.USER) {
            return Optional.of(how + ": Jira credential '" + id + "' is in a user's personal credentials store; Jira "
                    + "Access writes a credential's rotated secrets back to where it is stored, which a personal store "
                    + "does not allow: store it in Jenkins or in a folder that contains this job");
        }
        return Optional.empty();
    }

    /** The refusal of a credential found in none of the stores Jira Access writes to (a store of another kind). */
    static String notInASharedStore(String how, String id) {
        return how + ": Jira credential '" + id + "' does not come from Jenkins' or a folder's credentials store, where "
                + "Jira Access keeps its rotation state; store it in Jenkins or in a folder that contains this job";
    }
}
