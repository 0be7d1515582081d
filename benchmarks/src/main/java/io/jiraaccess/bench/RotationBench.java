package io.jiraaccess.bench;

import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.QuietLogs;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.rotation.JiraPatApiFactory;
import io.jiraaccess.core.rotation.PatRotator;
import io.jiraaccess.core.rotation.RotationResult;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.http.Faults;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk PAT rotation against the simulator with a simulated network latency: N credentials, each holding its own PAT,
 * rotated by {@link PatRotator#rotateAllIfDue} on a bounded pool of workers, the rotated tokens kept in a real
 * {@link FileCredentialStore} (atomic writes, fsync, file locks). With bounded concurrency the time should grow
 * linearly with N.
 * <pre>
 * java -cp benchmarks.jar io.jiraaccess.bench.RotationBench [--sizes 10,100,1000] [--workers 8] [--latency-ms 20]
 * </pre>
 */
public final class RotationBench {
    private static final String USER = "ci-bot";

    private RotationBench() {
    }

    /** Time per credential may exceed that of the next smaller size by this factor and still count as linear. */
    static final double LINEAR_TOLERANCE = 1.25;

    /** One size. */
    record Run(int credentials, double seconds, long requests) {
        double msPerCredential() {
            return seconds * 1000 / credentials;
        }

        double requestsPerRotation() {
            return (double) requests / credentials;
        }

        /**
         * The least time per credential {@code workers} concurrent rotations could take with {@code latencyMs} before
         * every Jira answer: the requests this run made, in batches of {@code workers}. Faster would mean more than
         * {@code workers} requests in flight.
         */
        double floorMsPerCredential(int workers, int latencyMs) {
            return requestsPerRotation() * latencyMs / workers;
        }
    }

    /** The runs of one invocation, smallest size first. */
    record Outcome(List<Run> runs, int workers, int latencyMs) {
        /** Linear or better: no size costs more per credential than {@link #LINEAR_TOLERANCE} times the one before. */
        boolean atMostLinear() {
            for (int i = 1; i < runs.size(); i++) {
                if (runs.get(i).msPerCredential() > LINEAR_TOLERANCE * runs.get(i - 1).msPerCredential()) {
                    return false;
                }
            }
            return true;
        }

        /** No run beat the latency floor of its worker count: concurrency stayed bounded. */
        boolean concurrencyBounded() {
            return runs.stream().allMatch(r -> r.msPerCredential() >= r.floorMsPerCredential(workers, latencyMs));
        }

        String line() {
            double[] fit = fit(runs);
            return String.format(Locale.ROOT, "rotation sizes=%s workers=%d latency_ms=%d seconds=%s ms_per_credential=%s "
                            + "floor_ms_per_credential=%.1f fit_ms_per_credential=%.1f fit_r2=%.3f at_most_linear=%s",
                    join(runs, r -> String.valueOf(r.credentials())), workers, latencyMs,
                    join(runs, r -> String.format(Locale.ROOT, "%.2f", r.seconds())),
                    join(runs, r -> String.format(Locale.ROOT, "%.1f", r.msPerCredential())),
                    runs.get(runs.size() - 1).floorMsPerCredential(workers, latencyMs), fit[1] * 1000, fit[2],
                    atMostLinear());
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--sizes", "--workers", "--latency-ms"), Set.of("--verbose"),
                "RotationBench [--sizes 10,100,1000] [--workers 8] [--latency-ms 20] [--verbose]");
        QuietLogs.unless(a.flag("--verbose"));
        Outcome outcome = run(a.numbers("--sizes", List.of(10L, 100L, 1000L)), (int) a.number("--workers", 8),
                (int) a.number("--latency-ms", 20), args);
        System.out.println(outcome.line());
        if (!outcome.atMostLinear() || !outcome.concurrencyBounded()) {
            System.exit(1);
        }
    }

    /** Rotates each size in turn after a warm-up, prints a line per size and writes the Markdown summary. */
    static Outcome run(List<Long> sizes, int workers, int latency, String[] args) throws Exception {
        MachineFacts facts = new MachineFacts();
        Path work = BenchReport.targetDir().resolve("rotation-work");
        List<Run> runs = new ArrayList<>();
        try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0)) {
            rotate(sim, work, 10, workers, 0); // warm-up, not reported
            for (long n : sizes) {
                Run run = rotate(sim, work, (int) n, workers, latency);
                runs.add(run);
                System.out.printf(Locale.ROOT, "  %,5d credentials: %7.2f s, %6.1f ms per credential, %.1f requests per rotation%n",
                        run.credentials(), run.seconds(), run.msPerCredential(), run.requestsPerRotation());
            }
        } finally {
            BenchElasticsearch.deleteTree(work);
        }
        Outcome outcome = new Outcome(runs, workers, latency);
        Run first = runs.get(0);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                ## Bulk PAT rotation: %s credentials, %d workers, %d ms simulated latency

                Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.RotationBench%s`

                %s- Jira: the simulator, embedded, %d ms added before every Jira answer; one bot user and one PAT per credential
                - rotation: `PatRotator.rotateAllIfDue(specs, %d)`, grace period 0 (the full cycle: create, store pending,
                  test, promote, revoke the previous token), tokens in a `FileCredentialStore` (fsync, file locks)
                - floor: the least time per credential %d workers could take, the run's Jira requests at %d ms each in
                  batches of %d (requests per rotation × latency / workers); beating it would mean more requests in flight

                | credentials | seconds | ms per credential | Jira requests per rotation | floor (ms per credential) | time / time of %d |
                |---:|---:|---:|---:|---:|---:|
                """, join(runs, r -> String.format(Locale.ROOT, "%,d", r.credentials())), workers, latency,
                args.length == 0 ? "" : " " + String.join(" ", args), facts.markdown(), latency, workers, workers, latency,
                workers, first.credentials()));
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %,d | %.2f | %.1f | %.1f | %.1f | %.1f (N ratio %.0f) |%n", r.credentials(),
                    r.seconds(), r.msPerCredential(), r.requestsPerRotation(), r.floorMsPerCredential(workers, latency),
                    r.seconds() / first.seconds(), (double) r.credentials() / first.credentials()));
        }
        double[] fit = fit(runs);
        md.append(String.format(Locale.ROOT, """

                Least-squares line through the runs: time = %.2f s + %.1f ms × credentials (R² = %.3f): a fixed start-up
                cost and then a constant cost per credential.

                - growth at most linear (no size costs more than %.2f× per credential than the size before it): %s
                - concurrency bounded (no run faster than its floor): %s

                The rest of the time above the floor is the store's fsyncs and file locks, HTTP and the simulator on the
                same two cores. The machine is shared with other work (see the load average above): single runs vary.
                """, fit[0], fit[1] * 1000, fit[2], LINEAR_TOLERANCE, outcome.atMostLinear() ? "met" : "MISSED",
                outcome.concurrencyBounded() ? "met" : "MISSED"));
        BenchReport.write("rotation-bench", md.toString());
        return outcome;
    }

    private static Run rotate(JiraSimulator sim, Path work, int n, int workers, int latencyMs) {
        sim.reset();
        sim.clearFaults();
        SecureRandom random = new SecureRandom();
        String password = "bench-" + Long.toHexString(random.nextLong());
        Map<String, String> env = new HashMap<>();
        StringBuilder yaml = new StringBuilder();
        List<PatSpec> specs = new ArrayList<>();
        CredentialSpecParser parser = new CredentialSpecParser(SecretReferences.fromMap(env));
        for (int i = 0; i < n; i++) {
            // one bot user per credential, as pipelines usually have: a user's PAT list stays short
            String user = USER + "-" + i;
            sim.addUser(UserSpec.named(user).displayName("CI Bot " + i).password(password).projects("ABC"));
            env.put("PAT_" + i, sim.createPat(user, "jira-access-bench" + i, 90).rawToken());
            yaml.setLength(0);
            yaml.append("kind: pat\nsite: ").append(sim.baseUrl()).append("\ntoken: ${env:PAT_").append(i).append("}\n")
                    .append("rotation:\n  everyDays: 30\n  expiryDays: 60\n  graceMinutes: 0\n");
            specs.add((PatSpec) parser.parse("bench" + i + ".yaml", yaml.toString(), "bench" + i));
        }
        Path storeDir = work.resolve("store-" + n);
        BenchElasticsearch.deleteTree(storeDir);
        FileCredentialStore store = new FileCredentialStore(storeDir);
        Fingerprinter fp = new Fingerprinter(new byte[32]);
        AtomicLong events = new AtomicLong();
        PatRotator rotator = PatRotator.builder(store, new JiraPatApiFactory(e -> events.incrementAndGet(), fp, "bench",
                        JiraPatApiFactory.SETTINGS, sim.clock()))
                .events(e -> events.incrementAndGet()).fingerprinter(fp).clock(sim.clock()).build();
        sim.faults(Faults.NONE.withLatencyMs(latencyMs));
        sim.clearRequests();
        long start = System.nanoTime();
        List<RotationResult> results = rotator.rotateAllIfDue(specs, workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        long requests = sim.requests().size();
        sim.clearFaults();
        for (RotationResult r : results) {
            if (r.outcome() != RotationResult.Outcome.ROTATED || r.revoked().size() != 1) {
                throw new IllegalStateException(r.credentialId() + " was not rotated: " + r.outcome() + " " + r.message());
            }
        }
        long live = sim.tokens().stream().filter(t -> t.isUsable(sim.now())).count();
        if (live != n) {
            throw new IllegalStateException(live + " live tokens after rotating " + n + " credentials");
        }
        return new Run(n, seconds, requests);
    }

    /** Intercept (s), slope (s per credential) and R² of the least-squares line through (credentials, seconds). */
    static double[] fit(List<Run> runs) {
        int n = runs.size();
        double sx = 0;
        double sy = 0;
        for (Run r : runs) {
            sx += r.credentials();
            sy += r.seconds();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Run r : runs) {
            sxx += (r.credentials() - mx) * (r.credentials() - mx);
            sxy += (r.credentials() - mx) * (r.seconds() - my);
            syy += (r.seconds() - my) * (r.seconds() - my);
        }
        if (n < 2 || sxx == 0) {
            return new double[] {0, my / mx, 1};
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope, syy == 0 ? 1 : sxy * sxy / (sxx * syy)};
    }

    private static String join(List<Run> runs, java.util.function.Function<Run, String> f) {
        return String.join(",", runs.stream().map(f).toList());
    }
}
