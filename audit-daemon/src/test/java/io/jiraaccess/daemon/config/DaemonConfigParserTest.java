package io.jiraaccess.daemon.config;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.cli.DaemonCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConfigParserTest {
    private static final String JENKINS_TOKEN = "11aa22bb33cc44dd55ee66ff77";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String JIRA_PAT = "NjQ1MzU2OTk2NTQ0OmFiY2RlZmdoaWprbG1u";
    private static final String ES_KEY = "ZXMta2V5LWZvci10ZXN0cw==";

    private final DaemonConfigParser parser = new DaemonConfigParser(SecretReferences.fromMap(Map.of(
            "JENKINS_TOKEN", JENKINS_TOKEN, "JIRA_ACCESS_ADMIN_TOKEN", ADMIN_TOKEN, "JIRA_ADMIN_PAT", JIRA_PAT,
            "ES_API_KEY", ES_KEY, "JIRA_CLOUD_TOKEN", "cloud-token-0123456789", "ATLASSIAN_ORG_ADMIN_KEY",
            "org-admin-key-0123456789")));

    @TempDir
    Path dir;

    @Test
    void theExampleOfTheIssueParsesWithEveryKeyAsWritten() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read at parse time");
        String yaml = """
                elasticsearch: { url: https://es.example.com:9200, apiKey: "${env:ES_API_KEY}", caCertificate: %s, retentionDays: 90 }
                state: { dir: ./jira-access-state }
                spool: { dir: ./jira-access-spool, poll: "0/10 * * * * ?" }
                jira:
                  - name: corp-dc
                    flavor: datacenter            # or cloud
                    credential: { kind: pat, site: "https://jira.example.com", token: "${env:JIRA_ADMIN_PAT}" }
                    auditPoll: "0 * * * * ?"
                    tokensPoll: "0 */5 * * * ?"
                    orgId: ""                     # cloud: org whose API tokens to inventory (org admin key credential)
                jenkins:
                  - { name: ci-main, url: "https://jenkins.example.com", user: audit-bot, apiToken: "${env:JENKINS_TOKEN}", poll: "0/30 * * * * ?" }
                policy: { maxAgeDays: 90, warnBeforeExpiryDays: 14, revokeUnusedAfterDays: 30, revokeUnmanaged: false, enforce: false, schedule: "0 */15 * * * ?" }
                admin: { listen: "127.0.0.1:8088", token: "${env:JIRA_ACCESS_ADMIN_TOKEN}" }
                routes: { dir: "" }               # optional directory overriding the packaged routes
                """.formatted(ca);
        DaemonConfig c = parser.parse("daemon.yaml", yaml, dir);

        assertEquals(URI.create("https://es.example.com:9200"), c.elasticsearch().url());
        assertEquals(ES_KEY, c.elasticsearch().apiKey().reveal());
        assertEquals(ca, c.elasticsearch().caCertificate());
        assertEquals(90, c.elasticsearch().retentionDays());
        assertEquals(dir.resolve("jira-access-state"), c.state().dir());
        assertEquals(DaemonConfig.CursorStoreKind.FILE, c.state().cursors());
        assertEquals(dir.resolve("jira-access-spool"), c.spool().dir());
        assertEquals("0/10 * * * * ?", c.spool().poll());
        assertEquals(1, c.jira().size());
        DaemonConfig.JiraSource jira = c.jira().get(0);
        assertEquals("corp-dc", jira.name());
        assertEquals(JiraFlavor.DATACENTER, jira.flavor());
        assertEquals("corp-dc", jira.credential().id());
        assertEquals(JIRA_PAT, ((PatSpec) jira.credential()).token().reveal());
        assertEquals("0 */5 * * * ?", jira.tokensPoll());
        assertEquals("", jira.orgId());
        DaemonConfig.JenkinsSource jenkins = c.jenkins().get(0);
        assertEquals("ci-main", jenkins.name());
        assertEquals("audit-bot", jenkins.user());
        assertEquals(JENKINS_TOKEN, jenkins.apiToken().reveal());
        assertEquals(Duration.ofSeconds(30), jenkins.timeout());
        assertEquals(new DaemonConfig.Policy(90, 14, 30, false, false, "0 */15 * * * ?"), c.policy());
        assertEquals("127.0.0.1", c.admin().host());
        assertEquals(8088, c.admin().port());
        assertEquals(ADMIN_TOKEN, c.admin().token().reveal());
        assertNull(c.routes().dir());
        assertThat(c.toString()).doesNotContain(JENKINS_TOKEN, ADMIN_TOKEN, JIRA_PAT, ES_KEY);
    }

    @Test
    void theExampleInTheModuleParses() {
        DaemonConfig c = parser.parse(Path.of("audit-daemon.example.yaml"));
        assertEquals(URI.create("https://es.example.com:9200"), c.elasticsearch().url());
        assertEquals(Path.of("/var/spool/jira-access"), c.spool().dir());
        assertEquals("ci-main", c.jenkins().get(0).name());
        assertEquals(ADMIN_TOKEN, c.admin().token().reveal());
        DaemonConfig.JiraSource cloud = c.jira().get(1);
        assertEquals(JiraFlavor.CLOUD, cloud.flavor());
        assertEquals("8a2e1c4d-93b7-4f60-b1d2-7e5f3a9c0d14", cloud.orgId());
        assertEquals("org-admin-key-0123456789", cloud.orgAdminKey().reveal());
        assertEquals(URI.create("https://api.atlassian.com"), cloud.adminApi());
        assertEquals(true, cloud.tokens());
        assertEquals("https://corp.atlassian.net", cloud.site());
        assertEquals(Duration.ofHours(24), c.jira().get(0).auditLookback());
        assertEquals(new DaemonConfig.Policy(90, 14, 30, false, false, "0 */15 * * * ?", java.util.List.of("jira-access-")),
                c.policy());
    }

    @Test
    void aCloudOrgNeedsItsAdminKeyAndDataCenterTakesNeither() {
        String cred = "credential: { kind: api-token, site: \"https://c.atlassian.net\", email: a@b.c, token: \"${env:JIRA_CLOUD_TOKEN}\" }";
        assertThatThrownBy(() -> parser.parse("d.yaml", "jira: [ { name: c, flavor: cloud, orgId: abc, " + cred + " } ]", dir))
                .hasMessageContaining("jira[0].orgAdminKey: is missing; the org's API tokens are listed with an org admin API key");
        assertThatThrownBy(() -> parser.parse("d.yaml", "jira: [ { name: c, flavor: cloud, orgAdminKey: \"${env:ATLASSIAN_ORG_ADMIN_KEY}\", "
                + cred + " } ]", dir))
                .hasMessageContaining("jira[0].orgId: is missing");
        assertThatThrownBy(() -> parser.parse("d.yaml", "jira: [ { name: d, flavor: datacenter, orgId: abc, "
                + "credential: { kind: pat, site: \"https://j.example.com\", token: \"${env:JIRA_ADMIN_PAT}\" } } ]", dir))
                .hasMessageContaining("jira[0].orgId: applies to flavor: cloud only");
        DaemonConfig c = parser.parse("d.yaml", "jira: [ { name: c, flavor: cloud, " + cred + " } ]", dir);
        assertEquals(false, c.jira().get(0).tokens(), "no org: no token inventory");
        assertEquals(java.util.List.of(), parser.parse("d.yaml", "policy: { managedPrefixes: [\"\"] }", dir).policy()
                .managedPrefixes(), "an empty prefix would call every token managed; it is dropped");
    }

    @Test
    void noFileAtAllGivesLocalDefaults() {
        DaemonConfig c = parser.defaults();
        Path cwd = Path.of("").toAbsolutePath();
        assertNull(c.elasticsearch().url());
        assertEquals(cwd.resolve("jira-access-state"), c.state().dir());
        assertEquals(cwd.resolve("jira-access-spool"), c.spool().dir());
        assertEquals("127.0.0.1", c.admin().host());
        assertEquals(8088, c.admin().port());
        assertNull(c.admin().token());
        assertEquals(0, c.jenkins().size());
        assertEquals(0, c.jira().size());
        assertEquals(DaemonConfigParser.DEFAULT_SPOOL_POLL, c.spool().poll());
        assertTrue(c.spool().watch());
    }

    @Test
    void theSpoolWatchCanBeSwitchedOffAndTakesOnlyABoolean() {
        assertFalse(parser.parse("d.yaml", "spool: { dir: /tmp/s, watch: false }", dir).spool().watch());
        assertTrue(parser.parse("d.yaml", "spool: { dir: /tmp/s, watch: true }", dir).spool().watch());
        assertThatThrownBy(() -> parser.parse("d.yaml", "spool: { dir: /tmp/s, watch: sometimes }", dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spool.watch");
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPathAndTheKnownKeys() {
        assertThatThrownBy(() -> parser.parse("d.yaml", "spool: { dir: /tmp/s, pol: \"0/5 * * * * ?\" }", dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("d.yaml: spool.pol: is not a known setting here")
                .hasMessageContaining("poll");
        assertThatThrownBy(() -> parser.parse("d.yaml", "jenkin: []", dir))
                .hasMessageContaining("d.yaml: jenkin: is not a known setting here");
        assertThatThrownBy(() -> parser.parse("d.yaml", """
                jenkins:
                  - { name: a, url: "https://j.example.com", user: u, apiToken: "${env:JENKINS_TOKEN}", timeout: 5 }
                """, dir))
                .hasMessageContaining("jenkins[0].timeout: is not a known setting here");
    }

    @Test
    void aBadCronExpressionIsRefusedWithTheFix() {
        assertThatThrownBy(() -> parser.parse("d.yaml", "spool: { poll: \"*/10 * * * *\" }", dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("d.yaml: spool.poll: '*/10 * * * *' is not a Quartz cron expression")
                .hasMessageContaining("\"0/10 * * * * ?\"");
        assertThatThrownBy(() -> parser.parse("d.yaml", "policy: { schedule: \"0 61 * * * ?\" }", dir))
                .hasMessageContaining("policy.schedule: '0 61 * * * ?' is not a Quartz cron expression");
    }

    @Test
    void anInlineSecretIsRefusedWithoutEchoingIt() {
        String inline = "inline-secret-value-123456";
        assertThatThrownBy(() -> parser.parse("d.yaml", """
                jenkins:
                  - { name: ci, url: "https://jenkins.example.com", user: bot, apiToken: "%s" }
                """.formatted(inline), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jenkins[0].apiToken")
                .hasMessageContaining("${env:NAME} or ${file:PATH}")
                .message().doesNotContain(inline);
    }

    @Test
    void badValuesNameTheKeyAndTheFix() {
        assertThatThrownBy(() -> parser.parse("d.yaml", "admin: { listen: \"localhost\" }", dir))
                .hasMessageContaining("admin.listen: 'localhost' is not host:port");
        assertThatThrownBy(() -> parser.parse("d.yaml", "elasticsearch: { retentionDays: 0 }", dir))
                .hasMessageContaining("elasticsearch.retentionDays: 0 is out of range");
        assertThatThrownBy(() -> parser.parse("d.yaml", "elasticsearch: { url: \"http://es.example.com:9200\" }", dir))
                .hasMessageContaining("elasticsearch.url")
                .hasMessageContaining("plain http");
        assertThatThrownBy(() -> parser.parse("d.yaml", "state: { cursors: redis }", dir))
                .hasMessageContaining("state.cursors: 'redis' is not valid; use one of elasticsearch, file");
        assertThatThrownBy(() -> parser.parse("d.yaml", "elasticsearch: { apiKey: \"${env:ES_API_KEY}\" }", dir))
                .hasMessageContaining("elasticsearch.apiKey: is set but url is not");
        assertThatThrownBy(() -> parser.parse("d.yaml", "jira: [ { name: x, flavor: server, credential: {} } ]", dir))
                .hasMessageContaining("jira[0].flavor: 'server' is not valid; use one of cloud, datacenter");
    }

    @Test
    void jenkinsNamesMustBeUnique() {
        assertThatThrownBy(() -> parser.parse("d.yaml", """
                jenkins:
                  - { name: ci, url: "https://a.example.com", user: u, apiToken: "${env:JENKINS_TOKEN}" }
                  - { name: ci, url: "https://b.example.com", user: u, apiToken: "${env:JENKINS_TOKEN}" }
                """, dir))
                .hasMessageContaining("jenkins[1].name: 'ci' is used by another jenkins entry");
    }

    /** Finding 6 of issue 14: a second admin.listen silently replaced the first (loopback became every interface). */
    @Test
    void aRepeatedKeyIsRefusedNamingItAndBothLines() {
        assertThatThrownBy(() -> parser.parse("d.yaml", """
                admin:
                  listen: "127.0.0.1:8088"
                  token: "${env:JIRA_ACCESS_ADMIN_TOKEN}"
                  listen: "0.0.0.0:8088"
                """, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("d.yaml: admin.listen: is written twice, at lines 2 and 4; keep one (a repeated key would "
                        + "silently replace the first)");
        assertThatThrownBy(() -> parser.parse("d.yaml", """
                jira:
                  - name: corp
                    credential: { kind: pat, site: "https://jira.example.com", token: "${env:JIRA_ADMIN_PAT}",
                                  allow: { projects: [ABC] }, allow: { hosts: [jira.example.com] } }
                """, dir))
                .hasMessageStartingWith("d.yaml: jira[0].credential.allow: is written twice, at lines 4 and 4");
    }

    /** Finding 8 of issue 14: a device or an endless FIFO as configuration is refused at the size limit, exit 2. */
    @Test
    void aConfigurationThatIsADeviceIsRefusedWithExit2AndOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DaemonCli.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", "/dev/zero");
        assertEquals(2, exit);
        assertEquals("audit-daemon: /dev/zero: larger than 1048576 bytes; this is not a daemon configuration (check the "
                + "--config path)\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void invalidYamlReportsThePositionNotTheText() {
        String secretish = "s3cr3t-looking-text";
        assertThatThrownBy(() -> parser.parse("d.yaml", "spool: { dir: [" + secretish, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("d.yaml: not valid YAML at line")
                .message().doesNotContain(secretish);
    }

    @Test
    void relativePathsAreResolvedAgainstTheConfigurationFile() throws Exception {
        Path file = Files.writeString(dir.resolve("daemon.yaml"), "spool: { dir: spool-here }\nstate: { dir: /var/tmp/st }\n");
        DaemonConfig c = parser.parse(file);
        assertEquals(dir.resolve("spool-here"), c.spool().dir());
        assertEquals(Path.of("/var/tmp/st"), c.state().dir());
        assertEquals(file.toString(), c.source());
    }
}
