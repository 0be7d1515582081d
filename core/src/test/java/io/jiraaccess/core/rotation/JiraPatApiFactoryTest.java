package io.jiraaccess.core.rotation;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.EnumSet;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Managing a token is allowed whatever the credential's operation and project limits, but never leaves its hosts. */
class JiraPatApiFactoryTest {
    static final String TOKEN = "NjQ3OTkwMjYxMzQ1OnJlYWQtb25seS1jcmVkZW50aWFs";

    final WireMockServer jira = new WireMockServer(options().dynamicPort());
    final RecordingEventSink events = new RecordingEventSink();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(TOKEN).watch(events::ndjson);

    @BeforeEach
    void start() {
        jira.start();
    }

    @AfterEach
    void stop() {
        jira.stop();
    }

    private PatApi api(AllowPolicy allow) {
        PatSpec spec = new PatSpec(new CredentialSpec.Common("ci", URI.create("http://localhost:" + jira.port()), null,
                null, null, allow), SecretValue.of(TOKEN), null);
        return new JiraPatApiFactory(events, new Fingerprinter(new byte[32]), "ci-runner", JiraPatApiFactory.SETTINGS,
                Clock.systemUTC()).open(spec, new AuthHeader("Bearer", SecretValue.of(TOKEN)));
    }

    @Test
    void readOnlyProjectLimitedCredentialMayStillRevokeItsOwnTokens() {
        jira.stubFor(delete("/rest/pat/latest/tokens/9").willReturn(aResponse().withStatus(204)));
        PatApi api = api(new AllowPolicy(List.of(), List.of("ABC"), EnumSet.of(Operation.READ)));

        assertTrue(api.revoke(9));
        assertEquals(1, events.withAction("token.used").size());
        assertEquals("ci-runner", events.withAction("token.used").get(0).getString("service.name"));
    }

    @Test
    void callsWithDifferentTokensOnTheSharedClientEachSendTheirOwn() throws Exception {
        String other = leaks.secret("NjQ3OTkwMjYxMzQ1Om90aGVyLXRva2VuLXZhbHVl");
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"key\":\"k1\",\"name\":\"one\"}")));
        jira.stubFor(get("/rest/api/2/myself").withHeader("Authorization", equalTo("Bearer " + other))
                .willReturn(okJson("{\"key\":\"k2\",\"name\":\"two\"}")));
        JiraPatApiFactory factory = new JiraPatApiFactory(events, null, "ci-runner", JiraPatApiFactory.SETTINGS,
                Clock.systemUTC());
        PatSpec spec = new PatSpec(new CredentialSpec.Common("ci", URI.create("http://localhost:" + jira.port()), null,
                null, null, null), SecretValue.of(TOKEN), null);
        PatApi one = factory.open(spec, new AuthHeader("Bearer", SecretValue.of(TOKEN)));
        PatApi two = factory.open(spec, new AuthHeader("Bearer", SecretValue.of(other)));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PatApi api = i % 2 == 0 ? one : two;
                names.add(pool.submit(() -> api.myself().name()));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(i % 2 == 0 ? "one" : "two", names.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, factory.openClients(), "one client per credential, whatever the token");
        factory.release(spec);
        assertEquals(0, factory.openClients());
    }

    @Test
    void tokenIsNotSentOutsideAllowHostsEvenWhenJiraRedirects() {
        jira.stubFor(get("/rest/pat/latest/tokens").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://elsewhere.example/rest/pat/latest/tokens")));
        PatApi api = api(AllowPolicy.DEFAULT);

        PolicyViolationException e = leaks.thrown(PolicyViolationException.class, api::list);
        assertEquals("allow.hosts", e.rule());
        jira.verify(exactly(1), anyRequestedFor(anyUrl()));
    }
}
