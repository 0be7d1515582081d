package io.jiraaccess.core.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.FileCredentialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code oauth authorize} in-process: a "browser" follows the printed URL's redirect; the refresh token lands in the store. */
class OAuthAuthorizeCommandTest {
    static final String CLIENT_SECRET = "oauth-client-secret-0123456789";
    static final String REFRESH = "refresh-token-from-consent-0123456789";
    static final String ACCESS = "access-token-from-consent-0123456789";

    static WireMockServer auth;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        auth = new WireMockServer(options().dynamicPort());
        auth.start();
    }

    @AfterAll
    static void stop() {
        auth.stop();
    }

    /** Collects what the CLI writes to stderr, line by line, as it writes it. */
    static final class Lines extends OutputStream {
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuilder all = new StringBuilder();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String line = current.toString(StandardCharsets.UTF_8);
                current.reset();
                all.append(line).append('\n');
                lines.add(line);
            } else {
                current.write(b);
            }
        }

        synchronized String text() {
            return all + current.toString(StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> query(URI u) {
        return form(u.getRawQuery());
    }

    static Map<String, String> form(String raw) {
        Map<String, String> m = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void consentStoresTheRefreshTokenAndPrintsNoSecret() throws Exception {
        auth.stubFor(post("/rest/oauth2/latest/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"" + REFRESH + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        Path cred = Files.writeString(tmp.resolve("dc-oauth.yaml"), "kind: oauth-refresh-token\nid: dc-oauth\n"
                + "site: http://localhost:" + auth.port() + "\nclientId: jira-access\nclientSecret: ${env:CS}\nscopes: [WRITE]\n");
        Path store = tmp.resolve("store");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lines err = new Lines();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of("CS", CLIENT_SECRET));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> JiraAccessCli.run(io,
                "oauth", "authorize", "--credential", cred.toString(), "--store", store.toString(), "--timeout", "60"));

        assertEquals("Open this URL in a browser on this machine, sign in and approve:", err.lines.poll(30, TimeUnit.SECONDS));
        URI authorizeUrl = URI.create(err.lines.poll(30, TimeUnit.SECONDS));
        assertEquals("/rest/oauth2/latest/authorize", authorizeUrl.getPath());
        Map<String, String> q = query(authorizeUrl);
        assertEquals("code", q.get("response_type"));
        assertEquals("jira-access", q.get("client_id"));
        assertEquals("S256", q.get("code_challenge_method"));
        URI redirect = URI.create(q.get("redirect_uri"));
        assertEquals("127.0.0.1", redirect.getHost());

        // the browser, after the user approved: Jira redirects to the loopback listener
        HttpResponse<String> landed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(redirect + "?code=the-code&state=" + q.get("state"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landed.statusCode());

        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.text());
        assertEquals("credential dc-oauth: authorized; the refresh token is stored in " + store + " (generation 1)\n",
                out.toString(StandardCharsets.UTF_8));

        List<LoggedRequest> tokenRequests = auth.findAll(postRequestedFor(urlEqualTo("/rest/oauth2/latest/token")));
        assertEquals(1, tokenRequests.size());
        Map<String, String> form = form(tokenRequests.get(0).getBodyAsString());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("the-code", form.get("code"));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(form.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(q.get("code_challenge"), challenge, "the verifier sent does not match the challenge shown");

        CredentialState stored = new FileCredentialStore(store).load("dc-oauth").orElseThrow();
        assertTrue(stored.secretKeys().stream().anyMatch(k -> stored.secret(k).reveal().equals(REFRESH)), "refresh token not stored");
        String printed = out.toString(StandardCharsets.UTF_8) + err.text();
        assertNoSecret("stdout and stderr", printed, REFRESH, ACCESS, CLIENT_SECRET);
    }

    @Test
    void otherKindsAreRefused() throws Exception {
        Path cred = Files.writeString(tmp.resolve("pat.yaml"), "kind: pat\nid: ci\nsite: https://jira.example.com\ntoken: ${env:T}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of("T", "pat-value-0123456789")),
                "oauth", "authorize", "--credential", cred.toString(), "--store", tmp.resolve("store").toString());
        assertEquals(2, exit);
        assertEquals("jira-access: credential ci is of kind pat; oauth authorize is for oauth-refresh-token credentials\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
