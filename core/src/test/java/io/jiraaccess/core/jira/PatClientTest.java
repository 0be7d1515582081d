package io.jiraaccess.core.jira;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed PAT API client against WireMock answering as Jira Data Center does. */
class PatClientTest {
    static final String CURRENT = "NjQ3OTkwMjYxMzQ1OmN1cnJlbnQtdG9rZW4tc2VjcmV0";
    static final String RAW = "MTIzNDU2Nzg5MDEyOm5ldy10b2tlbi1zZWNyZXQtdmFsdWU";
    static WireMockServer jira;

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CURRENT, RAW);

    @BeforeAll
    static void start() {
        jira = new WireMockServer(options().dynamicPort());
        jira.start();
    }

    @AfterAll
    static void stop() {
        jira.stop();
    }

    @BeforeEach
    void reset() {
        jira.resetAll();
    }

    private PatClient client() {
        PatSpec spec = new PatSpec(new CredentialSpec.Common("ci", URI.create("http://localhost:" + jira.port() + "/jira"),
                null, null, null, null), SecretValue.of(CURRENT), null);
        AuthHeader bearer = new AuthHeader("Bearer", SecretValue.of(CURRENT));
        Authenticator auth = new Authenticator() {
            @Override
            public CredentialSpec spec() {
                return spec;
            }

            @Override
            public AuthHeader authorize(String method, URI target) {
                return bearer;
            }
        };
        return new PatClient(JiraClient.builder(auth)
                .settings(HttpSettings.DEFAULT.withMaxAttempts(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                .build());
    }

    @Test
    void createSendsNameAndDaysAndReturnsTheRawTokenOnlyAsASecret() {
        jira.stubFor(post("/jira/rest/pat/latest/tokens").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":105,\"name\":\"ci \\\"bot\\\"-rot1\",\"createdAt\":\"2025-03-01T10:00:00.000+0000\","
                        + "\"expiringAt\":\"2025-04-30T10:00:00.000+0000\",\"rawToken\":\"" + RAW + "\"}")));

        CreatedPat created = client().create("ci \"bot\"-rot1", 60);
        leaks.captured(created.toString());

        assertEquals(105, created.id());
        assertEquals("ci \"bot\"-rot1", created.info().name());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), created.info().createdAt());
        assertEquals(Instant.parse("2025-04-30T10:00:00Z"), created.info().expiringAt());
        assertEquals(RAW, created.token().reveal());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/jira/rest/pat/latest/tokens"))
                .withHeader("Authorization", equalTo("Bearer " + CURRENT))
                .withRequestBody(equalToJson("{\"name\":\"ci \\\"bot\\\"-rot1\",\"expirationDuration\":60}")));
    }

    @Test
    void createIsNotRepeatedWhenJiraFailsBecauseARepeatWouldMakeASecondToken() {
        jira.stubFor(post("/jira/rest/pat/latest/tokens").willReturn(aResponse().withStatus(503)));
        JiraException e = leaks.thrown(JiraException.class, () -> client().create("n", 30));
        assertEquals(503, e.status());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/jira/rest/pat/latest/tokens")));
    }

    @Test
    void createAnswerWithoutRawTokenIsAnErrorNamingTheFix() {
        jira.stubFor(post("/jira/rest/pat/latest/tokens").willReturn(okJson("{\"id\":1,\"name\":\"n\"}")));
        JiraException e = leaks.thrown(JiraException.class, () -> client().create("n", 30));
        assertEquals("credential ci: Jira's answer to POST /rest/pat/latest/tokens has no rawToken; check that the site "
                + "is Jira Data Center 8.14 or later", e.getMessage());
    }

    @Test
    void listReadsJiraDatesAndTreatsYear9999AsNever() {
        jira.stubFor(get("/jira/rest/pat/latest/tokens").willReturn(okJson("[{\"id\":7,\"name\":\"a\","
                + "\"createdAt\":\"2025-01-02T03:04:05.678+0100\",\"expiringAt\":\"9999-12-31T23:59:59.999+0000\","
                + "\"lastAccessedAt\":\"2025-02-01T00:00:00.000Z\"},{\"id\":8,\"name\":\"b\",\"createdAt\":1735689600000}]")));

        List<PatInfo> tokens = client().list();

        assertEquals(2, tokens.size());
        assertEquals(new PatInfo(7, "a", Instant.parse("2025-01-02T02:04:05.678Z"), null,
                Instant.parse("2025-02-01T00:00:00Z"), null), tokens.get(0));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), tokens.get(1).createdAt());
        assertNull(tokens.get(1).expiringAt());
    }

    @Test
    void listThatIsNotAnArrayIsAnErrorNotAnEmptyList() {
        jira.stubFor(get("/jira/rest/pat/latest/tokens").willReturn(okJson("{\"values\":[]}")));
        JiraException e = leaks.thrown(JiraException.class, () -> client().list());
        assertEquals("credential ci: Jira's answer to GET /rest/pat/latest/tokens is not a JSON array; check that the "
                + "site is Jira Data Center 8.14 or later", e.getMessage());
    }

    @Test
    void revokeIsIdempotentBecauseAnUnknownTokenNoLongerWorksEither() {
        jira.stubFor(delete("/jira/rest/pat/latest/tokens/5").willReturn(aResponse().withStatus(204)));
        jira.stubFor(delete("/jira/rest/pat/latest/tokens/6").willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessages\":[\"No personal access token with that id.\"]}")));
        assertTrue(client().revoke(5));
        assertFalse(client().revoke(6));
        jira.verify(exactly(1), deleteRequestedFor(urlEqualTo("/jira/rest/pat/latest/tokens/6")));
    }

    @Test
    void refusedCredentialIsAnAuthenticationFailure() {
        jira.stubFor(delete("/jira/rest/pat/latest/tokens/5").willReturn(aResponse().withStatus(401)));
        AuthenticationException e = leaks.thrown(AuthenticationException.class, () -> client().revoke(5));
        assertTrue(e.getMessage().startsWith("credential ci: DELETE localhost:" + jira.port()
                + "/jira/rest/pat/latest/tokens/5 -> 401"), e.getMessage());
    }

    @Test
    void rateLimitThatOutlastsTheRetriesCarriesJirasRetryAfter() {
        jira.stubFor(get("/jira/rest/pat/latest/tokens").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")));
        jira.stubFor(post("/jira/rest/pat/latest/tokens").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")));
        RateLimitedException e = leaks.thrown(RateLimitedException.class, () -> client().list());
        assertEquals(429, e.status());
        assertEquals(Duration.ZERO, e.retryAfter());
    }

    @Test
    void myselfNamesTheDataCenterUserByKey() {
        jira.stubFor(get("/jira/rest/api/2/myself").willReturn(okJson("{\"key\":\"JIRAUSER10100\",\"name\":\"ci-bot\","
                + "\"displayName\":\"CI Bot\"}")));
        JiraUser user = client().myself();
        assertEquals(new JiraUser("JIRAUSER10100", "ci-bot", null, "CI Bot"), user);
        assertEquals("JIRAUSER10100", user.identity());
        assertEquals("ci-bot", user.displayId());
    }

    @Test
    void adminSearchFollowsPagesAndNamesOwners() {
        jira.stubFor(post("/jira/rest/pat/latest/tokens/search?start=0&limit=100").willReturn(okJson("{\"values\":[{\"id\":1,"
                + "\"name\":\"jira-access-ci-rot20250301T100000Z-abcdef\",\"userProfileResource\":{\"name\":\"ci-bot\"},"
                + "\"createdAt\":\"2025-03-01T10:00:00.000+0000\",\"expiringAt\":\"2025-04-30T10:00:00.000+0000\"}],"
                + "\"isLastPage\":false}")));
        jira.stubFor(post("/jira/rest/pat/latest/tokens/search?start=100&limit=100").willReturn(okJson("{\"values\":[{\"id\":2,"
                + "\"name\":\"x\",\"userProfileResource\":{\"name\":\"alice\"}}],\"isLastPage\":true}")));

        List<PatInfo> all = client().search("jira-access", List.of("ci-bot", "alice"));

        assertEquals(List.of(1L, 2L), all.stream().map(PatInfo::id).toList());
        assertEquals(List.of("ci-bot", "alice"), all.stream().map(PatInfo::owner).toList());
        jira.verify(postRequestedFor(urlEqualTo("/jira/rest/pat/latest/tokens/search?start=0&limit=100"))
                .withRequestBody(equalToJson("{\"name\":\"jira-access\",\"users\":[\"ci-bot\",\"alice\"]}")));
    }
}
