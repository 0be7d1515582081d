package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.credentials.JiraApiTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraConnectAppCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraOAuthClientCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraOAuthRefreshTokenCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraPatCredentials;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.ConnectAppSpec;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.control.UserSpec;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code jiraRequest} with each of the five credential kinds against the Jira simulator (jira-sim, started on a free
 * loopback port): a PAT and an OAuth refresh token on the Data Center API, a Cloud API token, OAuth client
 * credentials and a Connect app on the Cloud API. The same settings are run through core's gateway in the default
 * build (jira-sim's CiCredentialEveryKindTest); this test adds what only Jenkins does: the credentials looked up from
 * Jenkins' store, the rotated refresh token written back to it, the events in the plugin's journal, the build's log.
 */
@WithJenkins
class JiraRequestEveryKindTest {
    static final String API_TOKEN = "ATATT3xFfGF0ciBotApiToken0123456789";
    static final String CLIENT_SECRET = "jenkins-client-secret-0123456789";
    static final String CONNECT_SECRET = "jenkins-connect-shared-secret-0123456789";
    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String VERIFIER = "jenkins-verifier-0123456789-0123456789-0123456789";
    static final List<String> IDS = List.of("k-pat", "k-api", "k-oauth-client", "k-oauth-refresh", "k-connect");

    static final String PIPELINE = """
            def pat = jiraRequest(credentialsId: 'k-pat', path: '/rest/api/2/myself')
            echo "k-pat answered ${pat['status']}: ${pat['body']}"
            def api = jiraRequest(credentialsId: 'k-api', path: '/rest/api/3/myself')
            echo "k-api answered ${api['status']}: ${api['body']}"
            def client = jiraRequest(credentialsId: 'k-oauth-client', path: '/rest/api/3/myself')
            echo "k-oauth-client answered ${client['status']}: ${client['body']}"
            def refresh = jiraRequest(credentialsId: 'k-oauth-refresh', path: '/rest/api/2/myself')
            echo "k-oauth-refresh answered ${refresh['status']}: ${refresh['body']}"
            def app = jiraRequest(credentialsId: 'k-connect', path: '/rest/api/3/myself')
            echo "k-connect answered ${app['status']}: ${app['body']}"
            """;

    @Test
    void everyKindGetsTheSimulatorsAnswerAndNoSecretReachesTheBuild(JenkinsRule j) throws Exception {
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0)) {
            sim.addProject("OPS", "Operations");
            sim.addUser(UserSpec.named("ci-bot").displayName("CI Bot").email("ci-bot@example.com")
                    .password("ci-bot-Password-1").apiToken(API_TOKEN, sim.now().plus(Duration.ofDays(30)))
                    .projects("OPS"));
            String pat = sim.createPat("ci-bot", "jenkins", 30).rawToken();
            sim.addOAuthClient(OAuthClientSpec.of("jenkins-client", CLIENT_SECRET, "ci-bot").redirectUris(REDIRECT)
                    .scopes("read:jira-user", "read:jira-work", "offline_access", "READ"));
            sim.addConnectApp(new ConnectAppSpec("com.example.jenkins", CONNECT_SECRET, null, List.of("OPS")));
            String refresh = dataCenterRefreshToken(sim.baseUrl());
            addEveryKind(sim.baseUrl(), pat, refresh);

            WorkflowRun b = j.buildAndAssertSuccess(JiraAccessPluginTest.pipeline(j, "every-kind", PIPELINE));

            for (String id : IDS) {
                j.assertLogContains(id + " answered 200: ", b);
            }
            j.assertLogContains("\"displayName\":\"CI Bot\"", b);
            j.assertLogContains("\"displayName\":\"com.example.jenkins\"", b);
            assertEquals(List.of("Bearer", "Basic", "Bearer", "Bearer", "JWT"), sim.requests().stream()
                    .filter(r -> r.path().endsWith("/myself")).map(r -> r.authScheme()).toList());

            // the refresh token was spent; its successor is what the credential now holds, encrypted
            String rotated = JiraCredentialsLocator.at("", "k-oauth-refresh").orElseThrow().credentials()
                    .currentState().secret("oauth.refresh_token").reveal();
            assertNotEquals(refresh, rotated);
            String stored = Files.readString(Jenkins.get().getRootDir().toPath().resolve("credentials.xml"));

            EventJournal journal = JiraAccessRuntime.get().journal();
            journal.sync();
            List<AuditEvent> events = journal.readAfter(0, 1000).events();
            Set<String> used = events.stream().filter(e -> "token.used".equals(e.action()))
                    .map(AuditEvent::credentialId).collect(Collectors.toSet());
            assertEquals(Set.copyOf(IDS), used);

            String journalText = events.stream().map(AuditEvent::toJson).collect(Collectors.joining("\n"));
            for (String secret : List.of(pat, API_TOKEN, CLIENT_SECRET, CONNECT_SECRET, refresh, rotated)) {
                j.assertLogNotContains(secret, b);
                assertFalse(stored.contains(secret), "credentials.xml holds a secret in clear text");
                assertFalse(journalText.contains(secret), "the journal holds a secret");
                try (var files = Files.walk(b.getRootDir().toPath())) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(secret),
                                f + " holds a secret");
                    }
                }
            }
        }
    }

    /** The five kinds, as an administrator enters them: the simulator is both the Cloud and the Data Center site. */
    static void addEveryKind(String site, String pat, String refresh) throws Exception {
        JiraPatCredentials k1 = new JiraPatCredentials(CredentialsScope.GLOBAL, "k-pat", null, site, Secret.fromString(pat));
        k1.setFlavor("datacenter");
        JiraApiTokenCredentials k2 = new JiraApiTokenCredentials(CredentialsScope.GLOBAL, "k-api", null, site,
                "ci-bot@example.com", Secret.fromString(API_TOKEN));
        k2.setFlavor("cloud");
        JiraOAuthClientCredentials k3 = new JiraOAuthClientCredentials(CredentialsScope.GLOBAL, "k-oauth-client", null,
                site, "jenkins-client", Secret.fromString(CLIENT_SECRET));
        k3.setFlavor("cloud");
        k3.setTokenUrl(site + "/oauth/token");
        k3.setScopes("read:jira-user read:jira-work");
        k3.setAudience("api.atlassian.com");
        JiraOAuthRefreshTokenCredentials k4 = new JiraOAuthRefreshTokenCredentials(CredentialsScope.GLOBAL,
                "k-oauth-refresh", null, site, "jenkins-client", Secret.fromString(refresh));
        k4.setFlavor("datacenter");
        k4.setClientSecret(Secret.fromString(CLIENT_SECRET));
        k4.setTokenUrl(site + "/rest/oauth2/latest/token");
        k4.setScopes("READ");
        JiraConnectAppCredentials k5 = new JiraConnectAppCredentials(CredentialsScope.GLOBAL, "k-connect", null, site,
                "com.example.jenkins", Secret.fromString(CONNECT_SECRET));
        k5.setFlavor("cloud");
        for (var c : List.of(k1, k2, k3, k4, k5)) {
            JiraAccessPluginTest.add(c);
        }
    }

    /**
     * A refresh token from Jira Data Center's OAuth 2.0 provider, by the authorization code flow with PKCE that
     * {@code jira-access oauth authorize} runs (the simulator consents for the client's user at once).
     */
    static String dataCenterRefreshToken(String site) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(site
                + "/rest/oauth2/latest/authorize?client_id=jenkins-client&response_type=code&redirect_uri="
                + enc(REDIRECT) + "&scope=READ&code_challenge=" + challenge + "&code_challenge_method=S256&state=s"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(site + "/rest/oauth2/latest/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=jenkins-client"
                        + "&client_secret=" + CLIENT_SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                        + "&code_verifier=" + VERIFIER)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), "the simulator's token endpoint");
        return new ObjectMapper().readTree(token.body()).get("refresh_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
