package io.jiraaccess.core.connect;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectJwtMinterTest {
    private static final String SECRET = "minter-test-shared-secret-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(SECRET);

    private static SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new MACVerifier(SECRET)), "signature must verify with the shared secret");
        return jwt;
    }

    @Test
    void tokenCarriesConnectClaimsSignedHs256WithTheSharedSecret() throws Exception {
        String token = leaks.secret(new ConnectJwtMinter("com.example.app", SecretValue.of(SECRET))
                .mint("GET", "/rest/api/2/myself?expand=groups", NOW));
        SignedJWT jwt = verified(token);
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(Set.of("iss", "iat", "exp", "qsh"), claims.getClaims().keySet());
        assertEquals("com.example.app", claims.getIssuer());
        assertEquals(NOW.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(NOW.getEpochSecond() + 180, claims.getExpirationTime().toInstant().getEpochSecond());
        assertEquals(Qsh.qsh("GET", "/rest/api/2/myself?expand=groups"), claims.getStringClaim("qsh"));
    }

    @Test
    void subjectAndLifetimeAreAsAsked() throws Exception {
        ConnectJwtMinter minter = new ConnectJwtMinter("com.example.app", SecretValue.of(SECRET), Duration.ofSeconds(60));
        JWTClaimsSet claims = verified(minter.mint(Qsh.CONTEXT_QSH, NOW, "557058:abc")).getJWTClaimsSet();
        assertEquals("557058:abc", claims.getSubject());
        assertEquals("context-qsh", claims.getStringClaim("qsh"));
        assertEquals(60, claims.getExpirationTime().toInstant().getEpochSecond() - claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(Duration.ofSeconds(60), minter.ttl());
        assertNull(verified(minter.mint("x", NOW, null)).getJWTClaimsSet().getSubject());
    }

    @Test
    void appKeysAndSubjectsNeedingJsonEscapesSurviveTheRoundTrip() throws Exception {
        String awkward = "we\"ird\\app/ä😀\u0001\n</script>";
        JWTClaimsSet claims = verified(new ConnectJwtMinter(awkward, SecretValue.of(SECRET)).mint("q", NOW, awkward))
                .getJWTClaimsSet();
        assertEquals(awkward, claims.getIssuer());
        assertEquals(awkward, claims.getSubject());
    }

    @Test
    void everyRequestAndEveryMomentGetsItsOwnToken() {
        ConnectJwtMinter minter = new ConnectJwtMinter("com.example.app", SecretValue.of(SECRET));
        String a = minter.mint("GET", "/rest/api/2/issue/ABC-1", NOW);
        assertNotEquals(a, minter.mint("GET", "/rest/api/2/issue/ABC-2", NOW));
        assertNotEquals(a, minter.mint("DELETE", "/rest/api/2/issue/ABC-1", NOW));
        assertNotEquals(a, minter.mint("GET", "/rest/api/2/issue/ABC-1", NOW.plusSeconds(1)));
        assertEquals(a, minter.mint("GET", "/rest/api/2/issue/ABC-1", NOW.plusMillis(100)));
    }

    @Test
    void secretsTooShortForHs256AreRefusedWithoutShowingThem() {
        String shortSecret = leaks.secret("31-bytes-are-one-byte-too-short");
        assertEquals(31, shortSecret.length());
        IllegalArgumentException e = leaks.thrown(IllegalArgumentException.class,
                () -> new ConnectJwtMinter("com.example.app", SecretValue.of(shortSecret)));
        assertTrue(e.getMessage().contains("has 31 bytes; HS256 needs at least 32"), e.getMessage());
    }

    @Test
    void emptyAppKeyAndSubSecondLifetimeAreRefused() {
        leaks.thrown(IllegalArgumentException.class, () -> new ConnectJwtMinter("", SecretValue.of(SECRET)));
        leaks.thrown(IllegalArgumentException.class,
                () -> new ConnectJwtMinter("app", SecretValue.of(SECRET), Duration.ofMillis(500)));
    }
}
