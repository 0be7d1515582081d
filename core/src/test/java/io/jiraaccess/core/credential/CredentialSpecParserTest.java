package io.jiraaccess.core.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialSpecParserTest {
    static final String PAT = "pat-Secret-0123456789-abcdefgh";
    static final String API_TOKEN = "TESTATATTxFfGF0-api-token-zyxwvut";
    static final String CLIENT_SECRET = "client-Secret-9876543210-qwerty";
    static final String REFRESH = "refresh-Token-5555-aaaa-bbbb-cccc";
    static final String SHARED = "shared-secret-of-at-least-32-chars-0123456789";
    static final String PASSWORD = "pass-Word-for-pat-creation-1234";
    static final String[] ALL_SECRETS = {PAT, API_TOKEN, CLIENT_SECRET, REFRESH, SHARED, PASSWORD};

    static final Map<String, String> ENV = Map.of(
            "JIRA_PAT", PAT, "JIRA_API_TOKEN", API_TOKEN, "CLIENT_SECRET", CLIENT_SECRET,
            "REFRESH_TOKEN", REFRESH, "SHARED_SECRET", SHARED, "PAT_PASSWORD", PASSWORD, "EMPTY", "");

    final CredentialSpecParser parser = new CredentialSpecParser(io.jiraaccess.core.secret.SecretReferences.fromMap(ENV));

    static final String FULL_PAT_YAML = """
            kind: pat
            id: ci-jira
            site: https://jira.example.com/jira
            owner: ci-bot
            description: CI bot on the build farm
            token: ${env:JIRA_PAT}
            allow:
              hosts: [jira.example.com, JIRA-2.example.com:8443]
              projects: [abc, OPS]
              operations: [read, write]
            rotation:
              everyDays: 30
              expiryDays: 90
              graceMinutes: 15
              tokenName: ci-bot-token
              username: ci-bot
              password: ${env:PAT_PASSWORD}
            """;

    static final String API_TOKEN_YAML = """
            kind: api-token
            id: cloud-ci
            site: https://acme.atlassian.net
            email: ci@acme.example
            token: ${env:JIRA_API_TOKEN}
            expiresAt: 2026-05-01
            """;

    static final String CLIENT_CREDENTIALS_YAML = """
            kind: oauth-client-credentials
            id: svc
            site: https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555
            clientId: my-client
            clientSecret: ${env:CLIENT_SECRET}
            scopes: read:jira-work write:jira-work
            audience: api.atlassian.com
            """;

    static final String REFRESH_TOKEN_YAML = """
            kind: oauth-refresh-token
            id: dc-oauth
            site: https://jira.internal.example
            clientId: dc-client
            clientSecret: ${env:CLIENT_SECRET}
            refreshToken: ${env:REFRESH_TOKEN}
            scopes: [WRITE]
            """;

    static final String CONNECT_YAML = """
            kind: connect-jwt
            id: my-app
            site: https://acme.atlassian.net
            appKey: com.example.app
            sharedSecret: ${env:SHARED_SECRET}
            ttlSeconds: 60
            """;

    @Test
    void patWithEveryFieldIsParsed() {
        PatSpec spec = assertInstanceOf(PatSpec.class, parser.parse("ci.yaml", FULL_PAT_YAML, "ignored"));
        assertEquals("ci-jira", spec.id());
        assertEquals(URI.create("https://jira.example.com/jira"), spec.site());
        assertEquals("https://jira.example.com/jira", spec.common().siteBase());
        assertEquals(JiraFlavor.DATACENTER, spec.flavor());
        assertEquals("ci-bot", spec.common().owner());
        assertEquals("CI bot on the build farm", spec.common().description());
        assertEquals(PAT, spec.token().reveal());
        assertEquals(List.of("jira.example.com", "jira-2.example.com:8443"), spec.allow().hosts());
        assertEquals(Set.of("https://jira.example.com:443", "https://jira-2.example.com:8443"),
                spec.allow().effectiveHosts(spec.site()), "a port written in allow.hosts is kept; without one, the site's");
        assertEquals(List.of("ABC", "OPS"), spec.allow().projects());
        assertEquals(Set.of(Operation.READ, Operation.WRITE), spec.allow().operations());
        PatSpec.Rotation r = spec.rotation();
        assertTrue(r.managed());
        assertEquals(30, r.everyDays());
        assertEquals(90, r.expiryDays());
        assertEquals(Duration.ofMinutes(15), r.grace());
        assertEquals("ci-bot-token", r.tokenName());
        assertEquals("ci-bot", r.username());
        assertEquals(PASSWORD, r.password().reveal());
    }

    @Test
    void minimalPatGetsDefaults() {
        PatSpec spec = (PatSpec) parser.parse("ci.yaml", """
                kind: pat
                site: https://jira.example.com
                token: ${env:JIRA_PAT}
                """, "from-file-name");
        assertEquals("from-file-name", spec.id());
        assertEquals(AllowPolicy.DEFAULT, spec.allow());
        assertEquals(Set.of("https://jira.example.com:443"), spec.allow().effectiveHosts(spec.site()));
        assertEquals(EnumSet.allOf(Operation.class), EnumSet.copyOf(spec.allow().operations()));
        assertEquals(PatSpec.Rotation.NONE, spec.rotation());
        assertEquals(false, spec.rotation().managed());
    }

    @Test
    void rotationDefaultsExpiryToTwiceThePeriodAndNamesTokensAfterTheCredential() {
        PatSpec spec = (PatSpec) parser.parse("ci.yaml", """
                kind: pat
                id: ci
                site: https://jira.example.com
                token: ${env:JIRA_PAT}
                rotation: {everyDays: 10}
                """, null);
        assertEquals(20, spec.rotation().expiryDays());
        assertEquals(Duration.ofMinutes(60), spec.rotation().grace());
        assertEquals("jira-access-ci", spec.rotation().tokenName());
    }

    @Test
    void apiTokenIsParsedWithItsExpiry() {
        ApiTokenSpec spec = (ApiTokenSpec) parser.parse("cloud.yaml", API_TOKEN_YAML, null);
        assertEquals(JiraFlavor.CLOUD, spec.flavor());
        assertEquals("ci@acme.example", spec.email());
        assertEquals(API_TOKEN, spec.token().reveal());
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), spec.expiresAt());
        ApiTokenSpec withTime = (ApiTokenSpec) parser.parse("cloud.yaml",
                API_TOKEN_YAML.replace("2026-05-01", "2026-05-01T12:30:00+02:00"), null);
        assertEquals(Instant.parse("2026-05-01T10:30:00Z"), withTime.expiresAt());
    }

    @Test
    void clientCredentialsDefaultToTheCloudTokenEndpointOnCloud() {
        OAuthClientCredentialsSpec spec = (OAuthClientCredentialsSpec) parser.parse("svc.yaml", CLIENT_CREDENTIALS_YAML, null);
        assertEquals(JiraFlavor.CLOUD, spec.flavor());
        assertEquals(CredentialSpecParser.CLOUD_TOKEN_URL, spec.tokenUrl());
        assertEquals("my-client", spec.clientId());
        assertEquals(CLIENT_SECRET, spec.clientSecret().reveal());
        assertEquals(List.of("read:jira-work", "write:jira-work"), spec.scopes());
        assertEquals("api.atlassian.com", spec.audience());
    }

    @Test
    void clientCredentialsDefaultToTheSiteTokenEndpointOnDataCenter() {
        OAuthClientCredentialsSpec spec = (OAuthClientCredentialsSpec) parser.parse("svc.yaml", """
                kind: oauth-client-credentials
                site: https://jira.example.com/ctx/
                clientId: c
                clientSecret: ${env:CLIENT_SECRET}
                """, "svc");
        assertEquals(URI.create("https://jira.example.com/ctx/rest/oauth2/latest/token"), spec.tokenUrl());
        assertEquals(List.of(), spec.scopes());
        assertNull(spec.audience());
    }

    @Test
    void refreshTokenDefaultsToTheDataCenterEndpointsAndAllowsPublicClients() {
        OAuthRefreshTokenSpec spec = (OAuthRefreshTokenSpec) parser.parse("dc.yaml", REFRESH_TOKEN_YAML, null);
        assertEquals(URI.create("https://jira.internal.example/rest/oauth2/latest/token"), spec.tokenUrl());
        assertEquals(URI.create("https://jira.internal.example/rest/oauth2/latest/authorize"), spec.authorizeUrl());
        assertEquals(REFRESH, spec.refreshToken().reveal());
        assertEquals(List.of("WRITE"), spec.scopes());

        OAuthRefreshTokenSpec pub = (OAuthRefreshTokenSpec) parser.parse("pub.yaml", """
                kind: oauth-refresh-token
                site: https://acme.atlassian.net
                clientId: public-client
                """, "pub");
        assertNull(pub.clientSecret());
        assertNull(pub.refreshToken());
        assertEquals(CredentialSpecParser.CLOUD_AUTHORIZE_URL, pub.authorizeUrl());
        assertEquals(CredentialSpecParser.CLOUD_TOKEN_URL, pub.tokenUrl());
    }

    @Test
    void connectJwtIsParsedWithItsTtl() {
        ConnectJwtSpec spec = (ConnectJwtSpec) parser.parse("app.yaml", CONNECT_YAML, null);
        assertEquals("com.example.app", spec.appKey());
        assertEquals(SHARED, spec.sharedSecret().reveal());
        assertEquals(Duration.ofSeconds(60), spec.ttl());
        ConnectJwtSpec defaults = (ConnectJwtSpec) parser.parse("app.yaml", CONNECT_YAML.replace("ttlSeconds: 60\n", ""), null);
        assertEquals(ConnectJwtSpec.DEFAULT_TTL, defaults.ttl());
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(Arguments.of(FULL_PAT_YAML), Arguments.of(API_TOKEN_YAML), Arguments.of(CLIENT_CREDENTIALS_YAML),
                Arguments.of(REFRESH_TOKEN_YAML), Arguments.of(CONNECT_YAML));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void yamlAndItsJsonTranslationGiveTheSameSpec(String yaml) throws Exception {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        CredentialSpec fromYaml = parser.parse("c.yaml", yaml, "x");
        CredentialSpec fromJson = parser.parse("c.json", json, "x");
        assertEquals(fromYaml, fromJson);
        // and back again: JSON read as YAML (JSON is YAML) gives the same spec too
        String yamlAgain = new ObjectMapper(new YAMLFactory()).writeValueAsString(new ObjectMapper().readTree(json));
        assertEquals(fromYaml, parser.parse("c.yaml", yamlAgain, "x"));
        assertNoSecret("spec.toString()", fromYaml.toString(), ALL_SECRETS);
    }

    @Test
    void fileIdDefaultsToTheFileNameWithoutExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("build-bot.yaml");
        Files.writeString(file, API_TOKEN_YAML.replace("id: cloud-ci\n", ""));
        assertEquals("build-bot", parser.parse(file).id());
        Path json = dir.resolve("json-bot.json");
        Files.writeString(json, "{\"kind\":\"pat\",\"site\":\"http://localhost:8089\",\"token\":\"${env:JIRA_PAT}\"}");
        CredentialSpec spec = parser.parse(json);
        assertEquals("json-bot", spec.id());
        assertEquals(URI.create("http://localhost:8089"), spec.site());
    }

    /** Bad inputs: each message must contain the file, the field and the fix. */
    static Stream<Arguments> invalidSpecs() {
        String pat = "kind: pat\nid: ci\nsite: https://jira.example.com\ntoken: ${env:JIRA_PAT}\n";
        return Stream.of(
                Arguments.of("site: https://jira.example.com\ntoken: ${env:JIRA_PAT}\n", "kind: is missing", "write kind: one of pat, api-token"),
                Arguments.of(pat.replace("kind: pat", "kind: patt"), "kind: 'patt' is not a credential kind", "use one of pat"),
                Arguments.of(pat.replace("site: https://jira.example.com\n", ""), "site: is missing", "e.g. site: https://"),
                Arguments.of(pat.replace("https://jira.example.com", "http://jira.example.com"), "site: 'http://jira.example.com' uses plain http", "use https"),
                Arguments.of(pat.replace("https://jira.example.com", "ftp://jira.example.com"), "site: 'ftp://jira.example.com' must be an http(s) URL", "http(s)"),
                Arguments.of(pat.replace("https://jira.example.com", "https://jira.example.com/?a=b"), "site: ", "must not have a query or fragment"),
                Arguments.of(pat.replace("https://jira.example.com", "jira.example.com"), "site: 'jira.example.com' is not an absolute URL", "e.g. https://jira.example.com"),
                Arguments.of(pat.replace("id: ci", "id: 'bad id!'"), "id: 'bad id!' may only contain", "letters, digits"),
                Arguments.of(pat.replace("token: ${env:JIRA_PAT}\n", ""), "token: is missing", "${env:NAME} or ${file:PATH}"),
                Arguments.of(pat + "tokne: x\n", "tokne: is not a known setting here", "check the spelling"),
                Arguments.of(pat + "flavor: server\n", "flavor: 'server' is not valid", "use one of cloud, datacenter"),
                Arguments.of(pat + "allow: [a]\n", "allow: must be a mapping", "mapping of keys to values"),
                Arguments.of(pat + "allow:\n  project: [ABC]\n", "allow.project: is not a known setting here", "known settings: hosts, projects, operations"),
                Arguments.of(pat + "allow:\n  operations: [read, delete]\n", "allow.operations: 'delete' is not an operation", "use read, write or admin"),
                Arguments.of(pat + "allow:\n  projects: [ABC, 1X]\n", "allow.projects: '1X' is not a Jira project key", "write keys such as ABC"),
                Arguments.of(pat + "allow:\n  hosts: ['https://jira.example.com']\n", "allow.hosts: 'https://jira.example.com' is not a host name", "with the port when it differs from the site's"),
                Arguments.of(pat + "allow:\n  hosts: ['jira.example.com:99999']\n", "allow.hosts: 'jira.example.com:99999' is not a host name", "e.g. jira.example.com"),
                Arguments.of(pat + "allow:\n  projects: []\n", "allow.projects: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  operations: []\n", "allow.operations: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  hosts: []\n", "allow.hosts: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  projects: ~\n", "allow.projects: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  operations:\n", "allow.operations: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  projects: ''\n", "allow.projects: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow:\n  projects: [ABC]\n  operations: [' ']\n", "allow.operations: is empty", "remove the key to allow all, or name at least one"),
                Arguments.of(pat + "allow: ~\n", "allow: is empty", "remove the key to allow all, or name at least one of hosts, projects, operations"),
                Arguments.of(pat + "allow: {}\n", "allow: is empty", "remove the key to allow all, or name at least one of hosts, projects, operations"),
                Arguments.of(pat + "rotation:\n  every: 3\n", "rotation.every: is not a known setting here", "check the spelling"),
                Arguments.of(pat + "rotation:\n  everyDays: 30\n  expiryDays: 30\n", "rotation.expiryDays: 30 must be longer than everyDays (30)", "expire before they are rotated"),
                Arguments.of(pat + "rotation:\n  everyDays: 0\n", "rotation.everyDays: 0 is out of range", "between 1 and 365"),
                Arguments.of(pat + "rotation:\n  everyDays: weekly\n", "rotation.everyDays: 'weekly' is not a whole number", "between 1 and 365"),
                Arguments.of(pat + "rotation:\n  username: bot\n", "rotation.password: username and password go together", "write both or neither"),
                Arguments.of("kind: api-token\nid: c\nsite: https://a.atlassian.net\nemail: nobody\ntoken: ${env:JIRA_API_TOKEN}\n",
                        "email: 'nobody' is not an email address", "write the Atlassian account email"),
                Arguments.of("kind: api-token\nid: c\nsite: https://a.atlassian.net\ntoken: ${env:JIRA_API_TOKEN}\n",
                        "email: is missing", "write the Atlassian account email"),
                Arguments.of("kind: api-token\nid: c\nsite: https://a.atlassian.net\nemail: a@b.c\ntoken: ${env:JIRA_API_TOKEN}\nexpiresAt: soon\n",
                        "expiresAt: 'soon' is not a date", "write 2026-05-01"),
                Arguments.of("kind: oauth-client-credentials\nid: c\nsite: https://a.atlassian.net\nclientSecret: ${env:CLIENT_SECRET}\n",
                        "clientId: is missing", "write the OAuth client id"),
                Arguments.of("kind: oauth-client-credentials\nid: c\nsite: https://a.atlassian.net\nclientId: x\n",
                        "clientSecret: is missing", "${env:NAME} or ${file:PATH}"),
                Arguments.of("kind: oauth-refresh-token\nid: c\nsite: https://a.atlassian.net\nclientId: x\ntokenUrl: http://auth.example.com/token\n",
                        "tokenUrl: 'http://auth.example.com/token' uses plain http", "use https"),
                Arguments.of("kind: connect-jwt\nid: c\nsite: https://a.atlassian.net\nsharedSecret: ${env:SHARED_SECRET}\n",
                        "appKey: is missing", "write the Connect app key"),
                Arguments.of("kind: connect-jwt\nid: c\nsite: https://a.atlassian.net\nappKey: k\nsharedSecret: ${env:JIRA_PAT}\n",
                        "sharedSecret: is shorter than 32 characters", "use the sharedSecret from the app's installation payload"),
                Arguments.of("kind: connect-jwt\nid: c\nsite: https://a.atlassian.net\nappKey: k\nsharedSecret: ${env:SHARED_SECRET}\nttlSeconds: 5\n",
                        "ttlSeconds: 5 is out of range", "between 10 and 3600"),
                Arguments.of(pat.replace("${env:JIRA_PAT}", "${env:MISSING_VAR}"), "token: environment variable MISSING_VAR is not set or empty", "export it before running"),
                Arguments.of(pat.replace("${env:JIRA_PAT}", "${env:EMPTY}"), "token: environment variable EMPTY is not set or empty", "export it before running"),
                Arguments.of(pat.replace("${env:JIRA_PAT}", "${file:/nonexistent/jira/pat}"), "token: secret file /nonexistent/jira/pat does not exist", "create it or fix the path"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSpecs")
    void invalidSpecIsRefusedNamingFileFieldAndFix(String yaml, String fieldAndProblem, String fix) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("creds/ci.yaml", yaml, null));
        String message = e.getMessage();
        assertTrue(message.startsWith("creds/ci.yaml: "), message);
        assertTrue(message.contains(fieldAndProblem), message);
        assertTrue(message.contains(fix), message);
        assertEquals(JiraAccessException.Failure.CONFIGURATION, e.failure());
        assertNoSecret("error message", message, ALL_SECRETS);
    }

    static Stream<Arguments> literalSecrets() {
        return Stream.of(
                Arguments.of("kind: pat\nid: c\nsite: https://j.example.com\ntoken: " + PAT + "\n", "token"),
                Arguments.of("kind: pat\nid: c\nsite: https://j.example.com\ntoken: \"prefix-${env:JIRA_PAT}\"\n", "token"),
                Arguments.of("kind: api-token\nid: c\nsite: https://a.atlassian.net\nemail: a@b.c\ntoken: " + API_TOKEN + "\n", "token"),
                Arguments.of("kind: oauth-client-credentials\nid: c\nsite: https://a.atlassian.net\nclientId: x\nclientSecret: " + CLIENT_SECRET + "\n", "clientSecret"),
                Arguments.of("kind: oauth-refresh-token\nid: c\nsite: https://a.atlassian.net\nclientId: x\nrefreshToken: " + REFRESH + "\n", "refreshToken"),
                Arguments.of("kind: connect-jwt\nid: c\nsite: https://a.atlassian.net\nappKey: k\nsharedSecret: " + SHARED + "\n", "sharedSecret"),
                Arguments.of("kind: pat\nid: c\nsite: https://j.example.com\ntoken: ${env:JIRA_PAT}\nrotation:\n  username: u\n  password: " + PASSWORD + "\n", "rotation.password"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("literalSecrets")
    void literalSecretIsRefusedWithoutBeingEchoed(String yaml, String field) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml", yaml, null));
        assertTrue(e.getMessage().startsWith("ci.yaml: " + field + ": a secret must be written as ${env:NAME} or ${file:PATH}"),
                e.getMessage());
        assertTrue(e.getMessage().contains("put the value in an environment variable or a file"), e.getMessage());
        assertNoSecret("error message", e.getMessage(), ALL_SECRETS);
    }

    @Test
    void secretAsAMappingIsRefusedWithoutBeingEchoed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml",
                "kind: pat\nid: c\nsite: https://j.example.com\ntoken:\n  value: " + PAT + "\n", null));
        assertEquals("ci.yaml: token: must be a single ${env:NAME} or ${file:PATH} reference", e.getMessage());
    }

    @Test
    void secretUnderAMisspeltKeyIsNotEchoed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml",
                "kind: pat\nid: c\nsite: https://j.example.com\ntoken: ${env:JIRA_PAT}\ntokn: " + PAT + "\n", null));
        assertTrue(e.getMessage().startsWith("ci.yaml: tokn: is not a known setting here"), e.getMessage());
        assertNoSecret("error message", e.getMessage(), ALL_SECRETS);
    }

    /** Finding 6 of issue 14: a second allow block silently dropped the first one's restrictions. */
    @Test
    void aSecondAllowBlockIsRefusedNotMerged() {
        String yaml = "kind: pat\nid: c\nsite: https://j.example.com\ntoken: ${env:JIRA_PAT}\nallow:\n  projects: [ABC]\n"
                + "allow:\n  hosts: [j.example.com]\n";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml", yaml, null));
        assertEquals("ci.yaml: allow: is written twice, at lines 5 and 7; keep one (a repeated key would silently "
                + "replace the first)", e.getMessage());
        String json = "{\"kind\":\"pat\",\"id\":\"c\",\"site\":\"https://j.example.com\",\"token\":\"${env:JIRA_PAT}\","
                + "\n\"allow\":{\"projects\":[\"ABC\"],\n\"projects\":[\"OPS\"]}}";
        ConfigurationException je = assertThrows(ConfigurationException.class, () -> parser.parse("ci.json", json, null));
        assertEquals("ci.json: allow.projects: is written twice, at lines 2 and 3; keep one (a repeated key would "
                + "silently replace the first)", je.getMessage());
    }

    @Test
    void syntaxErrorGivesThePositionButNotTheText() {
        String yaml = "kind: pat\nid: c\nsite: https://j.example.com\ntoken: \"" + PAT + "\n  : - [\n";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml", yaml, null));
        assertTrue(e.getMessage().matches("ci\\.yaml: not valid YAML at line \\d+, column \\d+; fix the syntax there"), e.getMessage());
        assertNoSecret("error message", e.getMessage(), ALL_SECRETS);

        String json = "{\"kind\":\"pat\",\"token\":\"" + PAT + "\" \"x\"}";
        ConfigurationException je = assertThrows(ConfigurationException.class, () -> parser.parse("ci.json", json, null));
        assertTrue(je.getMessage().startsWith("ci.json: not valid JSON at line 1"), je.getMessage());
        assertNoSecret("error message", je.getMessage(), ALL_SECRETS);
    }

    @Test
    void emptyAndNonMappingDocumentsAreRefused() {
        assertEquals("ci.yaml: the file is empty; see the README for an example",
                assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml", "", null)).getMessage());
        assertEquals("ci.yaml: expected a mapping of keys to values at the top level",
                assertThrows(ConfigurationException.class, () -> parser.parse("ci.yaml", "- kind: pat\n", null)).getMessage());
    }

    @Test
    void missingOversizedAndUnreadableFilesAreRefused(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": credential file does not exist; check the --credential path",
                assertThrows(ConfigurationException.class, () -> parser.parse(missing)).getMessage());

        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "description: " + "x".repeat(CredentialSpecParser.MAX_BYTES) + "\n");
        String bigMessage = assertThrows(ConfigurationException.class, () -> parser.parse(big)).getMessage();
        assertTrue(bigMessage.startsWith(big + ": credential file is larger than 65536 bytes"), bigMessage);

        Path directory = Files.createDirectory(dir.resolve("dir.yaml"));
        String dirMessage = assertThrows(ConfigurationException.class, () -> parser.parse(directory)).getMessage();
        assertTrue(dirMessage.startsWith(directory + ": credential file cannot be read"), dirMessage);
        assertTrue(dirMessage.endsWith("check its permissions"), dirMessage);
    }

    @Test
    void fileReferencesAreResolvedRelativeToNothingButTheirPath(@TempDir Path dir) throws Exception {
        Path secretFile = dir.resolve("pat.txt");
        Files.writeString(secretFile, PAT + "\n");
        PatSpec spec = (PatSpec) parser.parse("ci.yaml", "kind: pat\nid: c\nsite: https://j.example.com\ntoken: ${file:" + secretFile + "}\n", null);
        assertEquals(PAT, spec.token().reveal());
    }
}
