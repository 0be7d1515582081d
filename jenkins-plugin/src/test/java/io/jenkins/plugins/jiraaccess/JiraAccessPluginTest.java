package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.tasks.Shell;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.jiraaccess.binding.JiraAuthBinding;
import io.jenkins.plugins.jiraaccess.credentials.JiraApiTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraConnectAppCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraOAuthRefreshTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraPatCredentials;
import io.jenkins.plugins.jiraaccess.runtime.JenkinsCredentialStore;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.testing.EncodedLogs;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
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

    /**
     * Prints the bound secrets as a shell commonly does: GNU base64 (wrapped at 76 columns) at three alignments,
     * base64url (basenc), hex (od, xxd -p), Python's quote() and quote_plus(), JSON; sh -x also echoes each command
     * line with the values expanded and shell-quoted.
     */
    static final String PRINT_ENCODINGS = """
            echo "header=$JIRA_AUTH_HEADER token=$JIRA_TOKEN"
            printf %s "$JIRA_AUTH_HEADER" | base64
            printf %s "$JIRA_TOKEN" | base64
            printf 'x%s' "$JIRA_TOKEN" | base64
            printf 'xy%s' "$JIRA_AUTH_HEADER" | base64
            if command -v basenc >/dev/null; then printf %s "$JIRA_AUTH_HEADER" | basenc --base64url; fi
            printf %s "$JIRA_TOKEN" | od -An -tx1 -v | tr -d ' \\n'; echo
            if command -v xxd >/dev/null; then printf %s "$JIRA_AUTH_HEADER" | xxd -p; fi
            if command -v python3 >/dev/null; then python3 -c 'import json, os, urllib.parse as u; print(u.quote(os.environ["JIRA_TOKEN"]), u.quote_plus(os.environ["JIRA_AUTH_HEADER"]), json.dumps({"h": os.environ["JIRA_AUTH_HEADER"]}))'; fi
            echo done-printing
            """;

    /**
     * Nothing in the build's log gives the token back, decoded every way (core's EncodedLogs: Base64 and Base64url at
     * every offset, alone and across wrapped lines, hex, percent, JSON), and no file of the build holds it.
     */
    static void assertNotRecoverable(JenkinsRule j, Run<?, ?> b) throws Exception {
        j.assertLogContains("done-printing", b);
        for (String secret : List.of(PAT, "Bearer " + PAT)) {
            j.assertLogNotContains(secret, b);
            for (String encoded : shellEncodings(secret)) {
                j.assertLogNotContains(encoded, b);
            }
        }
        List<String> lines = JenkinsRule.getLog(b).lines().map(l -> l + "\n").toList();
        assertFalse(EncodedLogs.recoverAll(lines).contains(PAT), "a decoder recovered the token from the build log");
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
        assertNotRecoverable(j, b);
    }

    /**
     * The jiraAuth binding through credentials-binding's withCredentials masks what withJiraAuth masks: the same
     * shell output on an agent, the same recovery check. Before, credentials-binding's own per-line forms (literal,
     * Base64, shell-quoted) were all it got, so the wrapped base64, hex, percent and JSON lines gave the token back.
     */
    @Test
    void theJiraAuthBindingMasksEveryShellEncodingOnAnAgent(JenkinsRule j) throws Exception {
        add(pat("dc-pat", "https://jira.example.com"));
        j.createOnlineSlave(Label.parseExpression("remote-agent"));
        WorkflowJob p = pipeline(j, "p", "node('remote-agent') {\n"
                + "  withCredentials([jiraAuth(credentialsId: 'dc-pat')]) {\n"
                + "    echo \"url=${env.JIRA_URL}\"\n"
                + "    sh '''" + PRINT_ENCODINGS + "'''\n"
                + "  }\n"
                + "}");
        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=https://jira.example.com", b);
        assertNotRecoverable(j, b);
    }

    /**
     * The binding in a freestyle job (credentials-binding's SecretBuildWrapper) on an agent: the agent's output is
     * copied into the build's log on the controller, where the plugin's log filter masks it once the wrapper bound.
     */
    @Test
    void theJiraAuthBindingInAFreestyleJobMasksEveryShellEncodingOnAnAgent(JenkinsRule j) throws Exception {
        add(pat("dc-pat", "https://jira.example.com"));
        j.createOnlineSlave(Label.parseExpression("remote-agent"));
        FreeStyleProject p = j.createFreeStyleProject();
        p.setAssignedLabel(Label.parseExpression("remote-agent"));
        p.getBuildWrappersList().add(new SecretBuildWrapper(List.of(new JiraAuthBinding("dc-pat"))));
        p.getBuildersList().add(new Shell(PRINT_ENCODINGS));
        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        assertNotRecoverable(j, b);
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
