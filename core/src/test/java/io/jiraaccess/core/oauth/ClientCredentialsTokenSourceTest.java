package io.jiraaccess.core.oauth;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.AccessToken;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.jiraaccess.core.oauth.OAuthSpecs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClientCredentialsTokenSourceTest {
    private static final String ACCESS = "at-0f9e8d7c6b5a49382716aabbccdd";

    private final TestClock clock = new TestClock();
    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CLIENT_SECRET, ACCESS);

    @Test
    void sendsTheClientSecretInTheFormBodyWithAudienceAndScopesByDefault() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, null, 3600, "read:jira-work write:jira-work"));
        ClientCredentialsTokenSource source = new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials("api.atlassian.com", null, "read:jira-work", "write:jira-work"), endpoint, clock);

        AccessToken token = source.fetch();

        FakeTokenEndpoint.Received r = endpoint.last();
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "svc-client", "client_secret", CLIENT_SECRET,
                "scope", "read:jira-work write:jira-work", "audience", "api.atlassian.com"), r.form());
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", r.header("Content-Type"));
        assertNull(r.header("Authorization"));
        assertEquals(ACCESS, token.value().reveal());
        assertEquals(clock.instant().plus(Duration.ofHours(1)), token.expiresAt());
        assertEquals(List.of("read:jira-work", "write:jira-work"), token.scopes());
    }

    @Test
    void sendsBasicAuthenticationWhenConfigured() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, null, 3600, null));
        new ClientCredentialsTokenSource(OAuthSpecs.clientCredentials(null, OAuthClientAuth.CLIENT_SECRET_BASIC),
                endpoint, clock).fetch();

        FakeTokenEndpoint.Received r = endpoint.last();
        assertEquals(Map.of("grant_type", "client_credentials"), r.form());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("svc-client:" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, r.header("Authorization"));
    }

    @Test
    void grantedScopesDefaultToTheRequestedOnesWhenTheServerDoesNotSay() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, null, 600, null));
        AccessToken token = new ClientCredentialsTokenSource(OAuthSpecs.clientCredentials(null, null, "READ"),
                endpoint, clock).fetch();
        assertEquals(List.of("READ"), token.scopes());
        assertEquals(clock.instant().plusSeconds(600), token.expiresAt());
    }

    @Test
    void missingExpiresInIsTreatedAsAShortLifetime() {
        endpoint.thenJson(200, FakeTokenEndpoint.tokens(ACCESS, null, 0, null));
        AccessToken token = new ClientCredentialsTokenSource(OAuthSpecs.clientCredentials(null, null),
                endpoint, clock).fetch();
        assertEquals(clock.instant().plus(TokenEndpoint.ASSUMED_LIFETIME), token.expiresAt());
    }

    @Test
    void refusedClientNamesTheCredentialAndErrorCodeButNeverTheSecretItEchoed() {
        endpoint.thenJson(401, FakeTokenEndpoint.error("invalid_client", "client secret " + CLIENT_SECRET + " is wrong"));
        AuthenticationException e = leaks.thrown(AuthenticationException.class, () -> new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials(null, null), endpoint, clock).fetch());
        assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token refused the "
                + "client_credentials grant with HTTP 401: invalid_client (description withheld: it quoted a secret); "
                + "check clientId and clientSecret, and clientAuth (client_secret_post or client_secret_basic)",
                e.getMessage());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET), SecretLeaks.messages(e));
    }

    @Test
    void refusalShowsTheServersDescriptionWhenItIsSafe() {
        endpoint.thenJson(400, FakeTokenEndpoint.error("invalid_scope", "Invalid scopes: admin"));
        AuthenticationException e = leaks.thrown(AuthenticationException.class, () -> new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials(null, null, "admin"), endpoint, clock).fetch());
        assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token refused the "
                + "client_credentials grant with HTTP 400: invalid_scope (Invalid scopes: admin); check scopes: the "
                + "client may not request them", e.getMessage());
    }

    @Test
    void unavailableEndpointIsAJiraFailureWithItsStatus() {
        endpoint.thenJson(503, FakeTokenEndpoint.error("temporarily_unavailable", null));
        JiraException e = leaks.thrown(JiraException.class, () -> new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials(null, null), endpoint, clock).fetch());
        assertEquals(503, e.status());
        assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token answered HTTP 503 "
                + "(temporarily_unavailable); it is unavailable for now, the request is retried later", e.getMessage());
    }

    @Test
    void unreachableEndpointIsAJiraFailureWithoutStatus() {
        endpoint.then(r -> {
            throw new ConnectException("Connection refused");
        });
        JiraException e = leaks.thrown(JiraException.class, () -> new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials(null, null), endpoint, clock).fetch());
        assertEquals(0, e.status());
        assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token cannot be reached "
                + "(ConnectException); check tokenUrl and the network, the request is retried later", e.getMessage());
    }

    @Test
    void answerThatIsNotAnOAuthResponseIsNotQuoted() {
        String echoed = "<html>login page for " + CLIENT_SECRET + "</html>";
        endpoint.then(r -> {
            HTTPResponse html = new HTTPResponse(200);
            html.setHeader("Content-Type", "text/html");
            html.setBody(echoed);
            return html;
        });
        JiraException e = leaks.thrown(JiraException.class, () -> new ClientCredentialsTokenSource(
                OAuthSpecs.clientCredentials(null, null), endpoint, clock).fetch());
        assertEquals("credential svc-jira: the token endpoint https://auth.example.com/oauth/token answered HTTP 200 "
                + "with something that is not an OAuth token response; check that tokenUrl is the token endpoint",
                e.getMessage());
        assertNull(e.getCause());
        SecretLeaks.assertAbsent(List.of(CLIENT_SECRET), SecretLeaks.messages(e));
    }
}
