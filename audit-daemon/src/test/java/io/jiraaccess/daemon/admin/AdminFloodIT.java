package io.jiraaccess.daemon.admin;

import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.SpoolProducer;
import io.jiraaccess.daemon.testing.StderrCapture;
import io.jiraaccess.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 5 of issue 14, as reported: 40 parallel unauthenticated {@code POST /revoke} of 10 MB each made a 256 MB
 * daemon run out of memory and stop answering {@code /health}. Here the daemon jar runs in its own JVM with half that
 * heap, ingesting a spool, while three such floods hit its admin API; {@code /health} answers throughout, every
 * spooled event is indexed, and the daemon neither dies nor logs an {@code OutOfMemoryError}.
 */
class AdminFloodIT {
    private static final int PARALLEL = 40;
    private static final int BODY_BYTES = 10 * 1024 * 1024;
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void fortyParallelUnauthenticatedTenMegabyteRevokesLeaveHealthAndIngestionWorking() throws Exception {
        URI es = SharedElasticsearch.node().url();
        SharedElasticsearch.deleteJiraAccessIndices();
        int adminPort = CamelHarness.freePort();
        URI admin = URI.create("http://127.0.0.1:" + adminPort);
        Path config = TestDaemon.writeConfig(dir, es, null, adminPort);
        Path log = dir.resolve("daemon.log");
        Process daemon = start(config, log);
        byte[] body = new byte[BODY_BYTES]; // one array for every upload: the client does not copy it
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try (SpoolProducer ci = new SpoolProducer(dir.resolve("spool"), "flood-ci", 20).every(250)) {
            Await.until(Duration.ofSeconds(120), "the daemon answers /health", () -> healthy(http, admin));
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicInteger healthChecks = new AtomicInteger();
            AtomicInteger healthFailures = new AtomicInteger();
            for (int round = 1; round <= ROUNDS; round++) {
                AtomicBoolean flooding = new AtomicBoolean(true);
                List<Future<?>> uploads = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    uploads.add(pool.submit(() -> outcomes.merge(upload(http, admin, body), 1, Integer::sum)));
                }
                // while the uploads are in flight, the admin API keeps answering the operator
                Thread checker = new Thread(() -> {
                    while (flooding.get()) {
                        (healthy(http, admin) ? healthChecks : healthFailures).incrementAndGet();
                    }
                }, "health-during-flood");
                checker.start();
                for (Future<?> f : uploads) {
                    f.get(5, TimeUnit.MINUTES);
                }
                flooding.set(false);
                checker.join(60_000);
                assertTrue(daemon.isAlive(), "the daemon died in round " + round);
            }
            System.out.println("AdminFloodIT: " + PARALLEL * ROUNDS + " uploads " + outcomes + ", " + healthChecks
                    + " health checks during the floods");
            assertEquals(0, healthFailures.get(), "/health did not answer 200 during the floods");
            assertTrue(healthChecks.get() >= ROUNDS, "health was checked during every flood");
            assertTrue(outcomes.keySet().stream().allMatch(o -> o.equals("401") || o.startsWith("io:")),
                    "an unauthenticated upload got something else than a refusal: " + outcomes);
            assertTrue(healthy(http, admin));

            ci.close();
            Set<String> expected = new HashSet<>(ci.produced());
            Await.until(Duration.ofSeconds(120), () -> "every spooled event indexed after the floods: "
                    + SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) + " of " + expected.size(),
                    () -> SharedElasticsearch.count(IndexNames.EVENTS_ALIAS) >= expected.size());
            assertEquals(expected, new HashSet<>(SharedElasticsearch.eventIds()), "ingestion went on: no event lost");
        } finally {
            pool.shutdownNow();
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        String output = Files.readString(log);
        assertFalse(output.contains("OutOfMemoryError"), "the daemon ran out of memory");
        StderrCapture.assertNoSecret(output, TestDaemon.ADMIN_TOKEN);
    }

    /** One unauthenticated 10 MB upload: "401", or "io:" and the exception when the daemon closed on it. */
    private static String upload(HttpClient http, URI admin, byte[] body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin.resolve("/revoke"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return String.valueOf(r.statusCode());
        } catch (IOException e) {
            // the daemon answered 401 and closed the connection under the upload: the client may see only that
            return "io:" + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** GET /health with the admin token answered 200 within 10 s. */
    private static boolean healthy(HttpClient http, URI admin) {
        try {
            return http.send(HttpRequest.newBuilder(admin.resolve("/health")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + TestDaemon.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process start(Path config, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("jira-access.daemon.jar", "target/audit-daemon.jar");
        // half the heap that ran out of memory in the report; C1 and the serial collector for a quicker start
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                new File(jar).getAbsolutePath(), "run", "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
