package io.jiraaccess.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for the simulator's throughput target: N concurrent clients, each paced (open loop) to its
 * share of the total rate, for a fixed duration, over a mix of PAT, Basic and API-token requests.
 *
 * <pre>
 * java -cp ... io.jiraaccess.sim.SimLoad [--clients 32] [--rate 500] [--seconds 30] [--url http://127.0.0.1:8089]
 * </pre>
 * Without {@code --url} it starts an embedded simulator on a free loopback port. Exit status 0 only when every
 * request succeeded and the achieved rate is at least 98% of the target. A benchmark, not a test: the lead
 * moves it into {@code benchmarks/}.
 */
public final class SimLoad {

    private SimLoad() {
    }

    /** The outcome of one run. */
    public record Result(long requests, long errors, double achievedRate, long p50Micros, long p99Micros,
                         long maxMicros, Map<Integer, Long> statuses) {
    }

    public static void main(String[] args) throws Exception {
        int clients = 32;
        int rate = 500;
        int seconds = 30;
        String url = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--url" -> url = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        JiraSimulator embedded = null;
        if (url == null) {
            embedded = new JiraSimulator().start("127.0.0.1", 0);
            url = embedded.baseUrl();
        }
        try {
            Result result = run(url, clients, rate, Duration.ofSeconds(seconds));
            System.out.printf("clients=%d target=%d/s duration=%ds requests=%d errors=%d achieved=%.1f/s "
                            + "p50=%.2fms p99=%.2fms max=%.2fms statuses=%s%n", clients, rate, seconds, result.requests(),
                    result.errors(), result.achievedRate(), result.p50Micros() / 1000.0, result.p99Micros() / 1000.0,
                    result.maxMicros() / 1000.0, result.statuses());
            boolean ok = result.errors() == 0 && result.achievedRate() >= rate * 0.98;
            System.out.println(ok ? "PASS" : "FAIL");
            if (!ok) {
                System.exit(1);
            }
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    /** Prepares users and tokens through the control API, then runs the paced load. */
    public static Result run(String url, int clients, int rate, Duration duration) throws Exception {
        SimHttp control = new SimHttp(url);
        control.postJson("/_sim/reset", null, "{}");
        String password = "load-password-1";
        String apiToken = "load-api-token-0123456789";
        control.postJson("/_sim/users", null, "{\"name\":\"load\",\"email\":\"load@example.com\",\"password\":\""
                + password + "\",\"apiToken\":\"" + apiToken + "\",\"projects\":[\"LOAD\"]}");
        String pat = control.postJson("/_sim/pats", null, "{\"user\":\"load\",\"name\":\"load\"}").json()
                .get("rawToken").asText();
        control.postJson("/rest/api/2/issue", SimHttp.basic("load", password),
                "{\"fields\":{\"project\":{\"key\":\"LOAD\"},\"summary\":\"load\",\"issuetype\":{\"name\":\"Task\"}}}");
        String[] paths = {"/rest/api/2/myself", "/rest/api/2/issue/LOAD-1", "/rest/api/2/search?jql=project%3DLOAD",
                "/rest/api/3/myself"};
        String[] auths = {SimHttp.bearer(pat), SimHttp.bearer(pat), SimHttp.basic("load", password),
                SimHttp.basic("load@example.com", apiToken)};

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long perClientIntervalNanos = (long) (1e9 * clients / rate);
        long total = (long) rate * duration.toSeconds();
        long perClient = total / clients;
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
                        long due = start + offset + i * perClientIntervalNanos;
                        long wait = due - System.nanoTime();
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
                        } catch (Exception e) {
                            status = -1;
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
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long requests = all.length;
        return new Result(requests, errors.get(), requests / elapsed, all[(int) (requests * 0.50)],
                all[(int) Math.min(requests - 1, requests * 0.99)], all[all.length - 1], Map.copyOf(statuses));
    }

}
