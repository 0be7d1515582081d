package io.jiraaccess.sim.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.binding.CoreJiraGateway;
import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.binding.PipelineRun;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.Secrecy;
import io.jiraaccess.sim.SimFixture;
import io.jiraaccess.sim.SimHttp;
import io.jiraaccess.sim.control.ConnectAppSpec;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.oauth.Pkce;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every credential kind as a CI stores it (form fields and secrets through core's {@link CredentialFields}, the
 * mapping the Jenkins plugin's {@code JiraCredentials.toSpec} uses), sent through core's {@link CoreJiraGateway}
 * (what the plugin's {@code jiraRequest} step runs) to the simulator. The site, users, clients and field values are
 * those jenkins-plugin's JenkinsRule test {@code JiraRequestEveryKindTest} gives its five credentials, which cannot
 * run here: this shows the settings themselves work against the simulator.
 */
class CiCredentialEveryKindTest {
    private static final String API_TOKEN = "ATATT3xFfGF0ciBotApiToken0123456789";
    private static final String CLIENT_SECRET = "jenkins-client-secret-0123456789";
    private static final String CONNECT_SECRET = "jenkins-connect-shared-secret-0123456789";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final String VERIFIER = "jenkins-verifier-0123456789-0123456789-0123456789";

    private final JiraSimulator sim = SimFixture.sim();
    private final List<AuditEvent> events = new ArrayList<>();

    @Test
    void everyKindAsACiStoresItGetsTheSimulatorsAnswerThroughCoresGateway() {
        sim.reset();
        sim.addProject("OPS", "Operations");
        sim.addUser(UserSpec.named("ci-bot").displayName("CI Bot").email("ci-bot@example.com")
                .password("ci-bot-Password-1").apiToken(API_TOKEN, sim.now().plus(Duration.ofDays(30))).projects("OPS"));
        String pat = sim.createPat("ci-bot", "jenkins", 30).rawToken();
        sim.addOAuthClient(OAuthClientSpec.of("jenkins-client", CLIENT_SECRET, "ci-bot").redirectUris(REDIRECT)
                .scopes("read:jira-user", "read:jira-work", "offline_access", "READ"));
        sim.addConnectApp(new ConnectAppSpec("com.example.jenkins", CONNECT_SECRET, null, List.of("OPS")));
        String refresh = dataCenterRefreshToken();
        String site = sim.baseUrl();

        Map<CredentialFields, String> calls = new LinkedHashMap<>();
        calls.put(CredentialFields.of(CredentialKind.PAT, "k-pat").set("site", site).set("flavor", "datacenter")
                .secret("token", pat), "/rest/api/2/myself");
        calls.put(CredentialFields.of(CredentialKind.API_TOKEN, "k-api").set("site", site).set("flavor", "cloud")
                .set("email", "ci-bot@example.com").secret("token", API_TOKEN), "/rest/api/3/myself");
        calls.put(CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, "k-oauth-client").set("site", site)
                .set("flavor", "cloud").set("clientId", "jenkins-client").set("tokenUrl", site + "/oauth/token")
                .set("scopes", "read:jira-user read:jira-work").set("audience", "api.atlassian.com")
                .secret("clientSecret", CLIENT_SECRET), "/rest/api/3/myself");
        calls.put(CredentialFields.of(CredentialKind.OAUTH_REFRESH_TOKEN, "k-oauth-refresh").set("site", site)
                .set("flavor", "datacenter").set("clientId", "jenkins-client")
                .set("tokenUrl", site + "/rest/oauth2/latest/token").set("scopes", "READ")
                .secret("clientSecret", CLIENT_SECRET).secret("refreshToken", refresh), "/rest/api/2/myself");
        calls.put(CredentialFields.of(CredentialKind.CONNECT_JWT, "k-connect").set("site", site).set("flavor", "cloud")
                .set("appKey", "com.example.jenkins").secret("sharedSecret", CONNECT_SECRET), "/rest/api/3/myself");

        InMemoryCredentialStore store = new InMemoryCredentialStore();
        AuthContext context = new AuthContext(store, new TokenBroker(TokenBroker.Settings.DEFAULT, sim.clock(), null),
                events::add, new Fingerprinter(new byte[32]), sim.clock(), "jenkins@ci.example.com");
        PipelineRun run = new PipelineRun("team/app", "7", null, null);
        List<String> answers = new ArrayList<>();
        for (Map.Entry<CredentialFields, String> call : calls.entrySet()) {
            CredentialSpec spec = call.getKey().toSpec("test credential");
            JiraGateway.Reply reply = new CoreJiraGateway().request(spec, context, run, "GET", call.getValue(), null);
            answers.add(spec.id() + " " + reply.status());
            // the user the credential acts as; a Connect app acts as its own app user, named after its key
            assertThat(reply.body()).as(spec.id()).contains(spec.kind() == CredentialKind.CONNECT_JWT
                    ? "\"displayName\":\"com.example.jenkins\"" : "\"displayName\":\"CI Bot\"");
        }

        assertEquals(List.of("k-pat 200", "k-api 200", "k-oauth-client 200", "k-oauth-refresh 200", "k-connect 200"),
                answers);
        // the refresh token was spent and its successor kept where the CI keeps state
        String rotated = store.load("k-oauth-refresh").orElseThrow().secret("oauth.refresh_token").reveal();
        assertNotEquals(refresh, rotated);
        assertThat(sim.requests().stream().filter(r -> r.path().endsWith("/myself")).map(r -> r.authScheme()).toList())
                .containsExactly("Bearer", "Basic", "Bearer", "Bearer", "JWT");
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim) + events, pat, API_TOKEN, CLIENT_SECRET, CONNECT_SECRET,
                refresh, rotated);
    }

    /** The authorization code flow of Jira Data Center's OAuth 2.0 provider, as `jira-access oauth authorize` runs it. */
    private String dataCenterRefreshToken() {
        SimHttp http = SimFixture.http();
        SimHttp.Reply redirect = http.get("/rest/oauth2/latest/authorize?client_id=jenkins-client&response_type=code"
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=READ&code_challenge=" + Pkce.s256(VERIFIER)
                + "&code_challenge_method=S256&state=s", null);
        String location = redirect.header("Location").orElseThrow();
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        return http.postForm("/rest/oauth2/latest/token", null, "grant_type=authorization_code&client_id=jenkins-client"
                + "&client_secret=" + CLIENT_SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER).json().get("refresh_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
