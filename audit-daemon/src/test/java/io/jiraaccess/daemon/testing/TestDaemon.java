package io.jiraaccess.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.runner.SourceRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Configuration files and running daemons for the delivery tests. */
public final class TestDaemon {
    public static final String JENKINS_USER = "audit-bot";
    public static final String JENKINS_TOKEN = "jenkins-api-token-7c41d9a2e8";
    public static final String ADMIN_TOKEN = "daemon-it-admin-token-93b1f0c7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDaemon() {
    }

    /** A configuration file for a daemon on the shared Elasticsearch, polling every second. */
    public static Path writeConfig(Path dir, URI elasticsearch, URI jenkins, int adminPort) {
        try {
            Files.createDirectories(dir);
            // secret files only for what the configuration references: a token file nothing reads is a secret at rest
            // for no reason (and the leak scan, SecretLeakScanIT, would rightly flag it)
            Files.writeString(dir.resolve("admin-token"), ADMIN_TOKEN + "\n");
            String yaml = """
                    elasticsearch: { url: "%s" }
                    state: { dir: state }
                    spool: { dir: spool, poll: "* * * * * ?", batchSize: 500 }
                    admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                    """.formatted(elasticsearch, adminPort, dir.resolve("admin-token"));
            if (jenkins != null) {
                Files.writeString(dir.resolve("jenkins-token"), JENKINS_TOKEN + "\n");
                yaml += """
                        jenkins:
                          - { name: ci-main, url: "%s", user: %s, apiToken: "${file:%s}", poll: "* * * * * ?", timeoutSeconds: 2, batchSize: 500 }
                        """.formatted(jenkins, JENKINS_USER, dir.resolve("jenkins-token"));
            }
            return Files.writeString(dir.resolve("daemon.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a daemon in this JVM with short back-offs, so recoveries are quick to observe. */
    public static DaemonApplication start(Path config) throws Exception {
        DaemonConfig c = new DaemonConfigParser(SecretReferences.fromMap(Map.of())).parse(config);
        return DaemonApplication.start(c, new DaemonApplication.Options()
                .runner(new SourceRunner.Settings(500, 4, Duration.ofMillis(500), Duration.ofSeconds(2))));
    }

    /** GET /health with the admin token. */
    public static JsonNode health(URI admin) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin.resolve("/health"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/health answered " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The health entries of each source, by id. */
    public static Map<String, JsonNode> sources(JsonNode health) {
        Map<String, JsonNode> out = new HashMap<>();
        health.path("sources").forEach(s -> out.put(s.path("id").asText(), s));
        return out;
    }
}
