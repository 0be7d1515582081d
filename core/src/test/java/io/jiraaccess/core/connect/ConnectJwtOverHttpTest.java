package io.jiraaccess.core.connect;

import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End to end on loopback: java.net.http sends requests with our {@code Authorization: JWT} header, and a server
 * verifies each token against the request target it actually received. This holds the qsh to what goes on the
 * wire, not to what the URI object looked like.
 */
class ConnectJwtOverHttpTest {
    private static final String SECRET = "over-http-test-shared-secret-0123456789abcdef";
    private static HttpServer server;
    private static HttpClient client;
    private static ConnectJwtAuthenticator auth;
    private static String site;

    /** Neither the secret nor the tokens reach logs or the server's answers. */
    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(SECRET);

    @BeforeAll
    static void start() throws IOException {
        JwtVerifier verifier = JwtVerifier.builder()
                .sharedSecrets(iss -> "com.example.app".equals(iss) ? SecretValue.of(SECRET) : null)
                .contextPath("/jira")
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            URI received = exchange.getRequestURI();
            String target = received.getRawPath() + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery());
            String answer;
            try {
                verifier.verify(header.substring("JWT ".length()), exchange.getRequestMethod(), target);
                answer = "verified";
            } catch (JwtVerificationException e) {
                answer = e.reason().name();
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        site = "http://127.0.0.1:" + server.getAddress().getPort() + "/jira";
        auth = new ConnectJwtAuthenticator(ConnectJwtAuthenticatorTest.spec(site, SECRET, null), Clock.systemUTC());
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/rest/api/2/myself",
            "/rest/api/2/search?jql=project%20%3D%20OPS%20ORDER%20BY%20created&fields=summary&fields=status",
            "/rest/api/2/search?jql=project+%3D+OPS&startAt=0",
            "/rest/api/2/user?username=zo%C3%AB&x=%E6%97%A5%E6%9C%AC",
            "/rest/api/2/issue/ABC-1/",
            "/rest/api/2/star?a=*&b=~&c=%2A&flag&empty=",
            "/rest/api/2/odd%26path?jwt=ignored&q=%25zz"})
    void serverVerifiesEveryTokenAgainstTheTargetItReceived(String pathAndQuery) throws Exception {
        URI target = URI.create(site + pathAndQuery);
        for (String method : new String[] {"GET", "DELETE"}) {
            String header = auth.authorize(method, target).value();
            leaks.secret(header.substring("JWT ".length()));
            HttpRequest request = HttpRequest.newBuilder(target)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", header)
                    .timeout(Duration.ofSeconds(10))
                    .build();
            String answer = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            leaks.captured(answer);
            assertEquals("verified", answer, method + " " + pathAndQuery);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rest/api/2/user/ä?name=Jürgen 日本", "/rest/api/2/a b?c d=e f"})
    void nonAsciiAndSpacesInTheUriAreHashedAsTheyAreSent(String unencoded) throws Exception {
        String path = unencoded.substring(0, unencoded.indexOf('?'));
        String query = unencoded.substring(unencoded.indexOf('?') + 1);
        URI base = URI.create(site);
        URI target = new URI(base.getScheme(), null, base.getHost(), base.getPort(), base.getPath() + path, query, null);
        String header = auth.authorize("GET", target).value();
        leaks.secret(header.substring("JWT ".length()));
        HttpRequest request = HttpRequest.newBuilder(target)
                .header("Authorization", header)
                .timeout(Duration.ofSeconds(10))
                .build();
        String answer = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        leaks.captured(answer);
        assertEquals("verified", answer);
    }
}
