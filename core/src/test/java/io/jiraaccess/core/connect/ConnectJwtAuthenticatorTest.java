package io.jiraaccess.core.connect;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectJwtAuthenticatorTest {
    private static final String SECRET = "authenticator-test-shared-secret-0123456789";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(SECRET);

    static ConnectJwtSpec spec(String site, String secret, Duration ttl) {
        return new ConnectJwtSpec(new CredentialSpec.Common("jira-connect", URI.create(site), JiraFlavor.DATACENTER,
                null, null, AllowPolicy.DEFAULT), "com.example.app", SecretValue.of(secret), ttl);
    }

    private static JwtVerifier verifier(String contextPath, Instant now) {
        return JwtVerifier.builder().sharedSecrets(iss -> SecretValue.of(SECRET)).contextPath(contextPath)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).expectedIssuer("com.example.app").build();
    }

    @Test
    void headerIsAJwtBoundToMethodPathAndQueryRelativeToTheContextPath() {
        ConnectJwtAuthenticator auth = new ConnectJwtAuthenticator(
                spec("https://jira.example.com/jira", SECRET, null), Clock.fixed(NOW, ZoneOffset.UTC));
        AuthHeader header = auth.authorize("GET",
                URI.create("https://jira.example.com/jira/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5"));
        String token = leaks.secret(header.credentials().reveal());
        assertEquals("JWT", header.scheme());
        assertEquals("JWT " + token, header.value());
        assertEquals("JWT ****", header.toString());
        leaks.captured(header.toString());

        VerifiedJwt jwt = verifier("/jira", NOW).verify(token, "GET", "/jira/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5");
        assertEquals(Qsh.qsh("GET", "/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5"), jwt.qsh());
        assertEquals(NOW.plusSeconds(180), jwt.expiresAt());
        JwtVerificationException other = leaks.thrown(JwtVerificationException.class,
                () -> verifier("/jira", NOW).verify(token, "POST", "/jira/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5"));
        assertEquals(JwtVerificationException.Reason.QSH_MISMATCH, other.reason());
    }

    @Test
    void everyRequestGetsAFreshToken() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ConnectJwtAuthenticator auth = new ConnectJwtAuthenticator(spec("https://example.atlassian.net", SECRET, Duration.ofSeconds(60)), clock);
        URI issue1 = URI.create("https://example.atlassian.net/rest/api/3/issue/ABC-1");
        String first = leaks.secret(auth.authorize("GET", issue1).credentials().reveal());
        String other = leaks.secret(auth.authorize("GET", URI.create("https://example.atlassian.net/rest/api/3/issue/ABC-2"))
                .credentials().reveal());
        assertNotEquals(first, other);
        now[0] = NOW.plusSeconds(30);
        String later = leaks.secret(auth.authorize("GET", issue1).credentials().reveal());
        assertNotEquals(first, later);
        VerifiedJwt jwt = verifier("", now[0]).verify(later, "GET", "/rest/api/3/issue/ABC-1");
        assertEquals(now[0].plusSeconds(60), jwt.expiresAt());
    }

    @Test
    void qshCoversThePathAndQueryAsSentOnTheWire() {
        assertEquals("/jira/rest/api/2/user?username=zo%C3%AB", ConnectJwtAuthenticator.wirePathAndQuery(
                URI.create("https://jira.example.com/jira/rest/api/2/user?username=zo%C3%AB")));
        assertEquals("/rest/api/2/user/%C3%A4?q=a%20b+c", ConnectJwtAuthenticator.wirePathAndQuery(
                URI.create("https://jira.example.com/rest/api/2/user/ä?q=a%20b+c")));
        assertEquals("/", ConnectJwtAuthenticator.wirePathAndQuery(URI.create("https://jira.example.com")));
        assertEquals("/a", ConnectJwtAuthenticator.wirePathAndQuery(URI.create("https://jira.example.com/a?#frag")));
    }

    @Test
    void specIsTheOneGiven() {
        ConnectJwtSpec spec = spec("https://jira.example.com", SECRET, null);
        assertSame(spec, new ConnectJwtAuthenticator(spec, Clock.systemUTC()).spec());
    }

    @Test
    void secretTooShortIsAConfigurationErrorNamingTheCredentialNotTheSecret() {
        String shortSecret = leaks.secret("short-shared-secret");
        ConfigurationException e = leaks.thrown(ConfigurationException.class,
                () -> new ConnectJwtAuthenticator(spec("https://jira.example.com", shortSecret, null), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("credential jira-connect: the Connect shared secret has 19 bytes"), e.getMessage());
        assertEquals(2, e.failure().exitCode());
    }
}
