package io.jiraaccess.core.binding;

import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway against a loopback HTTP server standing in for Jira and its token endpoint. */
class CoreJiraGatewayTest {
    static final String PAT = "pat-gateway-0123456789abcdef01234";
    static final String CLIENT_SECRET = "cs-gateway-fedcba9876543210fedc";
    static final String ACCESS = "at-gateway-00112233445566778899aa";
    static final PipelineRun RUN = new PipelineRun("team/app", "7", "https://ci.example.com/job/team/job/app/7/", "linux-1");

    private final RecordingEventSink events = new RecordingEventSink();
    private final AuthContext ctx = new AuthContext(new InMemoryCredentialStore(),
            new TokenBroker(TokenBroker.Settings.DEFAULT, Clock.systemUTC(), null), events, new Fingerprinter(new byte[32]),
            Clock.systemUTC(), "jenkins@ci.example.com");
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> tokenRequests = new ConcurrentHashMap<>();
    private HttpServer server;
    private String base;

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(PAT, CLIENT_SECRET, ACCESS).watch(events::ndjson);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rest/api/2/myself", ex -> {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            reply(ex, 200, "{\"name\":\"ci-bot\",\"displayName\":\"CI Bot\"}");
        });
        server.createContext("/token", ex -> {
            tokenRequests.merge("count", 1, Integer::sum);
            reply(ex, 200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private CredentialSpec pat(String projects) {
        return CredentialFields.of(CredentialKind.PAT, "dc-pat").set("site", base).set("owner", "ci-bot")
                .set("allow.projects", projects).secret("token", PAT).toSpec("t");
    }

    @Test
    void requestCarriesTheCredentialAndRecordsTokenUsedWithThePipeline() {
        JiraGateway.Reply reply = new CoreJiraGateway().request(pat(null), ctx, RUN, "GET", "/rest/api/2/myself", null);

        assertEquals(200, reply.status());
        assertEquals("{\"name\":\"ci-bot\",\"displayName\":\"CI Bot\"}", reply.body());
        assertEquals(List.of("Bearer " + PAT), authorizations);
        List<AuditEvent> used = events.withAction("token.used");
        assertEquals(1, used.size());
        assertEquals("team/app", used.get(0).getString("jira_access.pipeline.job"));
        assertEquals("7", used.get(0).getString("jira_access.pipeline.build"));
        assertEquals("linux-1", used.get(0).getString("jira_access.pipeline.node"));
        assertEquals("dc-pat", used.get(0).credentialId());
    }

    @Test
    void requestOutsideTheAllowPolicyIsRefusedBeforeAnythingIsSent() {
        assertThrows(PolicyViolationException.class, () -> new CoreJiraGateway()
                .request(pat("OPS"), ctx, RUN, "DELETE", "/rest/api/2/project/ABC", null));
        assertEquals(List.of(), authorizations);
        assertEquals(1, events.withAction("policy.violation").size());
    }

    @Test
    void oauthHeaderComesWithTheCachedTokensExpiryAndInvalidateForcesANewToken() {
        CredentialSpec spec = CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, "svc").set("site", base)
                .set("tokenUrl", base + "/token").set("clientId", "client").secret("clientSecret", CLIENT_SECRET).toSpec("t");
        CoreJiraGateway gateway = new CoreJiraGateway();

        Instant before = Instant.now();
        AuthHeader header = gateway.authorize(spec, ctx);
        assertEquals("Bearer " + ACCESS, header.value());
        Instant expires = gateway.tokenExpiry(spec, ctx).orElseThrow();
        assertTrue(!expires.isBefore(before.plus(Duration.ofMinutes(59))), "expiry from expires_in");
        gateway.authorize(spec, ctx);
        assertEquals(1, tokenRequests.get("count"));
        gateway.invalidate(spec, ctx);
        gateway.authorize(spec, ctx);
        assertEquals(2, tokenRequests.get("count"));
    }

    @Test
    void apiTokenExpiryIsTheTrackedOneAndPatsHaveNone() {
        CredentialSpec api = CredentialFields.of(CredentialKind.API_TOKEN, "cloud").set("site", base)
                .set("email", "bot@example.com").set("expiresAt", "2026-05-01").secret("token", PAT).toSpec("t");

        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), new CoreJiraGateway().tokenExpiry(api, ctx).orElseThrow());
        assertTrue(new CoreJiraGateway().tokenExpiry(pat(null), ctx).isEmpty());
    }
}
