package io.jiraaccess.daemon.config;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code cluster:} and {@code elasticsearch.urls}, and the rules that tie a cluster to the rest of the file. */
class ClusterConfigParserTest {
    private static final String DB_PASSWORD = "pg-Secret-7d1c9e";
    private final DaemonConfigParser parser = new DaemonConfigParser(SecretReferences.fromMap(Map.of("PG_PASSWORD", DB_PASSWORD)));

    @TempDir
    Path dir;

    private DaemonConfig parse(String yaml) {
        return parser.parse("daemon.yaml", yaml, dir);
    }

    private String refusal(String yaml) {
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class, () -> parse(yaml));
        assertThat(t.getMessage()).doesNotContain(DB_PASSWORD).doesNotContain("\n");
        return t.getMessage();
    }

    private static final String ES = "elasticsearch: { url: \"http://127.0.0.1:9200\" }\n";

    @Test
    void aClusterSectionNamesTheInstanceTheDatabaseAndItsCredentials() {
        DaemonConfig c = parse(ES + """
                cluster:
                  instance: audit-1
                  jdbcUrl: "jdbc:postgresql://db.example.com:5432/jira_access?sslmode=verify-full"
                  user: jira_access
                  password: "${env:PG_PASSWORD}"
                """);
        assertEquals("audit-1", c.cluster().instance());
        assertEquals("jdbc:postgresql://db.example.com:5432/jira_access?sslmode=verify-full", c.cluster().jdbcUrl());
        assertEquals("jira_access", c.cluster().user());
        assertEquals(DB_PASSWORD, c.cluster().password().reveal());
        assertThat(c.cluster().toString()).doesNotContain(DB_PASSWORD);
        assertEquals(DaemonConfig.CursorStoreKind.ELASTICSEARCH, c.state().cursors(), "a cluster shares its cursors");
        assertNull(c.scheduler().quartzProperties());
    }

    @Test
    void withoutAClusterSectionTheDaemonRunsAloneWithFileCursors() {
        DaemonConfig c = parse(ES);
        assertNull(c.cluster());
        assertEquals(DaemonConfig.CursorStoreKind.FILE, c.state().cursors());
    }

    @Test
    void aPasswordlessLoopbackDatabaseNeedsNoTls() {
        DaemonConfig c = parse(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://127.0.0.1:5432/q\", user: u }\n");
        assertNull(c.cluster().password());
    }

    @Test
    void eachMistakeInTheClusterSectionIsOneLineNamingTheKeyAndTheFix() {
        assertEquals("daemon.yaml: cluster.instance: is missing; name this daemon, unique in the cluster, e.g. "
                + "instance: audit-1", refusal(ES + "cluster: { jdbcUrl: \"jdbc:postgresql://localhost/q\", user: u }\n"));
        assertThat(refusal(ES + "cluster: { instance: \"a b\", jdbcUrl: \"jdbc:postgresql://localhost/q\", user: u }\n"))
                .startsWith("daemon.yaml: cluster.instance: 'a b' may only contain");
        assertThat(refusal(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:mysql://localhost/q\", user: u }\n"))
                .startsWith("daemon.yaml: cluster.jdbcUrl: must be a PostgreSQL JDBC URL");
        assertThat(refusal(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://localhost/q?user=u&password="
                + DB_PASSWORD + "\", user: u }\n"))
                .startsWith("daemon.yaml: cluster.jdbcUrl: holds a password; remove it from the URL");
        assertThat(refusal(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://localhost/q\" }\n"))
                .startsWith("daemon.yaml: cluster.user: is missing");
        assertThat(refusal(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://localhost/q\", user: u, "
                + "passwd: x }\n")).startsWith("daemon.yaml: cluster.passwd: is not a known setting here");
        assertThat(refusal(ES + "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://localhost/q\", user: u, password: "
                + DB_PASSWORD + " }\n")).contains("cluster.password");
    }

    @Test
    void aDatabaseOffThisMachineMustVerifyItsCertificate() {
        for (String url : List.of("jdbc:postgresql://db.example.com/q", "jdbc:postgresql://db.example.com/q?sslmode=require",
                "jdbc:postgresql://127.0.0.1,db.example.com/q", "jdbc:postgresql://[2001:db8::1]:5432/q")) {
            assertEquals("daemon.yaml: cluster.jdbcUrl: reaches PostgreSQL off this machine without verifying its "
                    + "certificate; append sslmode=verify-full (and sslrootcert=PATH for a private CA), or use localhost",
                    refusal(ES + "cluster: { instance: a, jdbcUrl: \"" + url + "\", user: u }\n"), url);
        }
        for (String url : List.of("jdbc:postgresql://localhost/q", "jdbc:postgresql://[::1]:5432/q",
                "jdbc:postgresql://127.0.0.1,127.0.0.2:5433/q", "jdbc:postgresql://db.example.com/q?ssl=true&sslmode=verify-ca")) {
            assertEquals(url, parse(ES + "cluster: { instance: a, jdbcUrl: \"" + url + "\", user: u }\n").cluster().jdbcUrl());
        }
    }

    @Test
    void aClusterNeedsOneSharedElasticsearchSharedCursorsAndOneQuartzConfiguration() {
        String cluster = "cluster: { instance: a, jdbcUrl: \"jdbc:postgresql://localhost/q\", user: u }\n";
        assertThat(refusal(cluster)).startsWith("daemon.yaml: elasticsearch.url: is missing; the daemons of a cluster");
        assertThat(refusal(ES + cluster + "state: { cursors: file }\n")).startsWith("daemon.yaml: state.cursors: is file, "
                + "but the daemons of a cluster take over each other's sources");
        assertEquals(DaemonConfig.CursorStoreKind.ELASTICSEARCH,
                parse(ES + cluster + "state: { cursors: elasticsearch }\n").state().cursors());
        assertEquals("daemon.yaml: scheduler.quartzProperties: is set together with cluster; the cluster section "
                + "configures Quartz's clustered job store itself: remove one of them",
                refusal(ES + cluster + "scheduler: { quartzProperties: quartz.properties }\n"));
    }

    @Test
    void severalElasticsearchNodesAreListedInUrls() {
        DaemonConfig c = parse("elasticsearch: { urls: [\"https://es1.example.com:9200\", \"https://es2.example.com:9200\"] }\n");
        assertEquals(List.of(URI.create("https://es1.example.com:9200"), URI.create("https://es2.example.com:9200")),
                c.elasticsearch().urls());
        assertEquals(URI.create("https://es1.example.com:9200"), c.elasticsearch().url());
        assertEquals(List.of(URI.create("http://127.0.0.1:9200")), parse(ES).elasticsearch().urls());
        assertEquals(List.of(), parse("state: { dir: s }\n").elasticsearch().urls());
    }

    @Test
    void eachMistakeInUrlsNamesTheEntry() {
        assertThat(refusal("elasticsearch: { url: \"http://127.0.0.1:9200\", urls: [\"http://127.0.0.1:9201\"] }\n"))
                .startsWith("daemon.yaml: elasticsearch.urls: is set together with url");
        assertThat(refusal("elasticsearch: { urls: [\"https://es1.example.com\", \"http://es2.example.com\"] }\n"))
                .startsWith("daemon.yaml: elasticsearch.urls[1]: 'http://es2.example.com' uses plain http");
        assertThat(refusal("elasticsearch: { urls: [\"https://es1.example.com\", \"https://es1.example.com\"] }\n"))
                .startsWith("daemon.yaml: elasticsearch.urls[1]: 'https://es1.example.com' is listed twice");
        assertThat(refusal("elasticsearch: { urls: [\"http://127.0.0.1:9200\", \"https://127.0.0.1:9201\"] }\n"))
                .startsWith("daemon.yaml: elasticsearch.urls[1]: 'https://127.0.0.1:9201' differs from");
        assertThat(refusal("elasticsearch: { urls: [\"https://es1.example.com/a\", \"https://es2.example.com/b\"] }\n"))
                .contains("in scheme or path");
        assertThatThrownBy(() -> parse("elasticsearch: { urls: [\"not a url\"] }\n"))
                .hasMessageStartingWith("daemon.yaml: elasticsearch.urls[0]:");
    }
}
