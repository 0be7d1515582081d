package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar audit-daemon.jar demo} as a real process with its own local Elasticsearch: it prints where to look
 * (no secret), documents of every dataset and the credential inventory arrive within a minute of it saying so, and
 * SIGTERM (what Ctrl-C amounts to) stops the daemon, its Elasticsearch and the simulator.
 */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> DATASETS = Set.of("jira_access.ci", "jira_access.jira_audit",
            "jira_access.inventory", "jira_access.enforcement");

    @Test
    void theDemoShowsEveryDatasetWithinAMinuteAndStopsEverythingItStarted() throws Exception {
        // not a @TempDir: the local Elasticsearch runs as nobody when the build runs as root, and must reach its data
        Path work = Path.of("target/demo-it").toAbsolutePath();
        SharedElasticsearch.deleteTree(work);
        Files.createDirectories(work);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        int adminPort = CamelHarness.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = new File(System.getProperty("jira-access.daemon.jar", "target/audit-daemon.jar")).getAbsolutePath();
        Process demo = new ProcessBuilder(java, "-Xmx384m", "-jar", jar, "demo", "--dir", work.resolve("demo").toString(),
                "--admin-listen", "127.0.0.1:" + adminPort, "--build-every", "1", "--report-every", "10")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Await.until(Duration.ofSeconds(240), () -> "the demo says where to look: " + read(err), () -> read(out)
                    .contains("Documents of every dataset arrive within a minute."));
            Instant ready = Instant.now();
            String printed = read(out);
            Matcher m = Pattern.compile("Elasticsearch: (http://127\\.0\\.0\\.1:\\d+)").matcher(printed);
            assertTrue(m.find(), printed);
            URI es = URI.create(m.group(1));
            Matcher s = Pattern.compile("Jira simulator \\(Cloud and Data Center\\): (http://127\\.0\\.0\\.1:\\d+)").matcher(printed);
            assertTrue(s.find(), printed);
            URI sim = URI.create(s.group(1));
            assertTrue(printed.contains("admin API: http://127.0.0.1:" + adminPort + "/health"), printed);
            assertTrue(printed.contains("bearer token in " + work.resolve("demo/state/admin-token")), printed);
            Path report = work.resolve("demo/compliance-report.html");
            assertTrue(printed.contains("compliance report (HTML, open it in a browser; no Kibana needed): " + report
                    + " (written every 10 s)"), printed);
            assertTrue(printed.contains("With a Kibana 8.x, import the dashboards: java -jar " + jar
                    + " import-dashboards --kibana-url KIBANA_URL"), printed);

            Map<String, Long> datasets = new HashMap<>();
            Await.until(Duration.ofSeconds(90), () -> "every dataset and the inventory: " + datasets, () -> {
                datasets.clear();
                datasets.putAll(datasets(es));
                return datasets.keySet().containsAll(DATASETS) && count(es, "jira-access-credentials") > 0;
            });
            Duration took = Duration.between(ready, Instant.now());
            assertThat(took).as("documents of every dataset within a minute").isLessThanOrEqualTo(Duration.ofSeconds(60));
            assertEquals(200, get(URI.create("http://127.0.0.1:" + adminPort + "/health"),
                    Files.readString(work.resolve("demo/state/admin-token")).trim()).statusCode());
            // the report is rewritten on its schedule: one written after every dataset arrived shows the CI builds
            Instant datasetsSeen = Instant.now();
            Await.until(Duration.ofSeconds(60), "a compliance report written after the datasets arrived", () ->
                    modifiedAfter(report, datasetsSeen));
            String html = Files.readString(report);
            assertThat(html).contains("Credential compliance report").contains("jenkins-main");

            demo.destroy();
            assertTrue(demo.waitFor(90, TimeUnit.SECONDS), "the demo stops on SIGTERM");
            assertThrows(ConnectException.class, () -> get(es.resolve("/"), null), "its Elasticsearch is stopped");
            assertThrows(ConnectException.class, () -> get(sim.resolve("/_sim/site"), null), "its simulator is stopped");
            assertThrows(ConnectException.class, () -> get(URI.create("http://127.0.0.1:" + adminPort + "/health"), null));
            String all = read(out) + read(err);
            for (String secretPrefix : new String[] {"ATATT3x", "demo-admin-", "DEMO ONLY"}) {
                assertFalse(all.contains(secretPrefix), "no demo secret is printed (" + secretPrefix + ")");
            }
            assertFalse(all.contains(Files.readString(work.resolve("demo/state/admin-token")).trim()));
        } finally {
            if (demo.isAlive()) {
                demo.destroyForcibly();
                demo.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean modifiedAfter(Path file, Instant t) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(t);
        } catch (IOException e) {
            return false; // not written yet
        }
    }

    private static Map<String, Long> datasets(URI es) {
        Map<String, Long> out = new HashMap<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(es.resolve("/jira-access-events/_search?size=0"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"aggs\":{\"d\":{\"terms\":{\"field\":\"event.dataset\"}}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode b : JSON.readTree(r.body()).path("aggregations").path("d").path("buckets")) {
                    out.put(b.path("key").asText(), b.path("doc_count").asLong());
                }
            }
        } catch (IOException e) {
            // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static long count(URI es, String index) {
        try {
            HttpResponse<String> r = get(es.resolve("/" + index + "/_count"), null);
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("count").asLong() : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static HttpResponse<String> get(URI uri, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
