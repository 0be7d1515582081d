package io.jiraaccess.core.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.ApiTokenAuthenticator;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.auth.PatAuthenticator;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.connect.JwtVerifier;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.LogCapture;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against WireMock: retries, backoff, redirects, host allowlist, timeouts, guard, events, secrets. */
class JiraClientTest {
    static final String PAT = "pat-Secret-0123456789-abcdefgh";
    static final String ROTATED_PAT = "pat-Rotated-9876543210-zyxwvu";
    static final String API_TOKEN = "TESTATATTx-api-token-0123456789";
    static final String EMAIL = "ci@acme.example";
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Fingerprinter FP = new Fingerprinter(KEY);
    static final HttpSettings FAST = HttpSettings.DEFAULT.withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    static WireMockServer jira;
    /** Another host: reached as 127.0.0.1 while the site is localhost, so allow.hosts tells them apart. */
    static WireMockServer other;

    final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = new ArrayList<>();
    LogCapture logs;

    @BeforeAll
    static void startServers() {
        jira = new WireMockServer(options().dynamicPort());
        other = new WireMockServer(options().dynamicPort());
        jira.start();
        other.start();
    }

    @AfterAll
    static void stopServers() {
        jira.stop();
        other.stop();
    }

    @BeforeEach
    void reset() {
        jira.resetAll();
        other.resetAll();
        logs = LogCapture.start();
    }

    @AfterEach
    void noSecretAnywhere() {
        logs.close();
        StringBuilder captured = new StringBuilder(logs.text());
        events.forEach(e -> captured.append('\n').append(e.toJson()));
        messages.forEach(m -> captured.append('\n').append(m));
        assertNoSecret("events, logs and messages", captured.toString(), PAT, ROTATED_PAT, API_TOKEN);
        assertTrue(!captured.toString().contains("Authorization"), "an Authorization header was captured");
    }

    // ---------------------------------------------------------------- fixtures

    static String site() {
        return "http://localhost:" + jira.port();
    }

    static String otherBase() {
        return "http://127.0.0.1:" + other.port();
    }

    static PatSpec pat(String site, AllowPolicy allow) {
        return new PatSpec(new CredentialSpec.Common("ci", URI.create(site), null, "ci-bot", null, allow), SecretValue.of(PAT), null);
    }

    AuthContext ctx(InMemoryCredentialStore store) {
        return new AuthContext(store, new TokenBroker(), events::add, FP, Clock.systemUTC(), "test-runner");
    }

    Authenticator patAuth(AllowPolicy allow) {
        return new PatAuthenticator(pat(site(), allow), ctx(new InMemoryCredentialStore()));
    }

    JiraClient client(Authenticator a, HttpSettings settings) {
        return JiraClient.builder(a).events(events::add).fingerprinter(FP).serviceName("test-runner")
                .pipeline("deploy", "17", "https://ci.example.com/job/deploy/17/", "agent-1")
                .settings(settings).sleeper(sleeps::add).random(new Random(7)).build();
    }

    JiraClient client() {
        return client(patAuth(AllowPolicy.DEFAULT), FAST);
    }

    <T extends Throwable> T thrown(Class<T> type, Executable call) {
        T e = assertThrows(type, call);
        messages.add(e.getMessage());
        return e;
    }

    List<AuditEvent> eventsOf(String action) {
        synchronized (events) {
            return events.stream().filter(e -> action.equals(e.action())).toList();
        }
    }

    static void stubSequence(String method, String url, int... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "step-" + (i + 1);
            jira.stubFor(any(urlEqualTo(url)).withName(method + i).inScenario("seq").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(statuses[i]).withBody("{\"n\":" + i + "}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    // ---------------------------------------------------------------- basics

    @Test
    void sendsTheCredentialHeaderAndReturnsJirasAnswer() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200)
                .withHeader("X-AREQUESTID", "abc").withBody("{\"name\":\"ci-bot\"}")));
        JiraResponse r = client().send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(200, r.status());
        assertEquals("ci-bot", r.json().path("name").asText());
        assertEquals("abc", r.header("x-arequestid"));
        assertEquals(URI.create(site() + "/rest/api/2/myself"), r.uri());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself"))
                .withHeader("Authorization", equalTo("Bearer " + PAT))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", absent()));
    }

    @Test
    void contextPathOfTheSiteIsKept() {
        jira.stubFor(get("/jira/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{}")));
        Authenticator a = new PatAuthenticator(pat(site() + "/jira/", AllowPolicy.DEFAULT), ctx(new InMemoryCredentialStore()));
        assertEquals(200, client(a, FAST).send(JiraRequest.get("rest/api/2/myself")).status());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/jira/rest/api/2/myself")));
    }

    @Test
    void postSendsTheJsonBody() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(201).withBody("{\"key\":\"ABC-1\"}")));
        JiraResponse r = client().send(JiraRequest.post("/rest/api/2/issue", "{\"fields\":{\"project\":{\"key\":\"ABC\"}}}"));
        assertEquals("ABC-1", r.json().path("key").asText());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/2/issue"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"fields\":{\"project\":{\"key\":\"ABC\"}}}")));
    }

    @Test
    void invalidPathIsAConfigurationErrorThatDoesNotQuoteTheQuery() {
        ConfigurationException e = thrown(ConfigurationException.class,
                () -> client().send(JiraRequest.get("/rest/api/2/search?jql=a b&token=" + PAT)));
        assertTrue(e.getMessage().startsWith("credential ci: '/rest/api/2/search?…' is not a valid request path"), e.getMessage());
        assertEquals(0, jira.getAllServeEvents().size());
    }

    // ---------------------------------------------------------------- retries and backoff

    @Test
    void rateLimitedRequestIsRetriedHonouringRetryAfter() {
        jira.stubFor(get("/rest/api/2/myself").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("second"));
        jira.stubFor(get("/rest/api/2/myself").inScenario("rl").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        jira.stubFor(get("/rest/api/2/myself").inScenario("rl").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        JiraResponse r = client().send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(200, r.status());
        jira.verify(exactly(3), getRequestedFor(urlEqualTo("/rest/api/2/myself")));
        assertEquals(2, sleeps.size());
        assertEquals(Duration.ofSeconds(2), sleeps.get(0));
        // no Retry-After the second time: backoff for retry 2 is in [100, 200] ms
        long second = sleeps.get(1).toMillis();
        assertTrue(second >= 100 && second <= 200, second + " ms");
        assertEquals(List.of(429L, 429L, 200L), eventsOf("token.used").stream()
                .map(e -> ((Number) e.get("http.response.status_code")).longValue()).toList());
    }

    @Test
    void retryAfterAsHttpDateIsHonouredAndCapped() {
        Instant now = Instant.parse("2025-06-01T10:00:00Z");
        jira.stubFor(get("/rest/api/2/myself").inScenario("d").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Sun, 01 Jun 2025 10:00:03 GMT")).willSetStateTo("2"));
        jira.stubFor(get("/rest/api/2/myself").inScenario("d").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "86400")).willSetStateTo("3"));
        jira.stubFor(get("/rest/api/2/myself").inScenario("d").whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(200)));
        JiraClient c = JiraClient.builder(patAuth(AllowPolicy.DEFAULT)).events(events::add).settings(FAST)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).sleeper(sleeps::add).build();
        assertEquals(200, c.send(JiraRequest.get("/rest/api/2/myself")).status());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void rateLimitThatNeverLiftsGivesUpAfterMaxAttempts() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(429)));
        JiraClient c = client(patAuth(AllowPolicy.DEFAULT), FAST.withMaxAttempts(3));
        JiraResponse r = c.send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(429, r.status());
        jira.verify(exactly(3), getRequestedFor(urlEqualTo("/rest/api/2/myself")));
        assertEquals(2, sleeps.size());
        long first = sleeps.get(0).toMillis();
        long second = sleeps.get(1).toMillis();
        assertTrue(first >= 50 && first <= 100, first + " ms");
        assertTrue(second >= 100 && second <= 200, second + " ms");

        sleeps.clear();
        JiraException e = thrown(JiraException.class, () -> c.sendOrThrow(JiraRequest.get("/rest/api/2/myself")));
        assertEquals(429, e.status());
        assertEquals("credential ci: GET localhost:" + jira.port() + "/rest/api/2/myself -> 429: Jira is rate limiting this "
                + "credential and 3 attempts did not get through; try again later or lower the request rate", e.getMessage());
    }

    @Test
    void serverErrorsAreRetriedForIdempotentRequests() {
        stubSequence("GET", "/rest/api/2/issue/ABC-1", 503, 502, 500, 200);
        assertEquals(200, client().send(JiraRequest.get("/rest/api/2/issue/ABC-1")).status());
        jira.verify(exactly(4), getRequestedFor(urlEqualTo("/rest/api/2/issue/ABC-1")));
        assertEquals(3, sleeps.size());
    }

    @Test
    void putAndDeleteAreRetriedOnServerErrors() {
        stubSequence("PUT", "/rest/api/2/issue/ABC-1", 503, 204);
        assertEquals(204, client().send(JiraRequest.put("/rest/api/2/issue/ABC-1", "{}")).status());
        jira.resetAll();
        stubSequence("DELETE", "/rest/api/2/issue/ABC-2", 500, 204);
        assertEquals(204, client().send(JiraRequest.delete("/rest/api/2/issue/ABC-2")).status());
        assertEquals(2, jira.getAllServeEvents().size());
    }

    @Test
    void nonIdempotentPostIsNotRetriedOnServerErrors() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(503)));
        JiraResponse r = client().send(JiraRequest.post("/rest/api/2/issue", "{\"fields\":{}}"));
        assertEquals(503, r.status());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/2/issue")));
        assertEquals(List.of(), sleeps);
    }

    @Test
    void rateLimitedPostIsRetriedBecauseJiraDidNotProcessIt() {
        stubSequence("POST", "/rest/api/2/issue", 429, 201);
        assertEquals(201, client().send(JiraRequest.post("/rest/api/2/issue", "{}")).status());
        jira.verify(exactly(2), postRequestedFor(urlEqualTo("/rest/api/2/issue")));
    }

    @Test
    void searchPostIsAReadAndIsRetriedOnServerErrors() {
        stubSequence("POST", "/rest/api/2/search", 503, 200);
        assertEquals(200, client().send(JiraRequest.post("/rest/api/2/search", "{\"jql\":\"project = ABC\"}")).status());
        jira.verify(exactly(2), postRequestedFor(urlEqualTo("/rest/api/2/search")));
    }

    @Test
    void notImplementedIsNotRetried() {
        jira.stubFor(get("/rest/api/2/x").willReturn(aResponse().withStatus(501)));
        assertEquals(501, client().send(JiraRequest.get("/rest/api/2/x")).status());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/x")));
    }

    @Test
    void clientErrorsAreReturnedAtOnce() {
        jira.stubFor(get("/rest/api/2/issue/ABC-9").willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}")));
        JiraClient c = client();
        assertEquals(404, c.send(JiraRequest.get("/rest/api/2/issue/ABC-9")).status());
        JiraException e = thrown(JiraException.class, () -> c.sendOrThrow(JiraRequest.get("/rest/api/2/issue/ABC-9")));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("-> 404 (Jira says: Issue does not exist or you do not have permission to see it.): "
                + "not found; check the path"), e.getMessage());
        jira.verify(exactly(2), getRequestedFor(urlEqualTo("/rest/api/2/issue/ABC-9")));
    }

    // ---------------------------------------------------------------- redirects and hosts

    @Test
    void redirectOnTheSameHostIsFollowedWithTheCredential() {
        jira.stubFor(get("/old/myself").willReturn(aResponse().withStatus(301).withHeader("Location", "/rest/api/2/myself")));
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        JiraResponse r = client().send(JiraRequest.get("/old/myself"));
        assertEquals(200, r.status());
        assertEquals(URI.create(site() + "/rest/api/2/myself"), r.uri());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/old/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
        assertEquals(2, eventsOf("token.used").size());
    }

    @Test
    void redirectToAnotherHostIsRefusedAndTheCredentialNeverGoesThere() {
        other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(302)
                .withHeader("Location", otherBase() + "/steal?from=jira")));
        PolicyViolationException e = thrown(PolicyViolationException.class, () -> client().send(JiraRequest.get("/rest/api/2/myself")));
        assertEquals("allow.hosts", e.rule());
        assertEquals("credential ci: GET to http://127.0.0.1:" + other.port() + " refused: allow.hosts permits only "
                + "[http://localhost:" + jira.port() + "], so the credential is not sent there; if 127.0.0.1 on port "
                + other.port() + " is really this Jira, add it to allow.hosts in the credential file (with its port when "
                + "it differs from the site's) (Jira redirected localhost:" + jira.port() + "/rest/api/2/myself there "
                + "(status 302))", e.getMessage());
        assertEquals(0, other.getAllServeEvents().size(), "the other host received a request");
        List<AuditEvent> violations = eventsOf("policy.violation");
        assertEquals(1, violations.size());
        assertEquals("allow.hosts", violations.get(0).get("rule.name"));
        assertEquals("127.0.0.1", violations.get(0).get("url.domain"));
        assertEquals("/steal", violations.get(0).get("url.path"));
        assertEquals("failure", violations.get(0).outcome());
        assertEquals(List.of("configuration"), violations.get(0).get("event.category"));
    }

    @Test
    void redirectToAnAllowedOtherHostIsFollowedWithTheCredential() {
        other.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{\"dr\":true}")));
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(307)
                .withHeader("Location", otherBase() + "/rest/api/2/myself")));
        Authenticator a = patAuth(new AllowPolicy(List.of("localhost", "127.0.0.1:" + other.port()), List.of(), null));
        JiraResponse r = client(a, FAST).send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(true, r.json().path("dr").asBoolean());
        other.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
    }

    /**
     * Finding 4 of issue 14: the site's own host on another port is another listener (another service, another
     * user's process). Two real loopback listeners: the one on the other port receives nothing, so no header.
     */
    @Test
    void redirectToTheSameHostOnAnotherPortIsRefusedAndThatListenerHearsNothing() {
        String sameHostOtherPort = "http://localhost:" + other.port();
        other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(302)
                .withHeader("Location", sameHostOtherPort + "/rest/api/2/myself")));
        for (AllowPolicy allow : List.of(AllowPolicy.DEFAULT, new AllowPolicy(List.of("localhost"), List.of(), null))) {
            PolicyViolationException e = thrown(PolicyViolationException.class,
                    () -> client(patAuth(allow), FAST).send(JiraRequest.get("/rest/api/2/myself")));
            assertEquals("allow.hosts", e.rule());
            assertTrue(e.getMessage().contains("GET to http://localhost:" + other.port() + " refused"), e.getMessage());
        }
        PolicyViolationException absolute = thrown(PolicyViolationException.class,
                () -> client().send(JiraRequest.get(sameHostOtherPort + "/rest/api/2/myself")));
        assertEquals("allow.hosts", absolute.rule());
        assertEquals(0, other.getAllServeEvents().size(), "the listener on the other port received a request");
        jira.verify(exactly(2), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
    }

    @Test
    void aPortWrittenInAllowHostsIsHonoured() {
        other.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{\"dr\":true}")));
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://localhost:" + other.port() + "/rest/api/2/myself")));
        Authenticator a = patAuth(new AllowPolicy(List.of("localhost", "localhost:" + other.port()), List.of(), null));
        assertEquals(true, client(a, FAST).send(JiraRequest.get("/rest/api/2/myself")).json().path("dr").asBoolean());
        other.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
    }

    @Test
    void temporaryRedirectOfAPostKeepsMethodAndBody() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(307).withHeader("Location", "/rest/api/3/issue")));
        jira.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(201)));
        assertEquals(201, client().send(JiraRequest.post("/rest/api/2/issue", "{\"a\":1}")).status());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/3/issue")).withRequestBody(equalToJson("{\"a\":1}")));
    }

    @Test
    void seeOtherAndFoundTurnAPostIntoAGetWithoutBody() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(303).withHeader("Location", "/rest/api/2/issue/ABC-1")));
        jira.stubFor(post("/rest/api/2/issue/ABC-1/comment").willReturn(aResponse().withStatus(302).withHeader("Location", "/done")));
        jira.stubFor(get("/rest/api/2/issue/ABC-1").willReturn(aResponse().withStatus(200)));
        jira.stubFor(get("/done").willReturn(aResponse().withStatus(200)));
        assertEquals(200, client().send(JiraRequest.post("/rest/api/2/issue", "{\"a\":1}")).status());
        assertEquals(200, client().send(JiraRequest.post("/rest/api/2/issue/ABC-1/comment", "{\"a\":1}")).status());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/issue/ABC-1")).withRequestBody(absent()));
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/done")));
    }

    @Test
    void redirectLoopStopsAfterMaxRedirects() {
        jira.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        JiraClient c = client(patAuth(AllowPolicy.DEFAULT), FAST.withMaxRedirects(3));
        JiraException e = thrown(JiraException.class, () -> c.send(JiraRequest.get("/loop")));
        assertEquals(302, e.status());
        assertTrue(e.getMessage().contains("was redirected more than 3 times; check the site URL"), e.getMessage());
        jira.verify(exactly(4), getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void redirectIntoAProjectOutsideThePolicyIsRefused() {
        jira.stubFor(get("/rest/api/2/issue/ABC-1").willReturn(aResponse().withStatus(301).withHeader("Location", "/rest/api/2/issue/XYZ-7")));
        jira.stubFor(get("/rest/api/2/issue/XYZ-7").willReturn(aResponse().withStatus(200)));
        Authenticator a = patAuth(new AllowPolicy(List.of(), List.of("ABC"), null));
        PolicyViolationException e = thrown(PolicyViolationException.class, () -> client(a, FAST).send(JiraRequest.get("/rest/api/2/issue/ABC-1")));
        assertEquals("allow.projects", e.rule());
        jira.verify(exactly(0), getRequestedFor(urlEqualTo("/rest/api/2/issue/XYZ-7")));
    }

    @Test
    void absoluteUrlOnAnotherHostIsRefusedBeforeSending() {
        PolicyViolationException e = thrown(PolicyViolationException.class,
                () -> client().send(JiraRequest.get(otherBase() + "/rest/api/2/myself")));
        assertEquals("allow.hosts", e.rule());
        assertEquals(0, other.getAllServeEvents().size());
        assertEquals(0, eventsOf("token.used").size());
        assertEquals(1, eventsOf("policy.violation").size());
    }

    @Test
    void absoluteUrlOnTheSiteIsSent() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200)));
        assertEquals(200, client().send(JiraRequest.get(site() + "/rest/api/2/myself")).status());
    }

    // ---------------------------------------------------------------- timeouts and network failures

    @Test
    void slowResponseTimesOutAndIdempotentRequestIsTriedMaxAttemptsTimes() {
        jira.stubFor(get("/rest/api/2/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        JiraClient c = client(patAuth(AllowPolicy.DEFAULT),
                FAST.withMaxAttempts(2).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        JiraException e = thrown(JiraException.class, () -> c.send(JiraRequest.get("/rest/api/2/slow")));
        assertEquals(0, e.status());
        assertEquals("credential ci: GET localhost:" + jira.port() + "/rest/api/2/slow failed after 2 attempts: no response "
                + "within 300 ms (request timeout); check that localhost is reachable from here and Jira is up", e.getMessage());
        jira.verify(exactly(2), getRequestedFor(urlEqualTo("/rest/api/2/slow")));
        List<AuditEvent> used = eventsOf("token.used");
        assertEquals(2, used.size());
        assertNull(used.get(0).get("http.response.status_code"));
        assertEquals("failure", used.get(0).outcome());
        assertEquals("no response within 300 ms (request timeout)", used.get(0).get("event.reason"));
    }

    @Test
    void bodyThatTricklesInSlowerThanTheTimeoutAlsoTimesOut() {
        jira.stubFor(get("/rest/api/2/drip").willReturn(aResponse().withStatus(200).withBody("x".repeat(1000))
                .withChunkedDribbleDelay(10, 4000)));
        JiraClient c = client(patAuth(AllowPolicy.DEFAULT),
                FAST.withMaxAttempts(1).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
        long started = System.nanoTime();
        JiraException e = thrown(JiraException.class, () -> c.send(JiraRequest.get("/rest/api/2/drip")));
        assertTrue(e.getMessage().contains("failed after 1 attempt: no response within 500 ms (request timeout)"), e.getMessage());
        assertTrue(System.nanoTime() - started < 3_500_000_000L, "the client waited for the whole body");
    }

    @Test
    void slowResponseToAPostIsNotRetried() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        JiraClient c = client(patAuth(AllowPolicy.DEFAULT), FAST.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        JiraException e = thrown(JiraException.class, () -> c.send(JiraRequest.post("/rest/api/2/issue", "{}")));
        assertTrue(e.getMessage().contains("failed after 1 attempt: no response within 300 ms"), e.getMessage());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/2/issue")));
    }

    @Test
    void refusedConnectionIsRetriedEvenForAPostBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Authenticator a = new PatAuthenticator(pat("http://localhost:" + closedPort, AllowPolicy.DEFAULT), ctx(new InMemoryCredentialStore()));
        JiraClient c = client(a, FAST.withMaxAttempts(3));
        JiraException e = thrown(JiraException.class, () -> c.send(JiraRequest.post("/rest/api/2/issue", "{}")));
        assertEquals("credential ci: POST localhost:" + closedPort + "/rest/api/2/issue failed after 3 attempts: connection "
                + "refused or unreachable; check that localhost is reachable from here and Jira is up", e.getMessage());
        assertEquals(2, sleeps.size());
        assertEquals(0, eventsOf("token.used").size(), "a token that never left is not 'used'");
    }

    // ---------------------------------------------------------------- guard

    @Test
    void refusedRequestSendsNothingAndEmitsAViolation() {
        Authenticator a = patAuth(new AllowPolicy(List.of(), List.of("ABC"), EnumSet.of(Operation.READ)));
        JiraClient c = client(a, FAST);
        PolicyViolationException projects = thrown(PolicyViolationException.class,
                () -> c.send(JiraRequest.get("/rest/api/2/search?jql=assignee%3DcurrentUser()")));
        assertEquals("allow.projects", projects.rule());
        PolicyViolationException ops = thrown(PolicyViolationException.class,
                () -> c.send(JiraRequest.post("/rest/api/2/issue/ABC-1/comment", "{\"body\":\"x\"}")));
        assertEquals("allow.operations", ops.rule());
        assertEquals(0, jira.getAllServeEvents().size());
        List<AuditEvent> v = eventsOf("policy.violation");
        assertEquals(2, v.size());
        assertEquals("allow.projects", v.get(0).get("rule.name"));
        assertEquals("/rest/api/2/search", v.get(0).get("url.path"));
        assertEquals("GET", v.get(0).get("http.request.method"));
        assertEquals(projects.getMessage(), v.get(0).get("event.reason"));
        assertEquals("allow.operations", v.get(1).get("rule.name"));
        assertEquals("ci", v.get(1).credentialId());
        assertEquals(List.of("ABC"), v.get(1).get("jira_access.credential.projects"));
        assertEquals(0, eventsOf("token.used").size());
    }

    @Test
    void allowedRestrictedRequestIsSent() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(aResponse().withStatus(200).withBody("{\"issues\":[]}")));
        Authenticator a = patAuth(new AllowPolicy(List.of(), List.of("ABC"), EnumSet.of(Operation.READ)));
        assertEquals(200, client(a, FAST).send(JiraRequest.get("/rest/api/2/search?jql=project%20%3D%20abc")).status());
        assertEquals(0, eventsOf("policy.violation").size());
    }

    // ---------------------------------------------------------------- 401 and token refresh

    @Test
    void unauthorizedBearerMakesTheAuthenticatorReReadTheStoreOnce() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        Authenticator a = new PatAuthenticator(pat(site(), AllowPolicy.DEFAULT), ctx(store));
        JiraClient c = client(a, FAST);
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + PAT))
                .willReturn(aResponse().withStatus(200)));
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + ROTATED_PAT))
                .willReturn(aResponse().withStatus(200)));
        assertEquals(200, c.send(JiraRequest.get("/rest/api/2/myself")).status());

        // another process rotates the PAT and Jira revokes the old one
        store.save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(ROTATED_PAT)));
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + PAT))
                .willReturn(aResponse().withStatus(401)));
        jira.resetRequests();
        events.clear();
        assertEquals(200, c.send(JiraRequest.get("/rest/api/2/myself")).status());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + ROTATED_PAT)));
        List<AuditEvent> used = eventsOf("token.used");
        assertEquals(2, used.size());
        assertEquals(FP.fingerprint(SecretValue.of(PAT)), used.get(0).fingerprint());
        assertEquals(FP.fingerprint(SecretValue.of(ROTATED_PAT)), used.get(1).fingerprint());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void unauthorizedTwiceIsRetriedOnlyOnceAndReported() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(401)));
        JiraClient c = client();
        JiraResponse r = c.send(JiraRequest.get("/rest/api/2/myself"));
        assertEquals(401, r.status());
        jira.verify(exactly(2), getRequestedFor(urlEqualTo("/rest/api/2/myself")));
        AuthenticationException e = thrown(AuthenticationException.class, () -> c.sendOrThrow(JiraRequest.get("/rest/api/2/myself")));
        assertEquals("credential ci: GET localhost:" + jira.port() + "/rest/api/2/myself -> 401: Jira did not accept the "
                + "credential; check that the token is valid, not expired or revoked, and belongs to localhost", e.getMessage());
        assertEquals(3, e.failure().exitCode());
    }

    @Test
    void unauthorizedBasicIsNotRetried() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(401)));
        assertEquals(401, client(apiTokenAuth(), FAST).send(JiraRequest.get("/rest/api/2/myself")).status());
        jira.verify(exactly(1), anyRequestedFor(anyUrl()));
    }

    @Test
    void unauthorizedOAuthTokenIsDroppedAndANewOneFetchedOnce() {
        String first = "oauth-access-FIRST-0123456789";
        String second = "oauth-access-SECOND-9876543210";
        other.stubFor(post("/oauth/token").inScenario("tok").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + first + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
                .willSetStateTo("second"));
        other.stubFor(post("/oauth/token").inScenario("tok").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + second + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + first)).willReturn(aResponse().withStatus(401)));
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + second)).willReturn(aResponse().withStatus(200)));
        OAuthClientCredentialsSpec spec = new OAuthClientCredentialsSpec(
                new CredentialSpec.Common("svc", URI.create(site()), null, null, null, null),
                URI.create(otherBase() + "/oauth/token"), "client", SecretValue.of(PAT), List.of(), null);
        Authenticator a = Authenticators.create(spec, ctx(new InMemoryCredentialStore()));
        assertEquals(200, client(a, FAST).send(JiraRequest.get("/rest/api/2/myself")).status());
        other.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth/token")));
        jira.verify(exactly(2), getRequestedFor(urlEqualTo("/rest/api/2/myself")));
        List<AuditEvent> used = eventsOf("token.used");
        assertEquals(2, used.size());
        assertEquals(FP.fingerprint(SecretValue.of(first)), used.get(0).get("jira_access.token.fingerprint"));
        assertEquals(FP.fingerprint(SecretValue.of(second)), used.get(1).get("jira_access.token.fingerprint"));
        assertEquals(FP.fingerprint(SecretValue.of(PAT)), used.get(1).fingerprint());
        StringBuilder captured = new StringBuilder(logs.text());
        events.forEach(e -> captured.append(e.toJson()));
        assertNoSecret("events and logs", captured.toString(), first, second);
    }

    @Test
    void connectJwtIsMintedPerRequestAndBoundToPathAndQuery() {
        String shared = "connect-shared-secret-0123456789-abcdefghij";
        jira.stubFor(get(urlPathEqualTo("/jira/rest/api/2/search")).willReturn(aResponse().withStatus(503)));
        ConnectJwtSpec spec = new ConnectJwtSpec(new CredentialSpec.Common("app", URI.create(site() + "/jira"), null, null, null, null),
                "com.example.app", SecretValue.of(shared), null);
        String pathAndQuery = "/rest/api/2/search?jql=project%20%3D%20ABC&maxResults=5";
        JiraClient c = client(Authenticators.create(spec, ctx(new InMemoryCredentialStore())), FAST.withMaxAttempts(2));
        assertEquals(503, c.send(JiraRequest.get(pathAndQuery)).status());
        List<String> headers = jira.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Authorization")).toList();
        assertEquals(2, headers.size());
        JwtVerifier verifier = JwtVerifier.builder().sharedSecrets(iss -> "com.example.app".equals(iss) ? SecretValue.of(shared) : null)
                .contextPath("/jira").build();
        for (String h : headers) {
            assertTrue(h.startsWith("JWT "), h);
            assertEquals("com.example.app", verifier.verify(h.substring(4), "GET", "/jira" + pathAndQuery).issuer());
        }
        StringBuilder captured = new StringBuilder(logs.text());
        events.forEach(e -> captured.append(e.toJson()));
        assertNoSecret("events and logs", captured.toString(), shared);
        assertEquals(FP.fingerprint(SecretValue.of(shared)), eventsOf("token.used").get(0).fingerprint());
    }

    // ---------------------------------------------------------------- events

    Authenticator apiTokenAuth() {
        ApiTokenSpec spec = new ApiTokenSpec(new CredentialSpec.Common("cloud-ci", URI.create(site()), null, null, null, null),
                EMAIL, SecretValue.of(API_TOKEN), Instant.parse("2099-01-01T00:00:00Z"));
        return new ApiTokenAuthenticator(spec, Clock.systemUTC());
    }

    @Test
    void everyRequestEmitsTokenUsedWithoutTheQuery() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(aResponse().withStatus(200)));
        client().send(JiraRequest.get("/rest/api/2/search?jql=text~%22" + PAT + "%22"));
        List<AuditEvent> used = eventsOf("token.used");
        assertEquals(1, used.size());
        AuditEvent e = used.get(0);
        assertEquals("GET", e.get("http.request.method"));
        assertEquals("localhost", e.get("url.domain"));
        assertEquals("/rest/api/2/search", e.get("url.path"));
        assertEquals("http", e.get("url.scheme"));
        assertEquals(200L, e.get("http.response.status_code"));
        assertEquals("success", e.outcome());
        assertEquals("ci", e.credentialId());
        assertEquals("pat", e.get("jira_access.credential.kind"));
        assertEquals(FP.fingerprint(SecretValue.of(PAT)), e.fingerprint());
        assertEquals("test-runner", e.get("service.name"));
        assertEquals("ci-bot", e.get("user.name"));
        assertEquals("deploy", e.get("jira_access.pipeline.job"));
        assertEquals("17", e.get("jira_access.pipeline.build"));
        assertEquals("https://ci.example.com/job/deploy/17/", e.get("jira_access.pipeline.url"));
        assertEquals("agent-1", e.get("jira_access.pipeline.node"));
        assertEquals(site(), e.get("jira_access.jira.site"));
        assertEquals("datacenter", e.get("jira_access.jira.flavor"));
        assertEquals("jira_access.ci", e.dataset());
        assertTrue(!e.toJson().contains("jql"), e.toJson());
    }

    @Test
    void basicAuthRequestAlsoEmitsBasicAuthUsed() {
        jira.stubFor(get("/rest/api/3/myself").willReturn(aResponse().withStatus(200)));
        client(apiTokenAuth(), FAST).send(JiraRequest.get("/rest/api/3/myself"));
        String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/3/myself")).withHeader("Authorization", equalTo(expected)));
        assertEquals(1, eventsOf("token.used").size());
        List<AuditEvent> basic = eventsOf("basic_auth.used");
        assertEquals(1, basic.size());
        assertEquals("api-token", basic.get(0).get("jira_access.credential.kind"));
        assertEquals(FP.fingerprint(SecretValue.of(API_TOKEN)), basic.get(0).fingerprint());
        assertEquals(FP.fingerprint(SecretValue.of(API_TOKEN)), eventsOf("token.used").get(0).fingerprint());
        assertEquals("2099-01-01T00:00:00Z", basic.get(0).get("jira_access.credential.expires_at"));
        assertTrue(basic.get(0).getString("message").contains("migrate it to OAuth 2.0"));
    }

    @Test
    void failingEventSinkDoesNotFailTheRequestButIsLogged() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200)));
        JiraClient c = JiraClient.builder(patAuth(AllowPolicy.DEFAULT)).settings(FAST)
                .events(e -> {
                    throw new IllegalStateException("disk full");
                }).build();
        assertEquals(200, c.send(JiraRequest.get("/rest/api/2/myself")).status());
        assertTrue(logs.text().contains("credential ci: audit event token.used could not be recorded (IllegalStateException)"), logs.text());
    }

    @Test
    void withoutAFingerprinterEventsCarryNoFingerprint() {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200)));
        JiraClient.builder(patAuth(AllowPolicy.DEFAULT)).events(events::add).settings(FAST).build()
                .send(JiraRequest.get("/rest/api/2/myself"));
        assertNull(eventsOf("token.used").get(0).fingerprint());
        assertEquals("jira-access", eventsOf("token.used").get(0).get("service.name"));
    }
}
