package io.jiraaccess.core.connect;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.jiraaccess.core.connect.JwtVerificationException.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compact JWS whose shape and header have been checked, and whose claims have been read but not yet trusted:
 * size first, then five parts (a JWE), then three canonical Base64URL parts of strict UTF-8 JSON objects within the depth
 * limit and without repeated member names ({@link JsonShape}), then the header ({@code enc}, {@code alg} none,
 * the allowlist, {@code crit}/{@code b64}). Only then are header and claims handed to Nimbus.
 *
 * @param algorithm the header's algorithm, one of the allowed
 * @param claims    the claims, unverified
 */
record CompactJws(JWSAlgorithm algorithm, JWTClaimsSet claims) {
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder CANONICAL = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> DATE_CLAIMS = List.of("exp", "nbf", "iat");
    /** 9999-12-31T23:59:59Z in seconds: the last NumericDate a verifier compares. */
    static final long MAX_NUMERIC_DATE = 253402300799L;

    static CompactJws read(String token, int maxLength, int maxDepth, Set<JWSAlgorithm> allowed) {
        if (token == null || token.isEmpty()) {
            throw new JwtVerificationException(Reason.MALFORMED, "no token");
        }
        if (token.length() > maxLength) {
            throw new JwtVerificationException(Reason.OVERSIZED, "the token has " + token.length()
                    + " characters, more than the limit of " + maxLength);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw new JwtVerificationException(Reason.ENCRYPTED, "the token is a JWE (five parts); a signed JWS is expected");
        }
        if (parts.length != 3) {
            throw new JwtVerificationException(Reason.MALFORMED, "the token has " + parts.length + " parts, not 3");
        }
        JWSAlgorithm algorithm = checkHeader(parseJson(json(parts[0], "header", maxDepth), "header"), allowed);
        if (parts[2].isEmpty()) {
            throw new JwtVerificationException(Reason.MALFORMED, "the token has no signature");
        }
        decode(parts[2], "signature");
        return new CompactJws(algorithm, parseClaims(json(parts[1], "claims", maxDepth)));
    }

    private static byte[] decode(String part, String name) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new JwtVerificationException(Reason.MALFORMED, "the " + name + " is not unpadded Base64URL");
            }
        }
        byte[] bytes;
        try {
            bytes = BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtVerificationException(Reason.MALFORMED, "the " + name + " is not valid Base64URL");
        }
        // the JDK ignores the unused low bits of the last character: "...A" and "...B" can decode alike, so one
        // signature would have several spellings; only the one an encoder writes is accepted (RFC 7515 section 2)
        if (!CANONICAL.encodeToString(bytes).equals(part)) {
            throw new JwtVerificationException(Reason.MALFORMED, "the " + name + " is not canonical Base64URL "
                    + "(its last character carries bits an encoder leaves zero)");
        }
        return bytes;
    }

    private static String json(String part, String name, int maxDepth) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decode(part, name)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JwtVerificationException(Reason.MALFORMED, "the " + name + " is not UTF-8");
        }
        JsonShape.check(json, maxDepth, name);
        return json;
    }

    private static Map<String, Object> parseJson(String json, String name) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new JwtVerificationException(Reason.MALFORMED, "the " + name + " is not a JSON object");
        }
    }

    private static JWSAlgorithm checkHeader(Map<String, Object> header, Set<JWSAlgorithm> allowed) {
        if (header.containsKey("enc")) {
            throw new JwtVerificationException(Reason.ENCRYPTED, "the header names an encryption (enc): a JWE, not a JWS");
        }
        if (!(header.get("alg") instanceof String name)) {
            throw new JwtVerificationException(Reason.MALFORMED, "the header has no alg string");
        }
        if (name.trim().toLowerCase(Locale.ROOT).equals("none")) {
            throw new JwtVerificationException(Reason.ALG_NONE, "unsecured tokens (alg none) are never accepted");
        }
        JWSAlgorithm algorithm = allowed.stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
        if (algorithm == null) {
            throw new JwtVerificationException(Reason.ALG_NOT_ALLOWED, "alg " + JwtVerifier.printable(name)
                    + " is not allowed; allowed: " + String.join(", ", allowed.stream().map(JWSAlgorithm::getName).sorted().toList()));
        }
        if (header.containsKey("crit") || header.containsKey("b64")) {
            throw new JwtVerificationException(Reason.CRITICAL_HEADER,
                    "the header uses crit or b64, extensions this verifier does not implement");
        }
        return algorithm;
    }

    private static JWTClaimsSet parseClaims(String json) {
        Map<String, Object> claims = parseJson(json, "claims");
        for (String date : DATE_CLAIMS) {
            Object v = claims.get(date);
            // Nimbus turns seconds into milliseconds in a long: outside this range the product wraps around, and a
            // token that expired long ago (or is issued far in the future) would pass the time checks
            if (v != null && !(v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= MAX_NUMERIC_DATE)) {
                throw new JwtVerificationException(Reason.INVALID_CLAIM, "the " + date
                        + " claim is not a date in seconds between 1970 and 9999");
            }
        }
        Object aud = claims.get("aud");
        if (aud instanceof List<?> list && list.stream().anyMatch(a -> !(a instanceof String))) {
            throw new JwtVerificationException(Reason.INVALID_CLAIM, "the aud claim is a list of something else than strings");
        }
        try {
            return JWTClaimsSet.parse(claims);
        } catch (ParseException e) {
            throw new JwtVerificationException(Reason.INVALID_CLAIM,
                    "a registered claim (iss, sub, aud, exp, nbf, iat, jti) has the wrong JSON type");
        }
    }
}
