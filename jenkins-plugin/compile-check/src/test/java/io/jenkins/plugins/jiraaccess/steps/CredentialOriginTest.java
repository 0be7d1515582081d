package io.jenkins.plugins.jiraaccess.steps;

import com.cloudbees.plugins.credentials.CredentialsScope;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A build that runs as a user (Authorize Project) is handed that user's personal credentials, which are USER-scoped
 * (credentials 1415, UserCredentialsProvider.getScopes: {@code Collections.singleton(CredentialsScope.USER)} for a
 * User). Every entry point (withJiraAuth, jiraRequest, the jiraAuth binding) refuses one before binding anything,
 * with one line naming the credential and the fix; other scopes are not refused here (which store a GLOBAL one
 * comes from is checked next, against the stores Jira Access writes to). The JenkinsRule test
 * PersonalCredentialsTest runs the same through builds.
 */
class CredentialOriginTest {
    @Test
    void aPersonalCredentialIsRefusedWithOneLineNamingItAndTheFix() {
        for (String how : new String[] {"withJiraAuth", "jiraRequest", "jiraAuth"}) {
            assertEquals(Optional.of(how + ": Jira credential 'mine' is in a user's personal credentials store; "
                            + "Jira Access writes a credential's rotated secrets back to where it is stored, which a "
                            + "personal store does not allow: store it in Jenkins or in a folder that contains this job"),
                    CredentialOrigin.refusal(how, "mine", CredentialsScope.USER));
        }
    }

    @Test
    void otherScopesAreNotRefusedHere() {
        assertEquals(Optional.empty(), CredentialOrigin.refusal("withJiraAuth", "shared", CredentialsScope.GLOBAL));
        assertEquals(Optional.empty(), CredentialOrigin.refusal("withJiraAuth", "shared", CredentialsScope.SYSTEM));
    }

    @Test
    void aCredentialFoundInNoSharedStoreIsRefusedWithTheFix() {
        assertEquals("jiraRequest: Jira credential 'elsewhere' does not come from Jenkins' or a folder's credentials "
                        + "store, where Jira Access keeps its rotation state; store it in Jenkins or in a folder that "
                        + "contains this job",
                CredentialOrigin.notInASharedStore("jiraRequest", "elsewhere"));
    }
}
