package io.jenkins.plugins.jiraaccess;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;

/**
 * The same credential id in Jenkins and in two nested folders: each job uses the nearest, as the credentials
 * plugin resolves it (credentials 1415, CredentialsProvider.lookupCredentialsInItem walking the item's folders).
 */
@WithJenkins
class FolderCredentialsTest {
    private static CredentialsStore storeOf(Folder folder) {
        for (CredentialsStore s : CredentialsProvider.lookupStores(folder)) {
            if (s.getContext() == folder) {
                return s;
            }
        }
        throw new AssertionError("folder " + folder.getFullName() + " has no credentials store");
    }

    @Test
    void theNearestFolderWinsAndNothingIsRefusedForHavingTheSameId(JenkinsRule j) throws Exception {
        JiraAccessPluginTest.add(JiraAccessPluginTest.pat("jira", "https://root.example.com"));
        Folder team = j.jenkins.createProject(Folder.class, "team");
        Folder app = team.createProject(Folder.class, "app");
        storeOf(team).addCredentials(Domain.global(), JiraAccessPluginTest.pat("jira", "https://team.example.com"));
        storeOf(app).addCredentials(Domain.global(), JiraAccessPluginTest.pat("jira", "https://app.example.com"));
        String script = "withJiraAuth(credentialsId: 'jira') { echo \"url=${env.JIRA_URL}\" }";

        WorkflowJob inApp = app.createProject(WorkflowJob.class, "build");
        inApp.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob inTeam = team.createProject(WorkflowJob.class, "build");
        inTeam.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob atRoot = j.createProject(WorkflowJob.class, "build");
        atRoot.setDefinition(new CpsFlowDefinition(script, true));

        WorkflowRun b = j.buildAndAssertSuccess(inApp);
        j.assertLogContains("url=https://app.example.com", b);
        b = j.buildAndAssertSuccess(inTeam);
        j.assertLogContains("url=https://team.example.com", b);
        j.assertLogNotContains("is used 3 times", b);
        b = j.buildAndAssertSuccess(atRoot);
        j.assertLogContains("url=https://root.example.com", b);
    }
}
