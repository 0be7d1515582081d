package io.jiraaccess.core.connect;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 11 of issue 14 against Atlassian's reference, npm atlassian-jwt 2.0.3: a token it minted, with the unused
 * low bits of its signature's last character set, decodes to the same bytes in the JDK. The reference compares the
 * signature as the text it computes, so it refuses that token; our verifier refuses it too (and accepts the original).
 */
class JwtCanonicalInteropTest {
    private static final String APP_KEY = "io.jiraaccess.interop";

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch();

    @Test
    void aSignatureWithItsUnusedBitsSetIsRefusedByTheReferenceAndByUs() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = "interop-" + HexFormat.of().formatHex(random);
        leaks.secret(secret);
        long now = Instant.now().getEpochSecond();
        String path = "/rest/api/2/issue/DEMO-1";

        String minted = AtlassianJwtReference.run(APP_KEY, secret, now,
                List.of(new AtlassianJwtReference.Case("GET", path, null, null))).answers().get(0).token();
        assertNotNull(minted);
        leaks.secret(minted);
        String[] parts = minted.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + TestTokens.withUnusedBitsSet(parts[2]);
        leaks.secret(tampered);

        List<AtlassianJwtReference.Answer> verdicts = AtlassianJwtReference.run(APP_KEY, secret, now, List.of(
                new AtlassianJwtReference.Case("GET", path, null, minted),
                new AtlassianJwtReference.Case("GET", path, null, tampered))).answers();
        assertEquals("accepted", verdicts.get(0).verdictOnOurToken());
        assertTrue(verdicts.get(1).verdictOnOurToken().startsWith("rejected"), verdicts.get(1).verdictOnOurToken());

        JwtVerifier ours = JwtVerifier.builder().sharedSecrets(iss -> APP_KEY.equals(iss) ? SecretValue.of(secret) : null)
                .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC)).build();
        assertEquals(APP_KEY, ours.verify(minted, "GET", path).issuer());
        JwtVerificationException e = leaks.thrown(JwtVerificationException.class, () -> ours.verify(tampered, "GET", path));
        assertEquals(JwtVerificationException.Reason.MALFORMED, e.reason());
    }
}
