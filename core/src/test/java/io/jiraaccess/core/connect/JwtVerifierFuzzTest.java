package io.jiraaccess.core.connect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.jiraaccess.core.connect.JwtVerifier.QshRule;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.FuzzText;
import io.jiraaccess.core.testing.SecretLeaks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz targets for {@link JwtVerifier}. The verifier knows three issuers: {@code fuzz-app} (a 64-byte shared
 * secret, so HS256/384/512 all apply), {@code weak-app} (a 16-byte secret: too short for any) and {@code rsa-app}
 * (an RSA public key); it allows HS256, HS384, HS512 and RS256, its clock stands at {@link #NOW}, and every token is
 * checked against {@code GET} {@link #PATH}, once as a request token and once where context tokens are allowed.
 * <p>{@link #refusesEveryTokenNotSignedWithTheIssuersKey}: the input is the token text. The fuzzer cannot forge a
 * MAC, so this drives the parsing and refusal paths. {@link #acceptsExactlyTheValidTokensAmongThoseSignedWithTheKey}:
 * the input is {@code HEADER_JSON\nCLAIMS_JSON} (no line break: an HS256 header and the whole input as claims), which
 * the test signs with {@code fuzz-app}'s secret, so every check after the signature is reached.
 * <p>Properties, for any input:
 * <ul>
 *   <li>only {@link JwtVerificationException} is thrown;</li>
 *   <li>an accepted token is signed with its issuer's key (checked here with the JDK's HMAC), names an allowed HMAC
 *   algorithm without {@code crit}/{@code b64}/{@code enc}, and its claims (read here with Jackson) have
 *   {@code iss}, an {@code exp} not passed and at most {@link JwtVerifier#DEFAULT_MAX_LIFETIME} after {@code iat},
 *   {@code iat} and {@code nbf} not in the future, all three dates between 1970 and 9999, and the request's qsh (or
 *   {@code context-qsh} where allowed); all three parts are canonical Base64URL (what the JDK's encoder writes);</li>
 *   <li>conversely, a token signed with the key whose header and claims are plainly valid is accepted;</li>
 *   <li>a refusal's message has the form {@code JWT rejected (REASON): ...}, is short printable ASCII, and contains
 *   neither the token, nor its signature, nor a key in any printed form (unless the input spelled that form out:
 *   the fuzzer learns what the check compares and builds issuers from it).</li>
 * </ul>
 */
class JwtVerifierFuzzTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String PATH = "/rest/api/2/search?jql=project%20%3D%20OPS&maxResults=5";
    private static final String APP = "fuzz-app";
    private static final String KEY = "fuzz-verifier-shared-secret-0123456789abcdef-0123456789abcdef-01";
    private static final String WEAK_KEY = "weak-secret-0123";
    private static final long SKEW_SECONDS = JwtVerifier.DEFAULT_CLOCK_SKEW.toSeconds();
    /** 9999-12-31T23:59:59Z: the sane upper end of a NumericDate. */
    private static final long MAX_NUMERIC_DATE = 253402300799L;
    private static final Map<String, String> JCA = Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384", "HS512", "HmacSHA512");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final RSAPublicKey RSA_KEY = rsaPublicKey();
    private static final JwtVerifier VERIFIER = JwtVerifier.builder()
            .algorithms(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512, JWSAlgorithm.RS256)
            .keys(iss -> switch (iss) {
                case APP -> VerificationKey.hmac(SecretValue.of(KEY));
                case "weak-app" -> VerificationKey.hmac(SecretValue.of(WEAK_KEY));
                case "rsa-app" -> VerificationKey.rsa(RSA_KEY);
                default -> null;
            })
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    @FuzzTest(maxDuration = "4m")
    void refusesEveryTokenNotSignedWithTheIssuersKey(byte[] input) {
        String token = FuzzText.decode(input);
        for (QshRule rule : QshRule.values()) {
            if (verify(token, token, rule) instanceof VerifiedJwt) {
                assertValid(token, rule);
            }
        }
    }

    @FuzzTest(maxDuration = "4m")
    void acceptsExactlyTheValidTokensAmongThoseSignedWithTheKey(byte[] input) {
        String text = FuzzText.decode(input);
        int nl = text.indexOf('\n');
        String header = nl < 0 ? "{\"alg\":\"HS256\",\"typ\":\"JWT\"}" : text.substring(0, nl);
        String claims = nl < 0 ? text : text.substring(nl + 1);
        String token = TestTokens.signed(header, claims, KEY.getBytes(StandardCharsets.UTF_8),
                JCA.getOrDefault(algOf(header), "HmacSHA256"));
        for (QshRule rule : QshRule.values()) {
            Object outcome = verify(token, text, rule);
            if (outcome instanceof VerifiedJwt accepted) {
                assertValid(token, rule);
                assertEquals(APP, accepted.issuer(), "issuer of the accepted token");
            } else if (plainlyValid(header, claims, rule) && token.length() <= JwtVerifier.DEFAULT_MAX_TOKEN_LENGTH) {
                fail("a plainly valid token signed with the key was refused (" + rule + ", "
                        + ((JwtVerificationException) outcome).getMessage() + "): " + header + " " + claims);
            }
        }
    }

    /**
     * The {@link VerifiedJwt}, or the {@link JwtVerificationException}: the only allowed way to refuse.
     *
     * @param input what the fuzzer wrote (the token, or the header and claims the test signed)
     */
    private static Object verify(String token, String input, QshRule rule) {
        try {
            return VERIFIER.verify(token, "GET", PATH, rule);
        } catch (JwtVerificationException e) {
            assertCleanMessage(e, token, input);
            return e;
        } catch (RuntimeException e) {
            return fail("only JwtVerificationException may escape verify, not " + e, e);
        }
    }

    private static void assertCleanMessage(JwtVerificationException e, String token, String input) {
        String message = e.getMessage();
        assertTrue(message.startsWith("JWT rejected (" + e.reason() + "): "), "message form: " + message);
        assertTrue(message.length() <= 400, "message length " + message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7F, "message is printable ASCII, found U+" + Integer.toHexString(c));
        }
        if (token.length() >= 8) {
            assertFalse(message.contains(token), "the message quotes the token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 3 && parts[2].length() >= 8) {
            assertFalse(message.contains(parts[2]), "the message quotes the signature");
        }
        // a key form the input spells out itself (an issuer the fuzzer built from it) is echoed text, not a leak
        List<String> hidden = Stream.of(KEY, WEAK_KEY)
                .filter(key -> SecretForms.of(key).stream().noneMatch(form -> input.contains(form) || token.contains(form)))
                .toList();
        SecretLeaks.assertAbsent(hidden, message);
    }

    /** What acceptance requires, checked without the verifier, Nimbus or {@link Qsh}'s own hash code path. */
    private static void assertValid(String token, QshRule rule) {
        String[] parts = token.split("\\.", -1);
        assertEquals(3, parts.length, "an accepted token has three parts");
        JsonNode header = strictJson(parts[0]);
        JsonNode claims = strictJson(parts[1]);
        assertTrue(header != null && header.isObject() && claims != null && claims.isObject(),
                "header and claims of an accepted token are JSON objects");
        String alg = header.path("alg").isTextual() ? header.path("alg").textValue() : "";
        assertTrue(JCA.containsKey(alg), "accepted alg " + alg);
        for (String banned : Set.of("crit", "b64", "enc")) {
            assertFalse(header.has(banned), "accepted a header with " + banned);
        }
        assertEquals(APP, claims.path("iss").asText(null), "only fuzz-app has a usable key");
        byte[] expected = TestTokens.hmac(parts[0] + "." + parts[1], KEY.getBytes(StandardCharsets.UTF_8), JCA.get(alg));
        assertTrue(Arrays.equals(expected, Base64.getUrlDecoder().decode(parts[2])), "accepted a token whose MAC is wrong");
        for (String part : parts) {
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(part)), part,
                    "accepted a part that is not canonical Base64URL");
        }
        long now = NOW.getEpochSecond();
        JsonNode exp = claims.path("exp");
        assertTrue(isNumericDate(exp) && exp.asLong() > now - SKEW_SECONDS, "accepted exp " + exp);
        JsonNode iat = claims.path("iat");
        assertTrue(isNumericDate(iat) && iat.asLong() <= now + SKEW_SECONDS, "accepted iat " + iat);
        // whole seconds, as the verifier (Nimbus) reads them
        assertTrue(exp.asLong() - iat.asLong() <= JwtVerifier.DEFAULT_MAX_LIFETIME.toSeconds(),
                "accepted a lifetime of " + (exp.asLong() - iat.asLong()) + " s");
        JsonNode nbf = claims.path("nbf");
        assertTrue(nbf.isMissingNode() || nbf.isNull() || (isNumericDate(nbf) && nbf.asLong() <= now + SKEW_SECONDS),
                "accepted nbf " + nbf);
        String qsh = claims.path("qsh").asText(null);
        boolean requestQsh = QshFuzzTest.sha256Hex(Qsh.canonicalRequest("GET", PATH)).equals(qsh);
        boolean contextQsh = rule == QshRule.REQUEST_OR_CONTEXT && "context-qsh".equals(qsh);
        assertTrue(requestQsh || contextQsh, "accepted qsh " + qsh + " for " + rule);
    }

    /**
     * Valid beyond doubt: strict JSON without repeats, an exact HMAC alg and nothing else risky in the header; a
     * string iss of fuzz-app; integral exp, iat and nbf well inside their windows; the request's qsh; registered
     * claims of their documented types.
     */
    private static boolean plainlyValid(String headerJson, String claimsJson, QshRule rule) {
        JsonNode header = strictJson(headerJson.getBytes(StandardCharsets.UTF_8));
        JsonNode claims = strictJson(claimsJson.getBytes(StandardCharsets.UTF_8));
        if (header == null || claims == null || !header.isObject() || !claims.isObject()
                || depth(header) > JwtVerifier.DEFAULT_MAX_JSON_DEPTH || depth(claims) > JwtVerifier.DEFAULT_MAX_JSON_DEPTH
                || hasLoneSurrogate(headerJson) || hasLoneSurrogate(claimsJson) || !finiteNumbers(claims)) {
            return false;
        }
        for (String name : (Iterable<String>) header::fieldNames) {
            if (!name.equals("alg") && !name.equals("typ")) {
                return false;
            }
        }
        if (!header.path("alg").isTextual() || !JCA.containsKey(header.path("alg").textValue())
                || !(header.path("typ").isMissingNode() || header.path("typ").isTextual())) {
            return false;
        }
        long now = NOW.getEpochSecond();
        String qsh = claims.path("qsh").isTextual() ? claims.path("qsh").textValue() : null;
        boolean qshOk = QshFuzzTest.sha256Hex(Qsh.canonicalRequest("GET", PATH)).equals(qsh)
                || (rule == QshRule.REQUEST_OR_CONTEXT && "context-qsh".equals(qsh));
        return APP.equals(claims.path("iss").isTextual() ? claims.path("iss").textValue() : null)
                && integralIn(claims.path("exp"), now + SKEW_SECONDS + 1, MAX_NUMERIC_DATE)
                && integralIn(claims.path("iat"), 0, now - SKEW_SECONDS)
                && claims.path("exp").asLong() - claims.path("iat").asLong() <= JwtVerifier.DEFAULT_MAX_LIFETIME.toSeconds()
                && (claims.path("nbf").isMissingNode() || integralIn(claims.path("nbf"), 0, now - SKEW_SECONDS))
                && qshOk
                && stringOrAbsent(claims.path("sub")) && stringOrAbsent(claims.path("jti"))
                && (stringOrAbsent(claims.path("aud")) || stringArray(claims.path("aud")));
    }

    /** A number of seconds from 1970 to the end of 9999, the only dates a verifier can compare safely. */
    private static boolean isNumericDate(JsonNode n) {
        return n.isNumber() && n.canConvertToLong() && n.asLong() >= 0 && n.asLong() <= MAX_NUMERIC_DATE;
    }

    /** Numbers a double holds (JSON allows 1e400; Nimbus' parser, like most, refuses it). */
    private static boolean finiteNumbers(JsonNode node) {
        if (node.isNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!finiteNumbers(child)) {
                return false;
            }
        }
        return true;
    }

    private static boolean integralIn(JsonNode n, long min, long max) {
        return (n.isInt() || n.isLong()) && n.asLong() >= min && n.asLong() <= max;
    }

    private static boolean stringOrAbsent(JsonNode n) {
        return n.isMissingNode() || n.isTextual();
    }

    private static boolean stringArray(JsonNode n) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                if (Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode strictJson(String base64url) {
        try {
            return strictJson(Base64.getUrlDecoder().decode(base64url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode strictJson(byte[] utf8) {
        try {
            return STRICT.readTree(utf8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The header's alg when it reads as a JSON object naming one, so the test signs with what the header says. */
    private static String algOf(String header) {
        JsonNode h = strictJson(header.getBytes(StandardCharsets.UTF_8));
        return h != null && h.path("alg").isTextual() ? h.path("alg").textValue() : "HS256";
    }

    private static RSAPublicKey rsaPublicKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return (RSAPublicKey) g.generateKeyPair().getPublic();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
