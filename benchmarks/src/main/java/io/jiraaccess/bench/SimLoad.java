package io.jiraaccess.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.Percentiles;
import io.jiraaccess.sim.JiraSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulator's throughput target: N concurrent clients, each paced (open loop) to its share of the total rate,
 * for a fixed duration, over a mix of PAT, Basic and API-token requests (myself, an issue, a JQL search).
 * <pre>
 * java -cp benchmarks.jar io.jiraaccess.bench.SimLoad [--clients 32] [--rate 500] [--seconds 30] [--url http://127.0.0.1:8089]
 * </pre>
 * Without {@code --url} it starts an embedded simulator on a free loopback port. Prints
 * {@code clients=… target=…/s … errors=… achieved=…/s …} and PASS or FAIL as its last line; exit status 0 only when
 * every request succeeded and the achieved rate is at least 98% of the target.
 */
public final class SimLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimLoad() {
    }

    /** The outcome of one run; latencies in microseconds. */
    public record Result(long requests, long errors, double achievedRate, double p50Micros, double p99Micros,
                         double maxMicros, Map<Integer, Long> statuses) {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--clients", "--rate", "--seconds", "--url"), Set.of(),
                "SimLoad [--clients 32] [--rate 500] [--seconds 30] [--url URL]");
        int clients = (int) a.number("--clients", 32);
        int rate = (int) a.number("--rate", 500);
        int seconds = (int) a.number("--seconds", 30);
        String url = a.string("--url", null);
        MachineFacts facts = new MachineFacts();
        JiraSimulator embedded = null;
        if (url == null) {
            embedded = new JiraSimulator().start("127.0.0.1", 0);
            url = embedded.baseUrl();
        }
        Result result;
        try {
            result = run(url, clients, rate, Duration.ofSeconds(seconds));
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
        boolean ok = result.errors() == 0 && result.achievedRate() >= rate * 0.98;
        String line = String.format(Locale.ROOT, "clients=%d target=%d/s duration=%ds requests=%d errors=%d achieved=%.1f/s "
                        + "p50=%.2fms p99=%.2fms max=%.2fms statuses=%s", clients, rate, seconds, result.requests(),
                result.errors(), result.achievedRate(), result.p50Micros() / 1000, result.p99Micros() / 1000,
                result.maxMicros() / 1000, new TreeMap<>(result.statuses()));
        BenchReport.write("sim-load", String.format(Locale.ROOT, """
                ## Simulator load: %d requests/s from %d clients

                Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.SimLoad%s`

                %s- simulator: %s; every client paced to its share of the rate (open loop, so a slow answer does not
                  lower the offered load), a mix of PAT, Basic (password) and API-token requests to `/rest/api/2/myself`,
                  `/rest/api/2/issue/LOAD-1`, a JQL search and `/rest/api/3/myself`

                | requests | errors | achieved | p50 | p99 | max | statuses | target |
                |---:|---:|---:|---:|---:|---:|---|---|
                | %,d | %d | %.1f/s | %.2f ms | %.2f ms | %.2f ms | %s | %d/s, no errors: %s |

                The machine is shared with other work (see the load average above): latencies vary from run to run.
                """, rate, clients, args.length == 0 ? "" : " " + String.join(" ", args), facts.markdown(),
                embedded != null ? "embedded in the bench's JVM, loopback" : url, result.requests(), result.errors(),
                result.achievedRate(), result.p50Micros() / 1000, result.p99Micros() / 1000, result.maxMicros() / 1000,
                new TreeMap<>(result.statuses()), rate, ok ? "met" : "MISSED"));
        System.out.println(line);
        System.out.println(ok ? "PASS" : "FAIL");
        if (!ok) {
            System.exit(1);
        }
    }

    /** Prepares a user, a PAT and an issue through the control API, then runs the paced load. */
    public static Result run(String url, int clients, int rate, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String password = "load-password-1";
        String apiToken = "load-api-token-0123456789";
        post(client, url, "/_sim/reset", null, "{}");
        post(client, url, "/_sim/users", null, "{\"name\":\"load\",\"email\":\"load@example.com\",\"password\":\""
                + password + "\",\"apiToken\":\"" + apiToken + "\",\"projects\":[\"LOAD\"]}");
        String pat = JSON.readTree(post(client, url, "/_sim/pats", null, "{\"user\":\"load\",\"name\":\"load\"}"))
                .get("rawToken").asText();
        post(client, url, "/rest/api/2/issue", basic("load", password),
                "{\"fields\":{\"project\":{\"key\":\"LOAD\"},\"summary\":\"load\",\"issuetype\":{\"name\":\"Task\"}}}");
        String[] paths = {"/rest/api/2/myself", "/rest/api/2/issue/LOAD-1", "/rest/api/2/search?jql=project%3DLOAD",
                "/rest/api/3/myself"};
        String[] auths = {"Bearer " + pat, "Bearer " + pat, basic("load", password), basic("load@example.com", apiToken)};

        long perClientIntervalNanos = (long) (1e9 * clients / rate);
        long perClient = (long) rate * duration.toSeconds() / clients;
        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][(int) perClient];
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime() + 100_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int index = c;
            Thread thread = new Thread(() -> {
                try {
                    // stagger the clients across one interval so the load is smooth, not bursty
                    long offset = perClientIntervalNanos * index / clients;
                    for (int i = 0; i < perClient; i++) {
                        long wait = start + offset + i * perClientIntervalNanos - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        int kind = (index + i) % paths.length;
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url + paths[kind]))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", auths[kind]).GET().build();
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies[index][i] = (System.nanoTime() - sent) / 1000;
                        statuses.merge(status, 1L, Long::sum);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "sim-load-" + c);
            threads.add(thread);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).asDoubleStream().toArray();
        Percentiles p = new Percentiles(all);
        return new Result(all.length, errors.get(), all.length / elapsed, p.at(50), p.at(99), p.max(), Map.copyOf(statuses));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String post(HttpClient client, String base, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("preparing the simulator: POST " + path + " answered HTTP " + r.statusCode());
        }
        return r.body();
    }
}
