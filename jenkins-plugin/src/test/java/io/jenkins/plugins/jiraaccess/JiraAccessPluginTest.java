package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.jiraaccess.credentials.JiraApiTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraConnectAppCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraOAuthRefreshTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraPatCredentials;
import io.jenkins.plugins.jiraaccess.runtime.JenkinsCredentialStore;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin inside a real Jenkins. Runs only with {@code -Pjenkins} where the Jenkins repository is reachable; the
 * default reactor cannot run it.
 */
@WithJenkins
class JiraAccessPluginTest {
    static final String PAT = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1=";

    private static JiraPatCredentials pat(String id) {
        JiraPatCredentials c = new JiraPatCredentials(CredentialsScope.GLOBAL, id, "ci", "https://jira.example.com",
                Secret.fromString(PAT));
        c.setAllowProjects("OPS");
        return c;
    }

    private static void add(JiraCredentials c) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(c);
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void withJiraAuthMasksTheTokenHeaderAndBase64FormsInTheLog(JenkinsRule j) throws Exception {
        add(pat("dc-pat"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  withJiraAuth(credentialsId: 'dc-pat') {
                    echo "url=${env.JIRA_URL}"
                    echo "token=${env.JIRA_TOKEN}"
                    echo "header=${env.JIRA_AUTH_HEADER}"
                    echo "b64=${env.JIRA_TOKEN.bytes.encodeBase64()}"
                    echo "pct=${java.net.URLEncoder.encode(env.JIRA_TOKEN, 'UTF-8')}"
                  }
                }""", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=https://jira.example.com", b);
        j.assertLogNotContains(PAT, b);
        j.assertLogNotContains(java.util.Base64.getEncoder().encodeToString(PAT.getBytes()), b);
        j.assertLogNotContains(java.net.URLEncoder.encode(PAT, "UTF-8"), b);
        for (Path f : Files.walk(b.getRootDir().toPath()).filter(Files::isRegularFile).toList()) {
            assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(PAT), f + " holds the token");
        }
    }

    @Test
    void connectAppIsRefusedInABlockWithTheStepToUse(JenkinsRule j) throws Exception {
        add(new JiraConnectAppCredentials(CredentialsScope.GLOBAL, "app", null, "https://acme.atlassian.net", "com.example.app",
                Secret.fromString("0123456789abcdef0123456789abcdef")));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("withJiraAuth(credentialsId: 'app') { echo 'never' }", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        j.assertLogContains("use the jiraRequest step", b);
        j.assertLogNotContains("never", b);
        j.assertLogNotContains("0123456789abcdef0123456789abcdef", b);
    }

    @Test
    void unknownCredentialAndAgentLabelAreRefusedWithoutStackTrace(JenkinsRule j) throws Exception {
        JiraPatCredentials c = pat("labelled");
        c.setAgentLabel("jira-trusted");
        add(c);
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("withJiraAuth(credentialsId: 'nope') { echo 'x' }", true));
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("no Jira credential 'nope' is available to this build", b);
        j.assertLogNotContains("\tat ", b);

        p.setDefinition(new CpsFlowDefinition("node { withJiraAuth(credentialsId: 'labelled') { echo 'x' } }", true));
        b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("may only be used on agents matching 'jira-trusted'", b);
    }

    @Test
    void rotatedStateIsWrittenBackThroughTheCredentialsStoreAndSurvivesRestartOfTheObject(JenkinsRule j) throws Exception {
        add(new JiraOAuthRefreshTokenCredentials(CredentialsScope.GLOBAL, "rt", null, "https://jira.example.com", "client",
                Secret.fromString("rt-0")));
        JenkinsCredentialStore store = new JenkinsCredentialStore();

        store.save("rt", CredentialState.EMPTY.withSecret("oauth.refresh_token", SecretValue.of("rt-1")).with("oauth.generation", "1"));

        JiraCredentials stored = CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, Jenkins.get(),
                null, List.of()).get(0);
        assertEquals("rt-1", stored.currentState().secret("oauth.refresh_token").reveal());
        assertEquals("1", store.load("rt").orElseThrow().attribute("oauth.generation"));
        String xml = Files.readString(Jenkins.get().getRootDir().toPath().resolve("credentials.xml"));
        assertFalse(xml.contains("rt-1"), "the rotated refresh token is stored encrypted");
    }

    @Test
    void everyKindConfiguresFromJcasc(JenkinsRule j) throws Exception {
        Path yaml = Path.of(getClass().getResource("jcasc.yaml").toURI());
        ConfigurationAsCode.get().configure(yaml.toString());

        List<JiraCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, Jenkins.get(),
                null, List.of());
        assertEquals(5, all.size());
        JiraApiTokenCredentials api = (JiraApiTokenCredentials) all.stream().filter(c -> c.getId().equals("cloud-api")).findFirst().orElseThrow();
        assertEquals("2026-05-01", api.getExpiresAt());
        for (JiraCredentials c : all) {
            assertTrue(c.toSpec().id().equals(c.getId()));
        }
    }
}
