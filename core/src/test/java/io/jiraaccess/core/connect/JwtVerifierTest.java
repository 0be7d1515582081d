package io.jiraaccess.core.connect;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.connect.JwtVerificationException.Reason;
import io.jiraaccess.core.connect.JwtVerifier.QshRule;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.jiraaccess.core.connect.TestTokens.b64;
import static io.jiraaccess.core.connect.TestTokens.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtVerifierTest {
    private static final String APP = "com.example.app";
    private static final String SECRET = "verifier-test-shared-secret-0123456789abcdef";
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String PATH = "/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5";

    private static KeyPair rsaKeyPair;

    /** The shared secret and every token a test builds must stay out of logs and exception messages. */
    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(SECRET);
    private final List<String> signatures = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    @AfterEach
    void noSignatureReachedAMessageOrLog() {
        String captured = String.join("\n", messages) + leaks.logs().all();
        for (String signature : signatures) {
            assertFalse(signature.length() >= 16 && captured.contains(signature), "a token's signature reached a message or log");
        }
    }

    /** One RSA key pair for the class: generating them is slow. */
    private static synchronized KeyPair rsaKeyPair() throws Exception {
        if (rsaKeyPair == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            rsaKeyPair = generator.generateKeyPair();
        }
        return rsaKeyPair;
    }

    private static JwtVerifier.Builder verifier() {
        return JwtVerifier.builder()
                .sharedSecrets(iss -> APP.equals(iss) ? SecretValue.of(SECRET) : null)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String claims(String method, String pathAndQuery, long iat, long exp) {
        return "{\"iss\":\"" + APP + "\",\"iat\":" + iat + ",\"exp\":" + exp + ",\"qsh\":\"" + Qsh.qsh(method, pathAndQuery) + "\"}";
    }

    private static String validClaims() {
        return claims("GET", PATH, NOW.getEpochSecond() - 10, NOW.getEpochSecond() + 170);
    }

    private String token(String header, String claims) {
        return seen(hs256(header, claims, KEY));
    }

    private String seen(String token) {
        leaks.secret(token);
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            signatures.add(parts[2]);
        }
        return token;
    }

    private void assertRejected(Reason expected, JwtVerifier verifier, String token, String method, String pathAndQuery) {
        seen(token);
        JwtVerificationException e = leaks.thrown(JwtVerificationException.class,
                () -> verifier.verify(token, method, pathAndQuery));
        messages.add(e.getMessage());
        assertEquals(expected, e.reason(), e.getMessage());
        assertInstanceOf(AuthenticationException.class, e);
        assertTrue(e.getMessage().startsWith("JWT rejected (" + expected + "): "), e.getMessage());
    }

    private void assertRejected(Reason expected, String token) {
        assertRejected(expected, verifier().build(), token, "GET", PATH);
    }

    @Test
    void validConnectTokenIsAcceptedWithItsClaims() {
        String token = token(HEADER, "{\"iss\":\"" + APP + "\",\"sub\":\"user-1\",\"aud\":[\"jira\"],\"iat\":"
                + (NOW.getEpochSecond() - 10) + ",\"exp\":" + (NOW.getEpochSecond() + 170) + ",\"qsh\":\""
                + Qsh.qsh("GET", PATH) + "\",\"context\":{\"user\":{\"accountId\":\"abc\"}}}");
        VerifiedJwt jwt = verifier().build().verify(token, "GET", PATH);
        assertEquals("HS256", jwt.algorithm());
        assertEquals(APP, jwt.issuer());
        assertEquals("user-1", jwt.subject());
        assertEquals(List.of("jira"), jwt.audience());
        assertEquals(NOW.minusSeconds(10), jwt.issuedAt());
        assertEquals(NOW.plusSeconds(170), jwt.expiresAt());
        assertEquals(Qsh.qsh("GET", PATH), jwt.qsh());
        assertEquals(Map.of("accountId", "abc"), ((Map<?, ?>) jwt.claims().get("context")).get("user"));
    }

    @Test
    void tokensMintedByOurMinterVerify() {
        String token = seen(new ConnectJwtMinter(APP, SecretValue.of(SECRET)).mint("POST", "/rest/api/2/issue", NOW));
        VerifiedJwt jwt = verifier().build().verify(token, "POST", "/rest/api/2/issue");
        assertEquals(NOW.plusSeconds(180), jwt.expiresAt());
        assertNull(jwt.subject());
    }

    /** Finding 11 of issue 14: a token valid until the year 9999 was accepted. */
    @Test
    void aTokenLivingLongerThanTheMaximumLifetimeIsRefused() {
        long iat = NOW.getEpochSecond() - 10;
        assertRejected(Reason.LIFETIME_TOO_LONG, token(HEADER, claims("GET", PATH, iat, 253402300799L)));
        assertRejected(Reason.LIFETIME_TOO_LONG, token(HEADER, claims("GET", PATH, iat, iat + 3601)));
        assertEquals(NOW.minusSeconds(10).plusSeconds(3600),
                verifier().build().verify(token(HEADER, claims("GET", PATH, iat, iat + 3600)), "GET", PATH).expiresAt());
        JwtVerificationException e = leaks.thrown(JwtVerificationException.class, () -> verifier().build()
                .verify(token(HEADER, claims("GET", PATH, iat, iat + 7200)), "GET", PATH));
        assertEquals("JWT rejected (LIFETIME_TOO_LONG): the token is valid for PT2H (exp - iat), longer than the "
                + "maximum of PT1H; mint tokens that expire sooner after they are issued", e.getMessage());
        messages.add(e.getMessage());
    }

    @Test
    void theMaximumLifetimeIsConfigurable() {
        long iat = NOW.getEpochSecond() - 10;
        JwtVerifier strict = verifier().maxLifetime(Duration.ofMinutes(3)).build();
        assertRejected(Reason.LIFETIME_TOO_LONG, strict, token(HEADER, claims("GET", PATH, iat, iat + 181)), "GET", PATH);
        strict.verify(token(HEADER, claims("GET", PATH, iat, iat + 180)), "GET", PATH);
        JwtVerifier lenient = verifier().maxLifetime(Duration.ofHours(24)).build();
        lenient.verify(token(HEADER, claims("GET", PATH, iat, iat + 24 * 3600)), "GET", PATH);
        assertThrows(IllegalArgumentException.class, () -> verifier().maxLifetime(Duration.ofDays(2)));
        assertThrows(IllegalArgumentException.class, () -> verifier().maxLifetime(Duration.ZERO));
    }

    /**
     * Finding 11 of issue 14: the JDK decodes a last Base64URL character whose unused low bits are set as if they were
     * not, so one signature had several spellings. Only the canonical one is accepted, in every part.
     */
    @Test
    void aPartWhoseUnusedLowBitsAreSetIsRefused() {
        String token = token(HEADER, validClaims());
        verifier().build().verify(token, "GET", PATH);
        String[] parts = token.split("\\.");
        for (int i = 0; i < 3; i++) {
            String tampered = TestTokens.withUnusedBitsSet(parts[i]);
            if (tampered == null) {
                continue; // a part whose length leaves no unused bits
            }
            String[] p = parts.clone();
            p[i] = tampered;
            assertRejected(Reason.MALFORMED, String.join(".", p));
        }
        assertRejected(Reason.MALFORMED, parts[0] + "." + parts[1] + "." + parts[2] + "=");
        assertRejected(Reason.MALFORMED, parts[0] + "=." + parts[1] + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsecuredTokensAreRefusedInEverySpellingOfNone(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        assertRejected(Reason.ALG_NONE, b64(header) + "." + b64(validClaims()) + ".");
        // a signature does not make it acceptable either
        assertRejected(Reason.ALG_NONE, token(header, validClaims()));
    }

    @Test
    void noneIsRefusedEvenWhenSomeoneTriesToAllowIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> verifier().algorithms(new JWSAlgorithm("none")));
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void algorithmsOutsideTheAllowlistAreRefused() {
        byte[] longKey = (SECRET + SECRET).getBytes(StandardCharsets.UTF_8);
        String hs512 = seen(TestTokens.signed("{\"alg\":\"HS512\"}", validClaims(), longKey, "HmacSHA512"));
        assertRejected(Reason.ALG_NOT_ALLOWED, hs512);
        assertRejected(Reason.ALG_NOT_ALLOWED, token("{\"alg\":\"hs256\"}", validClaims()));
        assertRejected(Reason.ALG_NOT_ALLOWED, token("{\"alg\":\"RS256\"}", validClaims()));
        assertRejected(Reason.ALG_NOT_ALLOWED, token("{\"alg\":\"ES256\"}", validClaims()));
    }

    @Test
    void algorithmInTheHeaderMustBeAString() {
        assertRejected(Reason.MALFORMED, token("{\"alg\":256}", validClaims()));
        assertRejected(Reason.MALFORMED, token("{\"typ\":\"JWT\"}", validClaims()));
    }

    @Test
    void hmacTokenSignedWithTheIssuersRsaPublicKeyIsRefusedAsKeyConfusion() throws Exception {
        KeyPair pair = rsaKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        JwtVerifier verifier = JwtVerifier.builder()
                .algorithms(JWSAlgorithm.HS256, JWSAlgorithm.RS256)
                .keys(iss -> APP.equals(iss) ? VerificationKey.rsa(publicKey) : null)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();

        // the real RS256 token verifies, so the verifier is set up right
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), JWTClaimsSet.parse(validClaims()));
        rs256.sign(new RSASSASigner(pair.getPrivate()));
        assertEquals("RS256", verifier.verify(seen(rs256.serialize()), "GET", PATH).algorithm());

        // the attacker knows the public key and HMACs with its bytes, DER and PEM
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] forged : List.of(publicKey.getEncoded(), pem.getBytes(StandardCharsets.US_ASCII))) {
            assertRejected(Reason.KEY_TYPE_MISMATCH, verifier, seen(hs256(HEADER, validClaims(), forged)), "GET", PATH);
        }
    }

    @Test
    void aKeyEmbeddedInTheTokenHeaderIsNeverUsed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair attacker = generator.generateKeyPair();
        RSAPublicKey issuersKey = (RSAPublicKey) rsaKeyPair().getPublic();
        JwtVerifier verifier = JwtVerifier.builder()
                .algorithms(JWSAlgorithm.RS256)
                .keys(iss -> APP.equals(iss) ? VerificationKey.rsa(issuersKey) : null)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).build())
                .build();
        SignedJWT forged = new SignedJWT(header, JWTClaimsSet.parse(validClaims()));
        forged.sign(new RSASSASigner(attacker.getPrivate()));
        assertRejected(Reason.BAD_SIGNATURE, verifier, forged.serialize(), "GET", PATH);
    }

    @Test
    void rsaTokenForAnIssuerWithASharedSecretIsRefused() throws Exception {
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), JWTClaimsSet.parse(validClaims()));
        rs256.sign(new RSASSASigner(rsaKeyPair().getPrivate()));
        JwtVerifier verifier = verifier().algorithms(JWSAlgorithm.HS256, JWSAlgorithm.RS256).build();
        assertRejected(Reason.KEY_TYPE_MISMATCH, verifier, rs256.serialize(), "GET", PATH);
    }

    @Test
    void expiredTokensAreRefusedAfterTheClockSkew() {
        long now = NOW.getEpochSecond();
        assertRejected(Reason.EXPIRED, token(HEADER, claims("GET", PATH, now - 300, now - 31)));
        assertRejected(Reason.EXPIRED, token(HEADER, claims("GET", PATH, now - 300, now - 30)));
        assertEquals(now - 29, verifier().build().verify(token(HEADER, claims("GET", PATH, now - 300, now - 29)), "GET", PATH)
                .expiresAt().getEpochSecond());
        assertRejected(Reason.EXPIRED, verifier().clockSkew(Duration.ZERO).build(),
                token(HEADER, claims("GET", PATH, now - 300, now)), "GET", PATH);
    }

    @Test
    void tokensNotYetValidAreRefused() {
        long now = NOW.getEpochSecond();
        String futureNbf = "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"nbf\":" + (now + 60) + ",\"exp\":" + (now + 180)
                + ",\"qsh\":\"" + Qsh.qsh("GET", PATH) + "\"}";
        assertRejected(Reason.NOT_YET_VALID, token(HEADER, futureNbf));
        assertRejected(Reason.NOT_YET_VALID, token(HEADER, claims("GET", PATH, now + 31, now + 180)));
        String nbfWithinSkew = futureNbf.replace("\"nbf\":" + (now + 60), "\"nbf\":" + (now + 20));
        assertEquals(APP, verifier().build().verify(token(HEADER, nbfWithinSkew), "GET", PATH).issuer());
    }

    @Test
    void expectedIssuerAndAudienceAreEnforcedWhenConfigured() {
        long now = NOW.getEpochSecond();
        String withAud = "{\"iss\":\"" + APP + "\",\"aud\":\"other\",\"iat\":" + now + ",\"exp\":" + (now + 180)
                + ",\"qsh\":\"" + Qsh.qsh("GET", PATH) + "\"}";
        assertRejected(Reason.WRONG_ISSUER, verifier().expectedIssuer("com.example.other").build(),
                token(HEADER, validClaims()), "GET", PATH);
        assertRejected(Reason.WRONG_AUDIENCE, verifier().expectedAudience("jira").build(), token(HEADER, withAud), "GET", PATH);
        assertRejected(Reason.WRONG_AUDIENCE, verifier().expectedAudience("jira").build(), token(HEADER, validClaims()), "GET", PATH);
        String audList = withAud.replace("\"aud\":\"other\"", "\"aud\":[\"other\",\"jira\"]");
        assertEquals(List.of("other", "jira"), verifier().expectedAudience("jira").expectedIssuer(APP).build()
                .verify(token(HEADER, audList), "GET", PATH).audience());
    }

    @Test
    void missingOrWrongQshIsRefused() {
        long now = NOW.getEpochSecond();
        String noQsh = "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"exp\":" + (now + 180) + "}";
        assertRejected(Reason.QSH_MISSING, token(HEADER, noQsh));
        String token = token(HEADER, validClaims());
        JwtVerifier verifier = verifier().build();
        assertRejected(Reason.QSH_MISMATCH, verifier, token, "POST", PATH);
        assertRejected(Reason.QSH_MISMATCH, verifier, token, "GET", "/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=500");
        assertRejected(Reason.QSH_MISMATCH, verifier, token, "GET", "/rest/api/2/search?jql=project%20%3D%20OPS");
        assertRejected(Reason.QSH_MISMATCH, verifier, token, "GET", "/rest/api/2/issue?jql=project%20%3D%20OPS&maxResults=5");
        // the jwt parameter itself is not part of the hash
        assertEquals(APP, verifier.verify(token, "GET", PATH + "&jwt=" + token).issuer());
        assertRejected(Reason.INVALID_CLAIM, token(HEADER, validClaims().replaceFirst("\"qsh\":\"[0-9a-f]+\"", "\"qsh\":42")));
    }

    @Test
    void qshIsCheckedRelativeToTheContextPath() {
        String token = token(HEADER, validClaims());
        JwtVerifier verifier = verifier().contextPath("/jira").build();
        assertEquals(APP, verifier.verify(token, "GET", "/jira" + PATH).issuer());
        assertRejected(Reason.QSH_MISMATCH, verifier, token, "GET", "/confluence" + PATH);
    }

    @Test
    void contextTokensAreAcceptedOnlyWhereTheCallerSaysSo() {
        long now = NOW.getEpochSecond();
        String context = token(HEADER, "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"exp\":" + (now + 180)
                + ",\"qsh\":\"context-qsh\"}");
        assertRejected(Reason.CONTEXT_QSH_NOT_ALLOWED, context);
        VerifiedJwt jwt = verifier().build().verify(context, "GET", PATH, QshRule.REQUEST_OR_CONTEXT);
        assertTrue(jwt.isContextToken());
        // a request-bound token still has to match under the lenient rule
        String bound = token(HEADER, validClaims());
        assertEquals(Reason.QSH_MISMATCH, leaks.thrown(JwtVerificationException.class,
                () -> verifier().build().verify(bound, "DELETE", PATH, QshRule.REQUEST_OR_CONTEXT)).reason());
    }

    @Test
    void qshInTheOrderOfAtlassiansJavaLibraryIsAcceptedToo() {
        String target = "/x?ids[]=1&ids2=2";
        long now = NOW.getEpochSecond();
        String javaOrder = Qsh.hash(Qsh.canonicalRequest("GET", target, "", Qsh.NameOrder.ENCODED));
        String token = token(HEADER, "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"exp\":" + (now + 180)
                + ",\"qsh\":\"" + javaOrder + "\"}");
        assertEquals(javaOrder, verifier().build().verify(token, "GET", target).qsh());
        assertRejected(Reason.QSH_MISMATCH, verifier().build(), token, "GET", "/x?ids[]=1&ids2=3");
    }

    @Test
    void encryptedTokensAreRefusedWhereSignedOnesAreExpected() throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(validClaims()));
        jwe.encrypt(new DirectEncrypter(KEY.length >= 32 ? java.util.Arrays.copyOf(KEY, 32) : KEY));
        assertRejected(Reason.ENCRYPTED, jwe.serialize());
        assertRejected(Reason.ENCRYPTED, token("{\"alg\":\"HS256\",\"enc\":\"A256GCM\"}", validClaims()));
    }

    @Test
    void deeplyNestedJsonIsRefusedBeforeAnyParserBuildsIt() {
        long now = NOW.getEpochSecond();
        String base = "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"exp\":" + (now + 180) + ",\"qsh\":\"" + Qsh.qsh("GET", PATH) + "\"";
        assertRejected(Reason.NESTING_TOO_DEEP, token(HEADER, base + ",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}"));
        assertRejected(Reason.NESTING_TOO_DEEP, token(HEADER, base + ",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        assertRejected(Reason.NESTING_TOO_DEEP, token("{\"alg\":\"HS256\",\"x\":" + "{\"a\":".repeat(20) + "1" + "}".repeat(20) + "}",
                validClaims()));
        // fifteen levels inside the claims object make sixteen: the limit, still fine
        String deepest = base + ",\"x\":" + "[".repeat(15) + "]".repeat(15) + "}";
        assertEquals(APP, verifier().build().verify(token(HEADER, deepest), "GET", PATH).issuer());
        assertRejected(Reason.NESTING_TOO_DEEP, verifier().maxJsonDepth(4).build(),
                token(HEADER, base + ",\"x\":[[[[]]]]}"), "GET", PATH);
    }

    @Test
    void oversizedTokensAreRefusedBeforeDecoding() {
        String big = validClaims().replace("}", ",\"pad\":\"" + "x".repeat(9000) + "\"}");
        assertRejected(Reason.OVERSIZED, token(HEADER, big));
        String medium = validClaims().replace("}", ",\"pad\":\"" + "x".repeat(3000) + "\"}");
        assertRejected(Reason.OVERSIZED, verifier().maxTokenLength(2048).build(), token(HEADER, medium), "GET", PATH);
        assertEquals(APP, verifier().build().verify(token(HEADER, medium), "GET", PATH).issuer());
    }

    @Test
    void malformedTokensAreRefused() {
        String good = token(HEADER, validClaims());
        String[] p = good.split("\\.");
        assertRejected(Reason.MALFORMED, "");
        assertRejected(Reason.MALFORMED, p[0] + "." + p[1]);
        assertRejected(Reason.MALFORMED, good + ".extra");
        assertRejected(Reason.MALFORMED, "!!!." + p[1] + "." + p[2]);
        assertRejected(Reason.MALFORMED, p[0] + "=." + p[1] + "." + p[2]);
        assertRejected(Reason.MALFORMED, p[0] + "." + p[1] + "." + p[2] + "*");
        assertRejected(Reason.MALFORMED, p[0] + "." + p[1] + ".");
        assertRejected(Reason.MALFORMED, p[0] + "." + b64("{\"iss\":") + "." + p[2]);
        assertRejected(Reason.MALFORMED, b64("[\"HS256\"]") + "." + p[1] + "." + p[2]);
        assertRejected(Reason.MALFORMED, b64(HEADER + "x") + "." + p[1] + "." + p[2]);
        assertRejected(Reason.MALFORMED, b64("{'alg':'HS256'}") + "." + p[1] + "." + p[2]);
        assertRejected(Reason.MALFORMED, p[0] + "." + b64(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}) + "." + p[2]);
        JwtVerificationException e = leaks.thrown(JwtVerificationException.class, () -> verifier().build().verify(null, "GET", PATH));
        assertEquals(Reason.MALFORMED, e.reason());
    }

    @Test
    void criticalHeadersAndDuplicateMembersAreRefused() {
        assertRejected(Reason.CRITICAL_HEADER, token("{\"alg\":\"HS256\",\"crit\":[\"exp\",\"exp\"],\"exp\":1}", validClaims()));
        assertRejected(Reason.CRITICAL_HEADER, token("{\"alg\":\"HS256\",\"crit\":[\"x-ext\"],\"x-ext\":true}", validClaims()));
        assertRejected(Reason.CRITICAL_HEADER, token("{\"alg\":\"HS256\",\"b64\":false}", validClaims()));
        assertRejected(Reason.DUPLICATE_MEMBER, token("{\"alg\":\"HS256\",\"crit\":[\"a\"],\"crit\":[\"b\"]}", validClaims()));
        assertRejected(Reason.DUPLICATE_MEMBER, token("{\"alg\":\"HS256\",\"alg\":\"none\"}", validClaims()));
        // the same name written with an escape is still the same name
        assertRejected(Reason.DUPLICATE_MEMBER, token("{\"alg\":\"HS256\",\"\\u0061lg\":\"HS512\"}", validClaims()));
        assertRejected(Reason.DUPLICATE_MEMBER, token(HEADER, validClaims().replace("{", "{\"iss\":\"com.example.other\",")));
        // the same name in different objects is fine
        String nested = validClaims().replace("}", ",\"context\":{\"iss\":\"x\"}}");
        assertEquals(APP, verifier().build().verify(token(HEADER, nested), "GET", PATH).issuer());
    }

    @Test
    void wrongSignaturesAreRefused() {
        assertRejected(Reason.BAD_SIGNATURE, seen(hs256(HEADER, validClaims(), "another-secret-of-sufficient-length-xyz".getBytes(StandardCharsets.UTF_8))));
        String good = token(HEADER, validClaims());
        String[] p = good.split("\\.");
        String tampered = p[0] + "." + b64(validClaims().replace("\"iat\":", "\"sub\":\"admin\",\"iat\":")) + "." + p[2];
        assertRejected(Reason.BAD_SIGNATURE, tampered);
        char last = p[2].charAt(0);
        assertRejected(Reason.BAD_SIGNATURE, p[0] + "." + p[1] + "." + (last == 'A' ? 'B' : 'A') + p[2].substring(1));
    }

    @Test
    void issuerMustBePresentAndKnown() {
        long now = NOW.getEpochSecond();
        assertRejected(Reason.UNKNOWN_ISSUER, token(HEADER, validClaims().replace(APP, "com.example.stranger")));
        assertRejected(Reason.MISSING_CLAIM, token(HEADER, "{\"iat\":" + now + ",\"exp\":" + (now + 180) + ",\"qsh\":\"x\"}"));
        assertRejected(Reason.INVALID_CLAIM, token(HEADER, validClaims().replace("\"" + APP + "\"", "[\"" + APP + "\"]")));
    }

    @Test
    void issuedAtAndExpiryAreRequiredNumbers() {
        long now = NOW.getEpochSecond();
        String qsh = Qsh.qsh("GET", PATH);
        assertRejected(Reason.MISSING_CLAIM, token(HEADER, "{\"iss\":\"" + APP + "\",\"iat\":" + now + ",\"qsh\":\"" + qsh + "\"}"));
        assertRejected(Reason.MISSING_CLAIM, token(HEADER, "{\"iss\":\"" + APP + "\",\"exp\":" + (now + 60) + ",\"qsh\":\"" + qsh + "\"}"));
        assertRejected(Reason.INVALID_CLAIM, token(HEADER, "{\"iss\":\"" + APP + "\",\"iat\":" + now
                + ",\"exp\":\"tomorrow\",\"qsh\":\"" + qsh + "\"}"));
    }

    @Test
    void sharedSecretsTooShortForTheAlgorithmAreRefused() {
        String shortSecret = leaks.secret("only-sixteen-byt");
        JwtVerifier verifier = JwtVerifier.builder().sharedSecrets(iss -> SecretValue.of(shortSecret))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        assertRejected(Reason.WEAK_KEY, verifier, seen(hs256(HEADER, validClaims(), shortSecret.getBytes(StandardCharsets.UTF_8))),
                "GET", PATH);
    }

    @Test
    void builderRefusesMissingAndConflictingSettings() {
        IllegalStateException noKeys = assertThrows(IllegalStateException.class, () -> JwtVerifier.builder().build());
        assertTrue(noKeys.getMessage().contains("sharedSecrets"), noKeys.getMessage());
        assertThrows(IllegalStateException.class,
                () -> JwtVerifier.builder().sharedSecrets(iss -> null).keys(iss -> null));
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder().algorithms(JWSAlgorithm.ES256));
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder().algorithms());
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder().contextPath("jira"));
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.builder().clockSkew(Duration.ofMinutes(10)));
    }

    @Test
    void oneVerifierServesManyThreadsAtOnce() throws Exception {
        JwtVerifier verifier = verifier().build();
        String good = token(HEADER, validClaims());
        String forged = seen(hs256(HEADER, validClaims(), "an-attackers-guess-at-the-secret-000000".getBytes(StandardCharsets.UTF_8)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<int[]>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(() -> {
                    int[] counts = new int[2];
                    for (int i = 0; i < 100; i++) {
                        if (APP.equals(verifier.verify(good, "GET", PATH).issuer())) {
                            counts[0]++;
                        }
                        try {
                            verifier.verify(forged, "GET", PATH);
                        } catch (JwtVerificationException e) {
                            if (e.reason() == Reason.BAD_SIGNATURE) {
                                counts[1]++;
                            }
                        }
                    }
                    return counts;
                });
            }
            int accepted = 0;
            int refused = 0;
            for (Future<int[]> f : pool.invokeAll(jobs)) {
                int[] c = f.get(60, TimeUnit.SECONDS);
                accepted += c[0];
                refused += c[1];
            }
            assertEquals(400, accepted);
            assertEquals(400, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimsOfAVerifiedTokenCarryNoTokenText() {
        String token = token(HEADER, validClaims());
        VerifiedJwt jwt = verifier().build().verify(token, "GET", PATH);
        leaks.captured(jwt.toString());
        assertEquals(Date.from(NOW.plusSeconds(170)).getTime() / 1000, ((Number) jwt.claims().get("exp")).longValue());
    }
}
