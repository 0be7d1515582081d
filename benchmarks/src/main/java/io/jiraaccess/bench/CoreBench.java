package io.jiraaccess.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * Runs the core benchmarks with short settings (3 warm-up and 5 measured iterations of 1 s, one fork), prints the
 * figures the targets are about and writes them to {@code core-bench.md} next to the jar. With arguments it is
 * JMH's own command line instead, e.g. {@code java -jar benchmarks.jar QshBench -f 3}.
 */
public final class CoreBench {
    /** Minting must reach this share of the bare Nimbus signature rate. */
    static final double MIN_MINT_RATIO = 0.8;
    /** A cached broker lookup must take less than this, median. */
    static final double MAX_LOOKUP_MEDIAN_NS = 1000;

    private CoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Options options = new OptionsBuilder()
                .include("^" + QshBench.class.getName() + "\\.")
                .include("^" + ConnectJwtBench.class.getName() + "\\.")
                .include("^" + TokenBrokerBench.class.getName() + "\\.")
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .forks(1)
                .threads(1)
                .build();
        Summary summary = Summary.of(run(options));
        System.out.println();
        System.out.println(summary.line());
        Path report = reportPath();
        Files.writeString(report, summary.markdown(Instant.now()));
        System.out.println("summary written to " + report);
    }

    private static Collection<RunResult> run(Options options) throws RunnerException {
        return new Runner(options).run();
    }

    /** {@code core-bench.md} beside the jar (benchmarks/target), or beside the classes directory when run from one. */
    static Path reportPath() throws URISyntaxException, IOException {
        Path code = Path.of(CoreBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = code.getParent();
        Files.createDirectories(dir);
        return dir.resolve("core-bench.md");
    }

    /** The figures the targets are about. */
    record Summary(double mintOps, double mintKnownQshOps, double bareSignOps, double qshOps,
                   double lookupMedianNs, double lookupP99Ns) {
        static Summary of(Collection<RunResult> results) {
            double mint = 0, mintKnown = 0, bare = 0, qsh = 0, median = Double.NaN, p99 = Double.NaN;
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                var primary = r.getPrimaryResult();
                if (name.endsWith("ConnectJwtBench.mint")) {
                    mint = primary.getScore();
                } else if (name.endsWith("ConnectJwtBench.mintWithKnownQsh")) {
                    mintKnown = primary.getScore();
                } else if (name.endsWith("ConnectJwtBench.bareNimbusSign")) {
                    bare = primary.getScore();
                } else if (name.endsWith("QshBench.qsh")) {
                    qsh = primary.getScore();
                } else if (name.endsWith("TokenBrokerBench.cachedLookup")) {
                    median = primary.getStatistics().getPercentile(50);
                    p99 = primary.getStatistics().getPercentile(99);
                }
            }
            return new Summary(mint, mintKnown, bare, qsh, median, p99);
        }

        double ratio() {
            return bareSignOps == 0 ? 0 : mintOps / bareSignOps;
        }

        boolean mintTargetMet() {
            return ratio() >= MIN_MINT_RATIO;
        }

        boolean lookupTargetMet() {
            return lookupMedianNs < MAX_LOOKUP_MEDIAN_NS;
        }

        String line() {
            return String.format(Locale.ROOT, "mint_ops=%.0f bare_sign_ops=%.0f ratio=%.2f (target >= %.2f: %s)%n"
                            + "mint_known_qsh_ops=%.0f qsh_ops=%.0f%n"
                            + "broker_lookup_median_ns=%.1f broker_lookup_p99_ns=%.1f (target < %.0f ns: %s)",
                    mintOps, bareSignOps, ratio(), MIN_MINT_RATIO, mintTargetMet() ? "met" : "MISSED",
                    mintKnownQshOps, qshOps, lookupMedianNs, lookupP99Ns, MAX_LOOKUP_MEDIAN_NS,
                    lookupTargetMet() ? "met" : "MISSED");
        }

        String markdown(Instant when) {
            return String.format(Locale.ROOT, """
                    # Core benchmarks

                    Run %s on %d processors, Java %s; JMH: 3 warm-up and 5 measured iterations of 1 s, 1 fork, 1 thread.

                    | benchmark | result | target |
                    |---|---|---|
                    | Connect JWT minting, qsh included (`ConnectJwtBench.mint`) | %.0f ops/s | |
                    | bare Nimbus HS256 signature of the same claims (`ConnectJwtBench.bareNimbusSign`) | %.0f ops/s | |
                    | **minting / bare signature** | **%.2f** | >= %.2f: %s |
                    | Connect JWT minting, qsh known (`ConnectJwtBench.mintWithKnownQsh`) | %.0f ops/s | |
                    | qsh of a search request (`QshBench.qsh`) | %.0f ops/s | |
                    | **cached `TokenBroker.token` lookup, median** (`TokenBrokerBench.cachedLookup`) | **%.1f ns** | < %.0f ns: %s |
                    | cached `TokenBroker.token` lookup, 99th percentile | %.1f ns | |

                    The lookup is sampled per call, so its figures include the timer's own overhead.
                    """,
                    when, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    mintOps, bareSignOps, ratio(), MIN_MINT_RATIO, mintTargetMet() ? "met" : "MISSED",
                    mintKnownQshOps, qshOps, lookupMedianNs, MAX_LOOKUP_MEDIAN_NS, lookupTargetMet() ? "met" : "MISSED",
                    lookupP99Ns);
        }
    }
}
