package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin inside a real Jenkins. Runs only with {@code -Pjenkins} where the Jenkins repository is reachable; the
 * default reactor compiles it against signature stubs (compile-check) but cannot run it. Every pipeline here is one a
 * real sandbox runs: only steps, {@code env} and string interpolation; the encodings are made by the shell on the
 * agent, not by Groovy methods script-security's generic whitelist does not allow.
 */
@WithJenkins
class JiraAccessPluginTest {
    static final String PAT = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1=";

    static JiraPatCredentials pat(String id, String site) {
        JiraPatCredentials c = new JiraPatCredentials(CredentialsScope.GLOBAL, id, "ci", site, Secret.fromString(PAT));
        c.setAllowProjects("OPS");
        return c;
    }

    static void add(JiraCredentials c) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(c);
        SystemCredentialsProvider.getInstance().save();
    }

    static WorkflowJob pipeline(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** What GNU base64 (76 columns), xxd -p (60 columns) and od print for {@code secret}, line by line. */
    static List<String> shellEncodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        String b64 = Base64.getEncoder().encodeToString(bytes);
        for (int i = 0; i < b64.length(); i += 76) {
            out.add(b64.substring(i, Math.min(b64.length(), i + 76)));
        }
        String hex = HexFormat.of().formatHex(bytes);
        for (int i = 0; i < hex.length(); i += 60) {
            out.add(hex.substring(i, Math.min(hex.length(), i + 60)));
        }
        out.add(hex);
        return out;
    }

    static final String PRINT_ENCODINGS = """
            echo "header=$JIRA_AUTH_HEADER token=$JIRA_TOKEN"
            printf %s "$JIRA_AUTH_HEADER" | base64
            printf %s "$JIRA_TOKEN" | base64
            printf %s "$JIRA_TOKEN" | od -An -tx1 -v | tr -d ' \\n'; echo
            if command -v xxd >/dev/null; then printf %s "$JIRA_TOKEN" | xxd -p; fi
            if command -v python3 >/dev/null; then python3 -c 'import os, urllib.parse as u; print(u.quote(os.environ["JIRA_TOKEN"]), u.quote_plus(os.environ["JIRA_AUTH_HEADER"]))'; fi
            echo done-printing
            """;

    static void assertNoEncodingInLogOrBuildDir(JenkinsRule j, WorkflowRun b) throws Exception {
        j.assertLogContains("done-printing", b);
        for (String secret : List.of(PAT, "Bearer " + PAT)) {
            j.assertLogNotContains(secret, b);
            for (String encoded : shellEncodings(secret)) {
                j.assertLogNotContains(encoded, b);
            }
        }
        try (var files = Files.walk(b.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(PAT), f + " holds the token");
            }
        }
    }

    @Test
    void withJiraAuthMasksEveryShellEncodingOnAnAgent(JenkinsRule j) throws Exception {
        add(pat("dc-pat", "https://jira.example.com"));
        j.createOnlineSlave(Label.parseExpression("remote-agent"));
        WorkflowJob p = pipeline(j, "p", "node('remote-agent') {\n"
                + "  withJiraAuth(credentialsId: 'dc-pat') {\n"
                + "    echo \"url=${env.JIRA_URL}\"\n"
                + "    sh '''" + PRINT_ENCODINGS + "'''\n"
                + "  }\n"
                + "}");
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=https://jira.example.com", b);
        assertNoEncodingInLogOrBuildDir(j, b);
    }

    @Test
    void theJiraAuthBindingThroughWithCredentialsHidesTheSecretValues(JenkinsRule j) throws Exception {
        add(pat("dc-pat", "https://jira.example.com"));
        WorkflowJob p = pipeline(j, "p", "node {\n"
                + "  withCredentials([jiraAuth(credentialsId: 'dc-pat')]) {\n"
                + "    echo \"url=${env.JIRA_URL}\"\n"
                + "    sh 'echo \"header=$JIRA_AUTH_HEADER token=$JIRA_TOKEN\"; printf %s \"$JIRA_TOKEN\" | base64 -w 0; echo; echo done-printing'\n"
                + "  }\n"
                + "}");
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=https://jira.example.com", b);
        j.assertLogContains("done-printing", b);
        j.assertLogNotContains(PAT, b);
        j.assertLogNotContains(Base64.getEncoder().encodeToString(PAT.getBytes(StandardCharsets.UTF_8)), b);
    }

    @Test
    void connectAppIsRefusedInABlockWithTheStepToUse(JenkinsRule j) throws Exception {
        add(new JiraConnectAppCredentials(CredentialsScope.GLOBAL, "app", null, "https://acme.atlassian.net", "com.example.app",
                Secret.fromString("0123456789abcdef0123456789abcdef")));
        WorkflowJob p = pipeline(j, "p", "withJiraAuth(credentialsId: 'app') { echo 'never' }");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("use the jiraRequest step", b);
        j.assertLogNotContains("never", b);
        j.assertLogNotContains("0123456789abcdef0123456789abcdef", b);
    }

    @Test
    void unknownCredentialAndAgentLabelAreRefusedWithoutStackTrace(JenkinsRule j) throws Exception {
        JiraPatCredentials c = pat("labelled", "https://jira.example.com");
        c.setAgentLabel("jira-trusted");
        add(c);
        WorkflowJob p = pipeline(j, "p", "withJiraAuth(credentialsId: 'nope') { echo 'x' }");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("no Jira credential 'nope' is available to this build", b);
        j.assertLogNotContains("\tat ", b);

        p.setDefinition(new CpsFlowDefinition("node { withJiraAuth(credentialsId: 'labelled') { echo 'x' } }", true));
        b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("may only be used on agents matching 'jira-trusted'", b);
    }

    @Test
    void rotatedStateIsWrittenBackThroughTheCredentialsStoreEncrypted(JenkinsRule j) throws Exception {
        add(new JiraOAuthRefreshTokenCredentials(CredentialsScope.GLOBAL, "rt", null, "https://jira.example.com", "client",
                Secret.fromString("rt-0")));
        JenkinsCredentialStore store = new JenkinsCredentialStore("");

        store.save("rt", CredentialState.EMPTY.withSecret("oauth.refresh_token", SecretValue.of("rt-1-rotated")).with("oauth.generation", "1"));

        // a null item group is Jenkins itself
        JiraCredentials stored = CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, null, null).get(0);
        assertEquals("rt-1-rotated", stored.currentState().secret("oauth.refresh_token").reveal());
        assertEquals("1", store.load("rt").orElseThrow().attribute("oauth.generation"));
        String xml = Files.readString(Jenkins.get().getRootDir().toPath().resolve("credentials.xml"));
        assertFalse(xml.contains("rt-1-rotated"), "the rotated refresh token is stored encrypted");
    }

    @Test
    void everyKindConfiguresFromJcascAndSurvivesExportAndReimport(JenkinsRule j) throws Exception {
        Path yaml = Path.of(getClass().getResource("jcasc.yaml").toURI());
        ConfigurationAsCode.get().configure(yaml.toString());
        List<JiraCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, null, null);
        assertEquals(5, all.size());
        JiraApiTokenCredentials api = (JiraApiTokenCredentials) all.stream().filter(c -> c.getId().equals("cloud-api")).findFirst().orElseThrow();
        assertEquals("2026-05-01", api.getExpiresAt());

        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(exported);
        String text = exported.toString(StandardCharsets.UTF_8);
        for (String symbol : List.of("jiraPat", "jiraApiToken", "jiraOAuthClient", "jiraOAuthRefreshToken", "jiraConnectApp")) {
            assertTrue(text.contains(symbol + ":"), symbol + " is exported");
        }
        // secrets are exported encrypted, never as the values the YAML held
        for (String secret : List.of("pat-token-value", "api-token-value", "svc-secret", "dc-refresh-token",
                "0123456789abcdef0123456789abcdef")) {
            assertFalse(text.contains(secret), "an exported secret in clear text");
        }
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        Path again = Files.createTempFile("jira-access-export", ".yaml");
        Files.writeString(again, text);
        ConfigurationAsCode.get().configure(again.toString());
        List<JiraCredentials> reimported = CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, null, null);
        assertEquals(all.stream().map(JiraCredentials::getId).sorted().toList(),
                reimported.stream().map(JiraCredentials::getId).sorted().toList());
        for (JiraCredentials c : reimported) {
            assertEquals(c.getId(), c.toSpec().id());
        }
    }
}
