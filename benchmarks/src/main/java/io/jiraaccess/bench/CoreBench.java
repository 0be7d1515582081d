package io.jiraaccess.bench;

import io.jiraaccess.bench.report.MachineFacts;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the core benchmarks with short settings, prints the figures the targets are about and writes them to
 * {@code core-bench.md} next to the jar. With arguments it is JMH's own command line instead, e.g.
 * {@code java -jar benchmarks.jar QshBench -f 3}.
 * <p>
 * Minting and the bare signature are compared in alternating rounds (bare then mint, mint then bare, ...) and the
 * ratio is the median of the rounds' ratios: on a shared machine the load changes from one minute to the next, and
 * two benchmarks run back to back see about the same load where two run a minute apart may not.
 */
public final class CoreBench {
    /** Minting must reach this share of the bare Nimbus signature rate. */
    static final double MIN_MINT_RATIO = 0.8;
    /** A cached broker lookup must take less than this, median. */
    static final double MAX_LOOKUP_MEDIAN_NS = 1000;
    static final int ROUNDS = 3;
    /** Warm-up must outlast JIT compilation, which takes seconds when other builds share the cores. */
    static final int ROUND_WARMUPS = 6;
    static final int ROUND_MEASUREMENTS = 3;
    static final int WARMUPS = 5;
    static final int MEASUREMENTS = 5;

    private CoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        MachineFacts facts = new MachineFacts();
        double[] mint = new double[ROUNDS];
        double[] bare = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                bare[round] = score(ConnectJwtBench.class, "bareNimbusSign", ROUND_WARMUPS, ROUND_MEASUREMENTS);
                mint[round] = score(ConnectJwtBench.class, "mint", ROUND_WARMUPS, ROUND_MEASUREMENTS);
            } else {
                mint[round] = score(ConnectJwtBench.class, "mint", ROUND_WARMUPS, ROUND_MEASUREMENTS);
                bare[round] = score(ConnectJwtBench.class, "bareNimbusSign", ROUND_WARMUPS, ROUND_MEASUREMENTS);
            }
            ratios[round] = mint[round] / bare[round];
        }
        double knownQsh = score(ConnectJwtBench.class, "mintWithKnownQsh", WARMUPS, MEASUREMENTS);
        double qsh = score(QshBench.class, "qsh", WARMUPS, MEASUREMENTS);
        RunResult lookup = run(TokenBrokerBench.class, "cachedLookup", WARMUPS, MEASUREMENTS);
        Summary summary = new Summary(median(mint), median(bare), median(ratios), ratios, knownQsh, qsh,
                lookup.getPrimaryResult().getStatistics().getPercentile(50),
                lookup.getPrimaryResult().getStatistics().getPercentile(99));
        System.out.println();
        System.out.println(summary.line());
        Path report = reportPath();
        Files.writeString(report, summary.markdown(facts));
        System.out.println("summary written to " + report);
    }

    private static double score(Class<?> benchmark, String method, int warmups, int measurements) throws RunnerException {
        return run(benchmark, method, warmups, measurements).getPrimaryResult().getScore();
    }

    /** One benchmark method, one fork, iterations of 1 s. */
    private static RunResult run(Class<?> benchmark, String method, int warmups, int measurements) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\." + method + "$")
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measurements)
                .measurementTime(TimeValue.seconds(1))
                .forks(1)
                .threads(1);
        List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result for " + benchmark.getSimpleName() + "." + method
                    + ", got " + results.size());
        }
        return results.get(0);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** {@code core-bench.md} beside the jar (benchmarks/target), or beside the classes directory when run from one. */
    static Path reportPath() throws URISyntaxException, IOException {
        Path code = Path.of(CoreBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = code.getParent();
        Files.createDirectories(dir);
        return dir.resolve("core-bench.md");
    }

    /** The figures the targets are about; operation rates in ops/s, lookup times in ns. */
    record Summary(double mintOps, double bareSignOps, double ratio, double[] roundRatios, double mintKnownQshOps,
                   double qshOps, double lookupMedianNs, double lookupP99Ns) {

        boolean mintTargetMet() {
            return ratio >= MIN_MINT_RATIO;
        }

        boolean lookupTargetMet() {
            return lookupMedianNs < MAX_LOOKUP_MEDIAN_NS;
        }

        String rounds() {
            StringBuilder b = new StringBuilder();
            for (double r : roundRatios) {
                b.append(b.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", r));
            }
            return b.toString();
        }

        String line() {
            return String.format(Locale.ROOT, "mint_ops=%.0f bare_sign_ops=%.0f ratio=%.2f rounds=%s (target >= %.2f: %s)%n"
                            + "mint_known_qsh_ops=%.0f qsh_ops=%.0f%n"
                            + "broker_lookup_median_ns=%.1f broker_lookup_p99_ns=%.1f (target < %.0f ns: %s)",
                    mintOps, bareSignOps, ratio, rounds(), MIN_MINT_RATIO, mintTargetMet() ? "met" : "MISSED",
                    mintKnownQshOps, qshOps, lookupMedianNs, lookupP99Ns, MAX_LOOKUP_MEDIAN_NS,
                    lookupTargetMet() ? "met" : "MISSED");
        }

        String markdown(MachineFacts facts) {
            return String.format(Locale.ROOT, """
                    # Core benchmarks

                    Command: `java -jar benchmarks/target/benchmarks.jar`

                    %s
                    JMH, one fork per run, one thread, iterations of 1 s.
                    Minting and the bare signature: %d alternating rounds of %d warm-up and %d measured iterations each,
                    medians reported (round ratios: %s). The others: %d warm-up and %d measured iterations.

                    | benchmark | result | target |
                    |---|---|---|
                    | Connect JWT minting, qsh included (`ConnectJwtBench.mint`) | %.0f ops/s | |
                    | bare Nimbus HS256 signature of the same claims (`ConnectJwtBench.bareNimbusSign`) | %.0f ops/s | |
                    | **minting / bare signature** | **%.2f** | >= %.2f: %s |
                    | Connect JWT minting, qsh known (`ConnectJwtBench.mintWithKnownQsh`) | %.0f ops/s | |
                    | qsh of a search request (`QshBench.qsh`) | %.0f ops/s | |
                    | **cached `TokenBroker.token` lookup, median** (`TokenBrokerBench.cachedLookup`) | **%.1f ns** | < %.0f ns: %s |
                    | cached `TokenBroker.token` lookup, 99th percentile | %.1f ns | |

                    The lookup is sampled call by call, so its figures include the timer's own overhead. Minting can beat
                    the bare signature: the minter encodes its header and the constant part of its claims once and
                    signs with the same Nimbus `MACSigner`, where the ceiling builds and serialises a `JWTClaimsSet` and a
                    `SignedJWT` per token. The machine may be shared with other work (see the load average above).
                    """,
                    facts.markdown(), ROUNDS, ROUND_WARMUPS, ROUND_MEASUREMENTS, rounds(), WARMUPS, MEASUREMENTS,
                    mintOps, bareSignOps, ratio, MIN_MINT_RATIO, mintTargetMet() ? "met" : "MISSED",
                    mintKnownQshOps, qshOps, lookupMedianNs, MAX_LOOKUP_MEDIAN_NS, lookupTargetMet() ? "met" : "MISSED",
                    lookupP99Ns);
        }
    }
}
