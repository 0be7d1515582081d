package io.jiraaccess.core.connect;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.SecretLeakWatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our qsh and JWTs against Atlassian's reference, npm atlassian-jwt 2.0.3 on Node 20, in both directions: over the
 * committed corpus of awkward request targets and over seeded random ones. Node runs once for the whole class.
 */
class QshInteropTest {
    private static final Path CORPUS = Path.of("src/test/resources/connect/qsh-corpus.txt");
    private static final String APP_KEY = "io.jiraaccess.interop";
    private static final int GENERATED = 400;

    private static String secret;
    private static long now;
    private static List<AtlassianJwtReference.Case> corpus;
    private static List<AtlassianJwtReference.Case> cases;
    private static AtlassianJwtReference.Batch reference;

    /** Logs stay free of the shared secret and the tokens; failure messages here name cases, never tokens. */
    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch();
    private static List<AtlassianJwtReference.Answer> controlAnswers;

    @BeforeAll
    static void askTheReference() throws IOException, InterruptedException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = "interop-" + HexFormat.of().formatHex(random);
        now = Instant.now().getEpochSecond();
        corpus = readCorpus();
        List<AtlassianJwtReference.Case> all = new ArrayList<>(corpus);
        all.addAll(generated(new Random(20_240_601L), GENERATED));
        ConnectJwtMinter minter = new ConnectJwtMinter(APP_KEY, SecretValue.of(secret));
        cases = new ArrayList<>();
        for (AtlassianJwtReference.Case c : all) {
            String ours = minter.mint(Qsh.qsh(c.method(), c.url(), contextPath(c)), Instant.ofEpochSecond(now), null);
            cases.add(new AtlassianJwtReference.Case(c.method(), c.url(), c.site(), ours));
        }
        // two tokens the reference must refuse, so that its verdicts on ours are known to mean something
        ConnectJwtMinter stranger = new ConnectJwtMinter(APP_KEY, SecretValue.of(secret + "-not-the-secret"));
        List<AtlassianJwtReference.Case> batch = new ArrayList<>(cases);
        batch.add(new AtlassianJwtReference.Case("GET", "/control/a", null,
                minter.mint("GET", "/control/b", Instant.ofEpochSecond(now))));
        batch.add(new AtlassianJwtReference.Case("GET", "/control/c", null,
                stranger.mint("GET", "/control/c", Instant.ofEpochSecond(now))));
        AtlassianJwtReference.Batch answers = AtlassianJwtReference.run(APP_KEY, secret, now, batch);
        reference = new AtlassianJwtReference.Batch(answers.nodeVersion(), answers.libraryVersion(),
                answers.answers().subList(0, cases.size()));
        controlAnswers = answers.answers().subList(cases.size(), batch.size());
    }

    @Test
    void referenceIsAtlassianJwt203OnNode20() {
        assertEquals("2.0.3", reference.libraryVersion());
        assertTrue(reference.nodeVersion().startsWith("v20."), "expected Node 20, ran " + reference.nodeVersion());
        assertEquals(cases.size(), reference.answers().size());
    }

    @Test
    void referenceRefusesTokensForAnotherRequestOrFromAnotherSecret() {
        assertEquals("qsh mismatch", controlAnswers.get(0).verdictOnOurToken());
        assertEquals("rejected: Signature verification failed", controlAnswers.get(1).verdictOnOurToken());
    }

    @Test
    void corpusHoldsAtLeastFiftyAwkwardTargets() {
        assertTrue(corpus.size() >= 50, "the corpus has only " + corpus.size() + " cases");
    }

    @Test
    void ourCanonicalRequestAndQshEqualTheReferenceForEveryCase() {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AtlassianJwtReference.Case c = cases.get(i);
            AtlassianJwtReference.Answer theirs = reference.answers().get(i);
            String ours = Qsh.canonicalRequest(c.method(), c.url(), contextPath(c));
            String ourQsh = Qsh.qsh(c.method(), c.url(), contextPath(c));
            if (theirs.error() != null || !ours.equals(theirs.canonical()) || !ourQsh.equals(theirs.qsh())) {
                differences.add(describe(c) + "\n    ours:   " + ours + "\n    theirs: "
                        + (theirs.error() != null ? "error " + theirs.error() : theirs.canonical()));
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void tokensTheReferenceMintsVerifyWithOurVerifier() {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AtlassianJwtReference.Case c = cases.get(i);
            AtlassianJwtReference.Answer theirs = reference.answers().get(i);
            assertNotNull(theirs.token(), describe(c));
            JwtVerifier verifier = JwtVerifier.builder()
                    .sharedSecrets(iss -> APP_KEY.equals(iss) ? SecretValue.of(secret) : null)
                    .contextPath(contextPath(c))
                    .clock(Clock.fixed(Instant.ofEpochSecond(now + 1), ZoneOffset.UTC))
                    .expectedIssuer(APP_KEY)
                    .build();
            try {
                VerifiedJwt jwt = verifier.verify(theirs.token(), c.method(), c.url());
                assertEquals(theirs.qsh(), jwt.qsh(), describe(c));
                assertEquals(now + 180, jwt.expiresAt().getEpochSecond(), describe(c));
            } catch (JwtVerificationException e) {
                refused.add(describe(c) + ": " + e.reason());
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void tokensWeMintAreAcceptedByTheReference() {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String verdict = reference.answers().get(i).verdictOnOurToken();
            if (!"accepted".equals(verdict)) {
                refused.add(describe(cases.get(i)) + ": " + verdict);
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void verifyingTheReferencesTokensLeaksNeitherSecretNorTokenToLogs() {
        leaks.secret(secret);
        for (int i = 0; i < cases.size(); i++) {
            AtlassianJwtReference.Case c = cases.get(i);
            String token = leaks.secret(reference.answers().get(i).token());
            leaks.secret(c.ourToken());
            JwtVerifier.builder().sharedSecrets(iss -> SecretValue.of(secret)).contextPath(contextPath(c))
                    .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC)).build()
                    .verify(token, c.method(), c.url());
        }
    }

    private static String contextPath(AtlassianJwtReference.Case c) {
        // atlassian-jwt strips the site URL's path exactly as written, so the test passes it on unchanged
        return c.site() == null ? "" : URI.create(c.site()).getRawPath();
    }

    private static String describe(AtlassianJwtReference.Case c) {
        return c.method() + " " + c.url() + (c.site() == null ? "" : " (site " + c.site() + ")");
    }

    private static List<AtlassianJwtReference.Case> readCorpus() throws IOException {
        List<AtlassianJwtReference.Case> list = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 2 || f.length > 3) {
                throw new IllegalStateException(CORPUS + ": expected METHOD<tab>TARGET[<tab>SITE], got: " + line);
            }
            list.add(new AtlassianJwtReference.Case(f[0], f[1], f.length == 3 ? f[2] : null, null));
        }
        return list;
    }

    /** Random request targets from awkward pieces: reserved, encoded, malformed, unicode, repeated, empty. */
    private static List<AtlassianJwtReference.Case> generated(Random random, int count) {
        String[] pathPieces = {"rest", "api", "2", "a b", "%20", "%2F", "ä", "%C3%A4", "日本", "😀", "~", "*", "'", "(x)",
                "+", ";p=1", ":", "=", "&", "%26", "$", ",", "!", "%zz", "%", "@", "A-Z_9.x"};
        String[] names = {"a", "b", "A", "jwt", "ids[]", "ids2", "ids.", "x y", "x+y", "ä", "%41", "", "*", "~t", "%zz",
                "k=v", "😀", "__proto__"};
        String[] valuePieces = {"", "1", "z", "Z", "a b", "a+b", "%2B", "%20", "%26", "%3D", "=", "*", "~", "ä", "%C3%A4",
                "%E0%A4", "%zz", "%", "😀", "日本", "'", "(", "!", ",", "/", "?", "@", ":", "\\", "{", "|", "^", "\"", "%ED%A0%80"};
        String[] methods = {"GET", "POST", "PUT", "DELETE", "get", "Patch"};
        List<AtlassianJwtReference.Case> list = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            boolean underContext = random.nextInt(3) == 0;
            StringBuilder url = new StringBuilder(underContext ? "/jira" : "");
            int segments = 1 + random.nextInt(3);
            for (int s = 0; s < segments; s++) {
                url.append('/');
                int pieces = 1 + random.nextInt(3);
                for (int p = 0; p < pieces; p++) {
                    url.append(pathPieces[random.nextInt(pathPieces.length)]);
                }
            }
            if (random.nextInt(8) == 0) {
                url.append('/');
            }
            if (random.nextInt(6) != 0) {
                url.append('?');
                int pairs = random.nextInt(7);
                for (int p = 0; p < pairs; p++) {
                    if (p > 0) {
                        url.append(random.nextInt(10) == 0 ? "&&" : "&");
                    }
                    url.append(names[random.nextInt(names.length)]);
                    if (random.nextInt(8) != 0) {
                        url.append('=');
                        int pieces = random.nextInt(4);
                        for (int v = 0; v < pieces; v++) {
                            url.append(valuePieces[random.nextInt(valuePieces.length)]);
                        }
                    }
                }
            }
            list.add(new AtlassianJwtReference.Case(methods[random.nextInt(methods.length)], url.toString(),
                    underContext ? "https://jira.example.com/jira" : null, null));
        }
        return list;
    }
}
