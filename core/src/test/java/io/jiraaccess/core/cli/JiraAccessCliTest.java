package io.jiraaccess.core.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jiraaccess.core.auth.PatAuthenticator;
import io.jiraaccess.core.connect.JwtVerificationException;
import io.jiraaccess.core.connect.JwtVerifier;
import io.jiraaccess.core.connect.VerifiedJwt;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.FileCredentialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI in-process: exit codes, outputs, error messages, and no secret where none belongs. */
class JiraAccessCliTest {
    static final String PAT = "pat-Cli-Secret-0123456789-abc";
    static final String STORED = "pat-Cli-Stored-9876543210-xyz";
    static final String API_TOKEN = "TESTATATTx-cli-token-0123456789";

    static WireMockServer jira;

    @TempDir
    Path tmp;
    Path store;
    final Map<String, String> env = new HashMap<>();

    /** One run's exit code and outputs. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        jira = new WireMockServer(options().dynamicPort());
        jira.start();
    }

    @AfterAll
    static void stop() {
        jira.stop();
    }

    @BeforeEach
    void reset() {
        jira.resetAll();
        store = tmp.resolve("store");
        env.put("JIRA_PAT", PAT);
        env.put("JIRA_API_TOKEN", API_TOKEN);
        env.put("JIRA_ACCESS_SERVICE_NAME", "cli-test");
    }

    Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env), args);
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertNoSecret("stderr", r.err(), PAT, STORED, API_TOKEN);
        assertFalse(r.err().contains("\tat "), "stack trace without --debug? " + r.err());
        return r;
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    Path credential(String yaml) throws Exception {
        Path f = tmp.resolve("ci.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    Path pat(String allow) throws Exception {
        return credential("kind: pat\nid: ci\nsite: http://localhost:" + jira.port() + "\ntoken: ${env:JIRA_PAT}\n" + allow);
    }

    // ---------------------------------------------------------------- header

    @Test
    void headerPrintsTheBearerValue() throws Exception {
        Run r = run("header", "--credential", pat("").toString(), "--store", store.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("Bearer " + PAT + "\n", r.out());
        assertEquals("", r.err());
        assertTrue(Files.exists(store.resolve("installation.key")), "installation key not created in the store");
    }

    @Test
    void headerUsesTheTokenARotationStored() throws Exception {
        new FileCredentialStore(store).save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED)));
        Run r = run("header", "--credential", pat("").toString(), "--store", store.toString());
        assertEquals("Bearer " + STORED + "\n", r.out());
    }

    @Test
    void storeDefaultsToTheEnvironmentVariable() throws Exception {
        new FileCredentialStore(store).save("ci", CredentialState.EMPTY.withSecret(PatAuthenticator.CURRENT, SecretValue.of(STORED)));
        env.put("JIRA_ACCESS_STORE", store.toString());
        assertEquals("Bearer " + STORED + "\n", run("header", "--credential", pat("").toString()).out());
    }

    @Test
    void headerPrintsBasicForAnApiToken() throws Exception {
        Path f = credential("kind: api-token\nid: cloud\nsite: https://acme.atlassian.net\nemail: ci@acme.example\ntoken: ${env:JIRA_API_TOKEN}\n");
        Run r = run("header", "--credential", f.toString(), "--store", store.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("ci@acme.example:" + API_TOKEN).getBytes(StandardCharsets.UTF_8)) + "\n", r.out());
    }

    @Test
    void headerForARequestThePolicyRefusesExitsWith4() throws Exception {
        Run r = run("header", "--credential", pat("allow:\n  projects: [ABC]\n").toString(), "--store", store.toString(),
                "--method", "GET", "--url", "/rest/api/2/issue/XYZ-1");
        assertEquals(4, r.exit());
        assertEquals("", r.out());
        assertEquals("jira-access: credential ci: GET /rest/api/2/issue/XYZ-1 touches project XYZ, outside allow.projects "
                + "[ABC]; add it to allow.projects in the credential file, or use a credential for that project\n", r.err());
    }

    @Test
    void headerForASiteOutsideItsOwnAllowedHostsExitsWith4() throws Exception {
        Run r = run("header", "--credential", pat("allow:\n  hosts: [jira.example.com]\n").toString(), "--store", store.toString());
        assertEquals(4, r.exit());
        assertTrue(r.err().startsWith("jira-access: credential ci: GET to http://localhost:" + jira.port()
                + " refused: allow.hosts"), r.err());
    }

    @Test
    void connectJwtHeaderNeedsTheRequest() throws Exception {
        env.put("SHARED", SHARED);
        Path f = credential("kind: connect-jwt\nid: app\nsite: https://acme.atlassian.net\nappKey: k\nsharedSecret: ${env:SHARED}\n");
        Run r = run("header", "--credential", f.toString(), "--store", store.toString());
        assertEquals(2, r.exit());
        assertEquals("jira-access: credential app: a Connect JWT is bound to one request; give --method and --url\n", r.err());
        assertNoSecret("stderr", r.err(), SHARED);
    }

    // ---------------------------------------------------------------- qsh and jwt

    static final String SHARED = "connect-shared-secret-0123456789-abcdefghij";

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void qshPrintsTheHashOfTheCanonicalRequest() throws Exception {
        Run plain = run("qsh", "--method", "get", "--url", "/rest/api/3/myself");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(sha256Hex("GET&/rest/api/3/myself&") + "\n", plain.out());
        Run query = run("qsh", "--method", "GET", "--url",
                "/path/to/service?zee_last=param&repeated=parameter%201&first=param&repeated=parameter%202");
        assertEquals(sha256Hex("GET&/path/to/service&first=param&repeated=parameter%201,parameter%202&zee_last=param") + "\n", query.out());
        Run context = run("qsh", "--method", "GET", "--url", "/jira/rest/api/2/myself", "--context-path", "/jira");
        assertEquals(sha256Hex("GET&/rest/api/2/myself&") + "\n", context.out());
        assertEquals(2, run("qsh", "--method", "GET").exit());
    }

    @Test
    void jwtPrintsATokenThatVerifiesForTheRequest() throws Exception {
        env.put("SHARED", SHARED);
        Path f = credential("kind: connect-jwt\nid: app\nsite: https://acme.atlassian.net/wiki\nappKey: com.example.app\n"
                + "sharedSecret: ${env:SHARED}\nttlSeconds: 60\n");
        String url = "/rest/api/3/search?jql=project%20%3D%20OPS";
        Run r = run("jwt", "--credential", f.toString(), "--store", store.toString(), "--method", "GET", "--url", url);
        assertEquals(0, r.exit(), r.err());
        String token = r.out().trim();
        assertEquals(2, token.chars().filter(c -> c == '.').count(), token);
        JwtVerifier verifier = JwtVerifier.builder().sharedSecrets(iss -> SecretValue.of(SHARED)).contextPath("/wiki").build();
        VerifiedJwt jwt = verifier.verify(token, "GET", "/wiki" + url);
        assertEquals("com.example.app", jwt.issuer());
        assertEquals(sha256Hex("GET&/rest/api/3/search&jql=project%20%3D%20OPS"), jwt.qsh());
        JwtVerificationException other = assertThrows(JwtVerificationException.class,
                () -> verifier.verify(token, "POST", "/wiki" + url));
        assertTrue(other.getMessage().contains("qsh"), other.getMessage());

        Run header = run("header", "--credential", f.toString(), "--store", store.toString(), "--method", "GET", "--url", url);
        assertEquals(0, header.exit(), header.err());
        assertTrue(header.out().startsWith("JWT ey"), header.out());
        assertEquals("com.example.app", verifier.verify(header.out().trim().substring(4), "GET", "/wiki" + url).issuer());
    }

    @Test
    void jwtIsForConnectCredentialsAndTheirPolicy() throws Exception {
        Run wrongKind = run("jwt", "--credential", pat("").toString(), "--store", store.toString(), "--method", "GET", "--url", "/x");
        assertEquals(2, wrongKind.exit());
        assertEquals("jira-access: credential ci is of kind pat; jwt is for connect-jwt credentials (use header for the others)\n",
                wrongKind.err());
        env.put("SHARED", SHARED);
        Path f = credential("kind: connect-jwt\nid: app\nsite: https://acme.atlassian.net\nappKey: k\nsharedSecret: ${env:SHARED}\n"
                + "allow:\n  operations: [read]\n");
        Run refused = run("jwt", "--credential", f.toString(), "--store", store.toString(), "--method", "DELETE", "--url",
                "/rest/api/3/issue/ABC-1");
        assertEquals(4, refused.exit());
        assertEquals("", refused.out());
        assertNoSecret("stderr", refused.err(), SHARED);
    }

    @Test
    void requestWithAConnectCredentialSendsAJwt() throws Exception {
        env.put("SHARED", SHARED);
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{}")));
        Path f = credential("kind: connect-jwt\nid: app\nsite: http://localhost:" + jira.port() + "\nappKey: com.example.app\n"
                + "sharedSecret: ${env:SHARED}\n");
        assertEquals(0, run("request", "--credential", f.toString(), "--store", store.toString(), "--path", "/rest/api/2/myself").exit());
        String h = jira.getAllServeEvents().get(0).getRequest().getHeader("Authorization");
        assertEquals("com.example.app", JwtVerifier.builder().sharedSecrets(iss -> SecretValue.of(SHARED)).build()
                .verify(h.substring(4), "GET", "/rest/api/2/myself").issuer());
    }

    // ---------------------------------------------------------------- request

    @Test
    void requestPrintsTheResponseBody() throws Exception {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"ci-bot\"}")));
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--method", "GET",
                "--path", "/rest/api/2/myself");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"ci-bot\"}\n", r.out());
        assertEquals("", r.err());
        jira.verify(exactly(1), getRequestedFor(urlEqualTo("/rest/api/2/myself")).withHeader("Authorization", equalTo("Bearer " + PAT)));
    }

    @Test
    void requestSendsTheBodyFromAFileStandardInputOrInline() throws Exception {
        jira.stubFor(post("/rest/api/2/issue/ABC-1/comment").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"1\"}")));
        Path data = Files.writeString(tmp.resolve("comment.json"), "{\"body\":\"from file\"}");
        String cred = pat("").toString();
        assertEquals(0, run("request", "--credential", cred, "--store", store.toString(), "--method", "POST",
                "--path", "/rest/api/2/issue/ABC-1/comment", "--data", "@" + data).exit());
        assertEquals(0, runWithInput("{\"body\":\"from stdin\"}", "request", "--credential", cred, "--store", store.toString(), "--method", "post",
                "--path", "/rest/api/2/issue/ABC-1/comment", "--data", "@-").exit());
        assertEquals(0, run("request", "--credential", cred, "--store", store.toString(), "--method", "POST",
                "--path", "/rest/api/2/issue/ABC-1/comment", "--data", "{\"body\":\"inline\"}").exit());
        for (String text : new String[] {"from file", "from stdin", "inline"}) {
            jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/2/issue/ABC-1/comment"))
                    .withRequestBody(equalToJson("{\"body\":\"" + text + "\"}")));
        }
    }

    @Test
    void missingDataFileIsAUsageError() throws Exception {
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--method", "POST",
                "--path", "/rest/api/2/issue", "--data", "@" + tmp.resolve("nope.json"));
        assertEquals(2, r.exit());
        assertEquals("jira-access: --data: file " + tmp.resolve("nope.json") + " does not exist; check the path after '@'\n", r.err());
        assertEquals(0, jira.getAllServeEvents().size());
    }

    @Test
    void rejectedCredentialExitsWith3() throws Exception {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(401)));
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/rest/api/2/myself");
        assertEquals(3, r.exit());
        assertEquals("", r.out());
        assertEquals("jira-access: credential ci: GET localhost:" + jira.port() + "/rest/api/2/myself -> 401: Jira did not "
                + "accept the credential; check that the token is valid, not expired or revoked, and belongs to localhost\n", r.err());
    }

    @Test
    void forbiddenExitsWith3AndQuotesJira() throws Exception {
        jira.stubFor(get("/rest/api/2/project/ABC").willReturn(aResponse().withStatus(403)
                .withBody("{\"errorMessages\":[\"You do not have permission.\"]}")));
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/rest/api/2/project/ABC");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("-> 403 (Jira says: You do not have permission.): the Jira user behind the credential lacks "
                + "permission"), r.err());
    }

    @Test
    void jiraErrorsExitWith5() throws Exception {
        jira.stubFor(get("/rest/api/2/issue/ABC-404").willReturn(aResponse().withStatus(404)));
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(500)));
        assertEquals(5, run("request", "--credential", pat("").toString(), "--store", store.toString(),
                "--path", "/rest/api/2/issue/ABC-404").exit());
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--method", "POST",
                "--path", "/rest/api/2/issue", "--data", "{}");
        assertEquals(5, r.exit());
        assertTrue(r.err().contains("-> 500: Jira failed; try again later"), r.err());
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/rest/api/2/issue")));
    }

    @Test
    void unreachableJiraExitsWith5() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path f = credential("kind: pat\nid: ci\nsite: http://localhost:" + closed + "\ntoken: ${env:JIRA_PAT}\n");
        Run r = run("request", "--credential", f.toString(), "--store", store.toString(), "--path", "/rest/api/2/myself",
                "--max-attempts", "1");
        assertEquals(5, r.exit());
        assertEquals("jira-access: credential ci: GET localhost:" + closed + "/rest/api/2/myself failed after 1 attempt: "
                + "connection refused or unreachable; check that localhost is reachable from here and Jira is up\n", r.err());
    }

    @Test
    void requestThePolicyRefusesExitsWith4AndSendsNothing() throws Exception {
        Run r = run("request", "--credential", pat("allow:\n  projects: [ABC]\n  operations: [read]\n").toString(),
                "--store", store.toString(), "--path", "/rest/api/2/search?jql=status%3DOpen");
        assertEquals(4, r.exit());
        assertTrue(r.err().startsWith("jira-access: credential ci: GET /rest/api/2/search cannot be tied to a project"), r.err());
        assertTrue(r.err().contains("add a project clause such as project in (ABC) to the JQL"), r.err());
        assertEquals(0, jira.getAllServeEvents().size());
    }

    List<AuditEvent> spooled(Path dir) throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                assertTrue(f.getFileName().toString().endsWith(".ndjson"), "unexpected file in the spool: " + f);
                String text = Files.readString(f);
                assertNoSecret("spool file", text, PAT, STORED, API_TOKEN);
                for (String line : text.split("\n")) {
                    events.add(AuditEvent.fromJson(line));
                }
            }
        }
        return events;
    }

    @Test
    void requestWithSpoolWritesItsEventsWithPipelineAndFingerprint() throws Exception {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(200).withBody("{}")));
        env.put("JOB_NAME", "deploy");
        env.put("BUILD_NUMBER", "41");
        env.put("BUILD_URL", "https://ci.example.com/job/deploy/41/");
        env.put("NODE_NAME", "agent-3");
        Path spool = tmp.resolve("spool");
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/rest/api/2/myself",
                "--spool", spool.toString());
        assertEquals(0, r.exit(), r.err());
        List<AuditEvent> events = spooled(spool);
        assertEquals(1, events.size());
        AuditEvent used = events.get(0);
        assertEquals("token.used", used.action());
        assertTrue(used.id().matches("cli-test:[A-Za-z0-9._-]+:1"), used.id());
        assertEquals("cli-test", used.get("service.name"));
        assertEquals("deploy", used.get("jira_access.pipeline.job"));
        assertEquals("41", used.get("jira_access.pipeline.build"));
        assertEquals("https://ci.example.com/job/deploy/41/", used.get("jira_access.pipeline.url"));
        assertEquals("agent-3", used.get("jira_access.pipeline.node"));
        Fingerprinter fp = new Fingerprinter(InstallationKey.loadOrCreate(store, n -> null));
        assertEquals(fp.fingerprint(SecretValue.of(PAT)), used.fingerprint());
    }

    @Test
    void refusedRequestSpoolsItsViolationAndApiTokenItsBasicAuthUse() throws Exception {
        Path spool = tmp.resolve("spool");
        assertEquals(4, run("request", "--credential", pat("allow:\n  operations: [read]\n").toString(), "--store", store.toString(),
                "--method", "DELETE", "--path", "/rest/api/2/issue/ABC-1", "--spool", spool.toString()).exit());
        jira.stubFor(get("/rest/api/3/myself").willReturn(aResponse().withStatus(200).withBody("{}")));
        Path cloud = Files.writeString(tmp.resolve("cloud.yaml"), "kind: api-token\nid: cloud\nsite: http://localhost:" + jira.port()
                + "\nemail: ci@acme.example\ntoken: ${env:JIRA_API_TOKEN}\n");
        assertEquals(0, run("request", "--credential", cloud.toString(), "--store", store.toString(), "--path", "/rest/api/3/myself",
                "--spool", spool.toString()).exit());
        List<String> actions = spooled(spool).stream().map(AuditEvent::action).sorted().toList();
        assertEquals(List.of("basic_auth.used", "policy.violation", "token.used"), actions);
    }

    @Test
    void unusableSpoolDirectoryIsRefusedBeforeAnythingIsSent() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("spool-file"), "x");
        Run r = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/rest/api/2/myself",
                "--spool", notADir.resolve("spool").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("jira-access: spool directory " + notADir.resolve("spool") + " cannot be created"), r.err());
        assertEquals(0, jira.getAllServeEvents().size());
    }

    // ---------------------------------------------------------------- configuration and usage errors

    @Test
    void missingCredentialFileExitsWith2NamingIt() {
        Path missing = tmp.resolve("nope.yaml");
        Run r = run("request", "--credential", missing.toString(), "--store", store.toString(), "--path", "/x");
        assertEquals(2, r.exit());
        assertEquals("jira-access: " + missing + ": credential file does not exist; check the --credential path\n", r.err());
    }

    @Test
    void unsetSecretVariableExitsWith2NamingIt() throws Exception {
        env.remove("JIRA_PAT");
        Run r = run("header", "--credential", pat("").toString(), "--store", store.toString());
        assertEquals(2, r.exit());
        assertEquals("jira-access: " + tmp.resolve("ci.yaml") + ": token: environment variable JIRA_PAT is not set or empty; "
                + "export it before running, or use ${file:PATH}\n", r.err());
    }

    @Test
    void literalSecretInTheFileIsRefusedWithoutEchoingIt() throws Exception {
        Path f = credential("kind: pat\nid: ci\nsite: https://jira.example.com\ntoken: " + PAT + "\n");
        Run r = run("header", "--credential", f.toString(), "--store", store.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("token: a secret must be written as ${env:NAME} or ${file:PATH}"), r.err());
    }

    @Test
    void headerForAnOAuthServiceAccountPrintsTheAccessToken() throws Exception {
        String access = "oauth-cli-access-0123456789";
        env.put("CS", "client-secret-value-123456");
        jira.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        Path f = credential("kind: oauth-client-credentials\nid: svc\nsite: http://localhost:" + jira.port() + "\nclientId: c\n"
                + "clientSecret: ${env:CS}\ntokenUrl: http://localhost:" + jira.port() + "/oauth/token\n");
        Run r = run("header", "--credential", f.toString(), "--store", store.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("Bearer " + access + "\n", r.out());
        assertNoSecret("stderr", r.err(), "client-secret-value-123456", access);
        jira.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void refusedTokenRequestExitsWith3() throws Exception {
        env.put("CS", "client-secret-value-123456");
        jira.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\"}")));
        Path f = credential("kind: oauth-client-credentials\nid: svc\nsite: http://localhost:" + jira.port() + "\nclientId: c\n"
                + "clientSecret: ${env:CS}\ntokenUrl: http://localhost:" + jira.port() + "/oauth/token\n");
        Run r = run("request", "--credential", f.toString(), "--store", store.toString(), "--path", "/rest/api/2/myself");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("jira-access: ") && r.err().contains("svc"), r.err());
        assertNoSecret("stderr", r.err(), "client-secret-value-123456");
    }

    @Test
    void usageErrorsExitWith2AndPointAtHelp() throws Exception {
        Run missing = run("request", "--path", "/x");
        assertEquals(2, missing.exit());
        assertEquals("jira-access: Missing required option: '--credential=FILE'\nRun 'jira-access request --help' for usage.\n", missing.err());
        Run unknown = run("requets");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("jira-access: Unmatched argument at index 0: 'requets'"), unknown.err());
        Run none = run();
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("jira-access: no command given\nUsage: jira-access"), none.err());
        Run badMethod = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/x",
                "--method", "GE T");
        assertEquals(2, badMethod.exit());
        assertEquals("jira-access: 'GE T' is not an HTTP method; use GET, POST, PUT or DELETE\n", badMethod.err());
        Run badAttempts = run("request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/x",
                "--max-attempts", "0");
        assertEquals(2, badAttempts.exit());
        assertEquals("jira-access: --max-attempts 0 is out of range; give 1 to 20\n", badAttempts.err());
    }

    @Test
    void helpAndVersionExitWith0() {
        Run help = run("request", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--data=@FILE|JSON"), help.out());
        Run version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("jira-access "), version.out());
    }

    @Test
    void debugShowsRequestsAndTheStackTraceButNoSecret() throws Exception {
        jira.stubFor(get("/rest/api/2/myself").willReturn(aResponse().withStatus(401)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env),
                "request", "--credential", pat("").toString(), "--store", store.toString(), "--path", "/rest/api/2/myself", "--debug");
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit);
        assertTrue(e.contains("jira-access: debug: credential ci: GET localhost:" + jira.port() + "/rest/api/2/myself -> 401 (attempt 1"), e);
        assertTrue(e.contains("\tat io.jiraaccess.core.http.JiraClient.failure"), e);
        assertNoSecret("stderr with --debug", e, PAT);
    }
}
