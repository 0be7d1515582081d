package io.jiraaccess.core.oauth;

import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.testing.KeycloakServer;
import io.jiraaccess.core.testing.SecretLeaks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real process dies between receiving a rotated refresh token and persisting it; the next run recovers from the
 * store by presenting the stored token once more, within the server's reuse leeway (Keycloak's
 * {@code refreshTokenMaxReuse=1} with {@code revokeRefreshToken}, mirroring Atlassian's 10-minute reuse interval).
 * Without leeway the credential stops with the re-authorize message instead of retrying.
 */
class RefreshCrashRecoveryIT {
    private static final String LEEWAY = "crash-leeway";
    private static final String STRICT = "crash-strict";
    private static final String CLIENT = "app-crash";
    private static final String SECRET = "crash-secret-" + Long.toHexString(System.nanoTime()) + "-9e0f";
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
    private static KeycloakServer keycloak;

    @TempDir
    Path dir;
    private final List<String> secrets = new ArrayList<>(List.of(SECRET));
    private final List<String> outputs = new ArrayList<>();

    /** What one child process did. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void realms() {
        keycloak = KeycloakServer.shared();
        keycloak.createRealm(LEEWAY, Map.of("revokeRefreshToken", true, "refreshTokenMaxReuse", 1));
        keycloak.createRealm(STRICT, Map.of("revokeRefreshToken", true, "refreshTokenMaxReuse", 0));
        for (String realm : List.of(LEEWAY, STRICT)) {
            keycloak.createClient(realm, Map.of("clientId", CLIENT, "secret", SECRET, "publicClient", false,
                    "directAccessGrantsEnabled", true));
            keycloak.createUser(realm, "dave", PASSWORD);
        }
    }

    @Test
    void crashBetweenReceivingAndPersistingARefreshTokenIsRecoveredFromTheStore() throws Exception {
        String r0 = seed(LEEWAY);

        Run crashed = run(LEEWAY, r0, "halt-after-response");
        assertEquals(RefreshCrashMain.HALTED, crashed.exitCode(), crashed.stderr());
        RefreshTokenState afterCrash = stored();
        assertEquals(r0, afterCrash.refreshToken().reveal(), "the rotated token died with the process");
        assertEquals(1L, afterCrash.inFlight(), "the in-flight marker tells the next run what happened");
        assertEquals(1, keycloak.countEvents(LEEWAY, CLIENT, "REFRESH_TOKEN"), "Keycloak did rotate");

        Run recovered = run(LEEWAY, r0, "normal");
        assertEquals(0, recovered.exitCode(), recovered.stderr());
        assertTrue(recovered.stdout().startsWith("refreshed; the access token is valid until "), recovered.stdout());
        assertTrue(recovered.stderr().contains("credential app-crash: the refresh with token generation 1 started at "),
                recovered.stderr());
        RefreshTokenState afterRecovery = stored();
        assertNotEquals(r0, afterRecovery.refreshToken().reveal());
        assertEquals(2, afterRecovery.generation());
        assertNull(afterRecovery.inFlight());
        assertEquals(2, keycloak.countEvents(LEEWAY, CLIENT, "REFRESH_TOKEN"));

        // and the credential keeps rotating from there
        Run next = run(LEEWAY, r0, "normal");
        assertEquals(0, next.exitCode(), next.stderr());
        assertEquals(3, stored().generation());
        assertEquals(3, keycloak.countEvents(LEEWAY, CLIENT, "REFRESH_TOKEN"));
        assertEquals(0, keycloak.countEvents(LEEWAY, CLIENT, "REFRESH_TOKEN_ERROR"));

        SecretLeaks.assertAbsent(secrets, outputs.toArray(new String[0]));
    }

    @Test
    void crashWithoutReuseLeewayStopsTheCredentialWithTheReauthorizeMessage() throws Exception {
        String r0 = seed(STRICT);
        assertEquals(RefreshCrashMain.HALTED, run(STRICT, r0, "halt-after-response").exitCode());

        Run refused = run(STRICT, r0, "normal");
        assertEquals(3, refused.exitCode(), refused.stdout());
        String message = lastLine(refused.stderr());
        assertTrue(message.startsWith("credential app-crash: the token endpoint " + keycloak.tokenEndpoint(STRICT)
                + " refused the refresh_token grant with HTTP 400: invalid_grant"), message);
        assertTrue(message.contains("an earlier refresh with this token (generation 1, started at "), message);
        assertTrue(message.endsWith("The credential is stopped and will not be retried: re-authorize with "
                + "`jira-access oauth authorize --credential FILE`"), message);
        assertEquals(message, stored().stopped());

        Run again = run(STRICT, r0, "normal");
        assertEquals(3, again.exitCode());
        assertEquals(message, lastLine(again.stderr()));
        assertEquals(1, keycloak.countEvents(STRICT, CLIENT, "REFRESH_TOKEN_ERROR"), "the stopped credential sent nothing more");

        SecretLeaks.assertAbsent(secrets, outputs.toArray(new String[0]));
    }

    private String seed(String realm) {
        String r = keycloak.passwordGrantRefreshToken(realm, CLIENT, SECRET, "dave", PASSWORD);
        secrets.add(r);
        return r;
    }

    private RefreshTokenState stored() {
        RefreshTokenState s = RefreshTokenState.from(CLIENT, store().load(CLIENT).orElseThrow());
        if (s.refreshToken() != null) {
            secrets.add(s.refreshToken().reveal());
        }
        return s;
    }

    private Run run(String realm, String seed, String mode) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClassPath(), RefreshCrashMain.class.getName(),
                dir.resolve("store").toString(), keycloak.tokenEndpoint(realm).toString(), CLIENT, mode)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JA_CLIENT_SECRET", SECRET);
        pb.environment().put("JA_SEED_REFRESH_TOKEN", seed);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child process did not finish");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        outputs.add(r.stdout());
        outputs.add(r.stderr());
        return r;
    }

    private FileCredentialStore store() {
        return new FileCredentialStore(dir.resolve("store"));
    }

    /** Surefire/failsafe put the test class path here; {@code java.class.path} may be a manifest-only jar. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
