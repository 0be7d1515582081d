package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.credentials.JiraPatCredentials;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build that runs as a user (what Authorize Project does, here through the test harness's
 * MockQueueItemAuthenticator, the same QueueItemAuthenticator extension point) is handed that user's personal
 * credentials (credentials 1415, CredentialsProvider.findCredentialById looks up with the build's authentication).
 * Jira Access refuses them up front, in every entry point, with one line naming the credential and the fix, and
 * nothing runs: not the block, not a request. The decision itself is unit-tested in the default build
 * (compile-check's CredentialOriginTest).
 */
@WithJenkins
class PersonalCredentialsTest {
    static final String WITH_JIRA_AUTH = "withJiraAuth(credentialsId: 'mine') { echo 'never printed' }";
    static final String JIRA_REQUEST = "jiraRequest(credentialsId: 'mine', path: '/rest/api/2/myself')\n"
            + "echo 'never printed'";
    static final String WITH_CREDENTIALS = "withCredentials([jiraAuth(credentialsId: 'mine')]) { echo 'never printed' }";

    private static CredentialsStore personalStoreOf(User user) {
        for (CredentialsStore s : CredentialsProvider.lookupStores(user)) {
            if (s.getContext() == user) {
                return s;
            }
        }
        throw new AssertionError(user.getId() + " has no personal credentials store");
    }

    @Test
    void aCredentialFromTheBuildUsersPersonalStoreIsRefusedUpFrontEverywhere(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().to("alice"));
        User alice = User.getById("alice", true);
        try (ACLContext as = ACL.as2(alice.impersonate2())) {
            personalStoreOf(alice).addCredentials(Domain.global(), new JiraPatCredentials(CredentialsScope.USER, "mine",
                    null, "https://jira.example.com", Secret.fromString(JiraAccessPluginTest.PAT)));
        }
        // the three jobs run as alice, as Authorize Project would run them
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate("with-jira-auth", alice.impersonate2())
                .authenticate("jira-request", alice.impersonate2())
                .authenticate("with-credentials", alice.impersonate2()));
        Map<String, WorkflowJob> byEntryPoint = new LinkedHashMap<>();
        byEntryPoint.put("withJiraAuth", JiraAccessPluginTest.pipeline(j, "with-jira-auth", WITH_JIRA_AUTH));
        byEntryPoint.put("jiraRequest", JiraAccessPluginTest.pipeline(j, "jira-request", JIRA_REQUEST));
        byEntryPoint.put("jiraAuth", JiraAccessPluginTest.pipeline(j, "with-credentials", WITH_CREDENTIALS));

        for (Map.Entry<String, WorkflowJob> e : byEntryPoint.entrySet()) {
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, e.getValue());
            j.assertLogContains(e.getKey() + ": Jira credential 'mine' is in a user's personal credentials store; "
                    + "Jira Access writes a credential's rotated secrets back to where it is stored, which a personal "
                    + "store does not allow: store it in Jenkins or in a folder that contains this job", b);
            j.assertLogNotContains("never printed", b);
            j.assertLogNotContains("\tat ", b);
            j.assertLogNotContains(JiraAccessPluginTest.PAT, b);
        }
    }
}
