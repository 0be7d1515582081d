package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.oauth.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTest {

    private static final String SECRET = "client-Secret-0123456789";
    private static final String REDIRECT = "http://127.0.0.1:9999/cb";
    private static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdef";

    private JiraSimulator sim;
    private SimHttp http;

    @BeforeEach
    void setUp() {
        sim = SimFixture.world();
        http = SimFixture.http();
        sim.addOAuthClient(OAuthClientSpec.of("svc", SECRET, "carol")
                .redirectUris(REDIRECT)
                .scopes("read:jira-work", "read:jira-user", "write:jira-work", "READ", "WRITE"));
    }

    @Test
    void clientCredentialsWithJsonBodyGivesAnHourLongBearerWithoutRefreshToken() {
        SimHttp.Reply reply = http.postJson("/oauth/token", null,
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"svc\",\"client_secret\":\"" + SECRET
                        + "\",\"audience\":\"api.atlassian.com\"}");

        assertEquals(200, reply.status());
        JsonNode token = reply.json();
        assertEquals(3600, token.get("expires_in").asInt());
        assertFalse(token.has("refresh_token"));
        SimHttp.Reply myself = http.get("/rest/api/3/myself", SimHttp.bearer(token.get("access_token").asText()));
        assertEquals(200, myself.status());
        assertEquals(sim.user("carol").accountId(), myself.json().get("accountId").asText());
        Secrecy.assertAbsent(Secrecy.everythingVisible(sim), SECRET, token.get("access_token").asText());
    }

    @Test
    void clientCredentialsWithFormBodyOnDataCenterEndpointWorksAndExpiresOnTheSimulatedClock() {
        String access = dcClientCredentials();
        assertEquals(200, http.get("/rest/api/2/myself", SimHttp.bearer(access)).status());

        sim.advanceClock(Duration.ofSeconds(3600));

        assertEquals(401, http.get("/rest/api/2/myself", SimHttp.bearer(access)).status());
    }

    @Test
    void perClientAccessTokenLifetimeIsConfigurable() {
        sim.addOAuthClient(OAuthClientSpec.of("short", SECRET, "carol").accessTokenTtl(Duration.ofSeconds(60)));

        JsonNode token = http.postForm("/oauth/token", null,
                "grant_type=client_credentials&client_id=short&client_secret=" + SECRET).json();

        assertEquals(60, token.get("expires_in").asInt());
    }

    @Test
    void wrongClientSecretIs401InvalidClientAndNothingIsIssued() {
        SimHttp.Reply reply = http.postForm("/oauth/token", null,
                "grant_type=client_credentials&client_id=svc&client_secret=wrong-secret-value");

        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().get("error").asText());
        assertEquals(0, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_GRANT).count());
        assertEquals(1, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.LOGIN_FAILED
                && "OAuth 2.0 token request refused: invalid_client".equals(e.description())).count());
        Secrecy.assertAbsent(reply.body() + Secrecy.everythingVisible(sim), "wrong-secret-value", SECRET);
    }

    @Test
    void authorizationCodeWithPkceS256RedirectsWithCodeAndStateThenExchanges() {
        String code = authorize("/authorize", Pkce.s256(VERIFIER), "S256", "read:jira-work offline_access");

        SimHttp.Reply token = http.postJson("/oauth/token", null, "{\"grant_type\":\"authorization_code\","
                + "\"client_id\":\"svc\",\"client_secret\":\"" + SECRET + "\",\"code\":\"" + code
                + "\",\"redirect_uri\":\"" + REDIRECT + "\",\"code_verifier\":\"" + VERIFIER + "\"}");

        assertEquals(200, token.status());
        assertTrue(token.json().has("refresh_token"));
        assertEquals("read:jira-work offline_access", token.json().get("scope").asText());
        assertEquals(1, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_CONSENT).count());
    }

    @Test
    void authorizationCodeWithWrongVerifierIsInvalidGrantAndTheCodeIsSpent() {
        String code = authorize("/rest/oauth2/latest/authorize", VERIFIER, "plain", "READ");

        SimHttp.Reply wrong = http.postForm("/rest/oauth2/latest/token", null, "grant_type=authorization_code"
                + "&client_id=svc&client_secret=" + SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER + "x");
        SimHttp.Reply again = http.postForm("/rest/oauth2/latest/token", null, "grant_type=authorization_code"
                + "&client_id=svc&client_secret=" + SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER);

        assertEquals(400, wrong.status());
        assertEquals("invalid_grant", wrong.json().get("error").asText());
        assertEquals(400, again.status());
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenStillWorksInsideTheTenMinuteLeeway() {
        JsonNode first = cloudCodeGrant();
        JsonNode second = refresh(first.get("refresh_token").asText()).json();

        sim.advanceClock(Duration.ofMinutes(9));
        SimHttp.Reply reuse = refresh(first.get("refresh_token").asText());

        assertThat(second.get("refresh_token").asText()).isNotEqualTo(first.get("refresh_token").asText());
        assertEquals(200, reuse.status());
        assertEquals(200, http.get("/rest/api/3/myself", SimHttp.bearer(second.get("access_token").asText())).status());
    }

    @Test
    void reuseOfARotatedRefreshTokenAfterTheLeewayRevokesTheWholeFamily() {
        JsonNode first = cloudCodeGrant();
        JsonNode second = refresh(first.get("refresh_token").asText()).json();

        sim.advanceClock(Duration.ofMinutes(11));
        SimHttp.Reply reuse = refresh(first.get("refresh_token").asText());

        assertEquals(403, reuse.status());
        assertEquals("invalid_grant", reuse.json().get("error").asText());
        assertEquals("Unknown or invalid refresh token.", reuse.json().get("error_description").asText());
        assertEquals(403, refresh(second.get("refresh_token").asText()).status());
        assertEquals(401, http.get("/rest/api/3/myself", SimHttp.bearer(second.get("access_token").asText())).status());
        assertEquals(1, sim.auditEntries().stream().filter(e -> e.kind() == AuditKind.OAUTH_REVOKED).count());
    }

    @Test
    void dataCenterRefreshInvalidatesThePreviousAccessToken() {
        String code = authorize("/rest/oauth2/latest/authorize", Pkce.s256(VERIFIER), "S256", "READ");
        JsonNode first = http.postForm("/rest/oauth2/latest/token", null, "grant_type=authorization_code&client_id=svc"
                + "&client_secret=" + SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER).json();

        JsonNode second = http.postForm("/rest/oauth2/latest/token", null, "grant_type=refresh_token&client_id=svc"
                + "&client_secret=" + SECRET + "&refresh_token=" + enc(first.get("refresh_token").asText())).json();

        assertEquals(401, http.get("/rest/api/2/myself", SimHttp.bearer(first.get("access_token").asText())).status());
        assertEquals(200, http.get("/rest/api/2/myself", SimHttp.bearer(second.get("access_token").asText())).status());
    }

    @Test
    void accessibleResourcesNamesTheSiteAndTheTokensScopes() {
        JsonNode token = cloudCodeGrant();

        SimHttp.Reply reply = http.get("/oauth/token/accessible-resources",
                SimHttp.bearer(token.get("access_token").asText()));

        assertEquals(200, reply.status());
        assertEquals(sim.cloudId(), reply.json().get(0).get("id").asText());
        assertEquals(sim.baseUrl(), reply.json().get(0).get("url").asText());
        assertEquals("offline_access", reply.json().get(0).get("scopes").get(0).asText());
    }

    @Test
    void cloudTokenWithoutTheScopeIs401ScopeDoesNotMatch() {
        sim.addOAuthClient(OAuthClientSpec.of("narrow", SECRET, "carol").scopes("read:jira-user"));
        String access = http.postForm("/oauth/token", null,
                "grant_type=client_credentials&client_id=narrow&client_secret=" + SECRET).json()
                .get("access_token").asText();

        SimHttp.Reply reply = http.get("/rest/api/3/project/OPS", SimHttp.bearer(access));

        assertEquals(401, reply.status());
        assertEquals("Unauthorized; scope does not match", reply.json().get("errorMessages").get(0).asText());
    }

    @Test
    void authorizeRejectsAnUnregisteredRedirectUri() {
        SimHttp.Reply reply = http.get("/authorize?client_id=svc&response_type=code&redirect_uri="
                + enc("http://evil.example/cb"), null);

        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().get("error").asText());
    }

    private String dcClientCredentials() {
        SimHttp.Reply reply = http.postForm("/rest/oauth2/latest/token", null,
                "grant_type=client_credentials&client_id=svc&client_secret=" + SECRET + "&scope=READ");
        assertEquals(200, reply.status());
        return reply.json().get("access_token").asText();
    }

    private JsonNode cloudCodeGrant() {
        String code = authorize("/authorize", Pkce.s256(VERIFIER), "S256", "read:jira-user offline_access");
        SimHttp.Reply token = http.postForm("/oauth/token", null, "grant_type=authorization_code&client_id=svc"
                + "&client_secret=" + SECRET + "&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER);
        assertEquals(200, token.status());
        return token.json();
    }

    private SimHttp.Reply refresh(String refreshToken) {
        return http.postJson("/oauth/token", null, "{\"grant_type\":\"refresh_token\",\"client_id\":\"svc\","
                + "\"client_secret\":\"" + SECRET + "\",\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private String authorize(String path, String challenge, String method, String scope) {
        SimHttp.Reply reply = http.get(path + "?audience=api.atlassian.com&client_id=svc&response_type=code&prompt=consent"
                + "&redirect_uri=" + enc(REDIRECT) + "&state=xyz%20123&scope=" + enc(scope)
                + "&code_challenge=" + enc(challenge) + "&code_challenge_method=" + method, null);
        assertEquals(302, reply.status());
        URI location = URI.create(reply.header("Location").orElseThrow());
        assertEquals("/cb", location.getPath());
        Map<String, String> query = java.util.Arrays.stream(location.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertEquals("xyz 123", query.get("state"));
        return query.get("code");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
