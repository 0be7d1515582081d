package io.jiraaccess.bench;

import io.jiraaccess.bench.ingest.BenchElasticsearch;
import io.jiraaccess.bench.ingest.DaemonSetup;
import io.jiraaccess.bench.ingest.EventLines;
import io.jiraaccess.bench.ingest.IngestRuns;
import io.jiraaccess.bench.ingest.JournalEndpoint;
import io.jiraaccess.bench.ingest.SpoolFeed;
import io.jiraaccess.bench.report.BenchReport;
import io.jiraaccess.bench.report.MachineFacts;
import io.jiraaccess.bench.report.Percentiles;
import io.jiraaccess.bench.report.QuietLogs;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.index.IndexNames;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Freshness: how long after an event is offered (a spool file renamed into place, a journal event appended) it is
 * searchable in {@code jira-access-events}, with the daemon on its default schedules (spool every 10 s and watched for
 * new files, Jenkins journals every 30 s). The claim: within the source's poll interval plus 2 s. Events arrive one at a time at random
 * moments; a watcher searches for the ones not yet seen every 100 ms.
 * <pre>
 * java -cp benchmarks.jar io.jiraaccess.bench.FreshnessBench [--minutes 3] [--spool-poll-seconds 10] [--journal-poll-seconds 30]
 * </pre>
 */
public final class FreshnessBench {
    static final double SLACK_SECONDS = 2;

    private FreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("--minutes", "--spool-poll-seconds", "--journal-poll-seconds", "--es-url",
                "--es-heap-mb"), Set.of("--verbose"), "FreshnessBench [--minutes 3] [--spool-poll-seconds 10] "
                + "[--journal-poll-seconds 30] [--es-url URL] [--es-heap-mb MB] [--verbose]");
        QuietLogs.unless(a.flag("--verbose"));
        List<Source> sources = run(a.number("--minutes", 3), (int) a.number("--spool-poll-seconds", 10),
                (int) a.number("--journal-poll-seconds", 30), a.string("--es-url", null),
                (int) a.number("--es-heap-mb", 1024), args);
        System.out.println("freshness " + sources.get(0).line("spool") + " " + sources.get(1).line("journal"));
        if (!sources.stream().allMatch(Source::met)) {
            System.exit(1);
        }
    }

    /** Offers events for {@code minutes}, writes the Markdown summary and returns the spool's and the journal's figures. */
    static List<Source> run(double minutes, int spoolPoll, int journalPoll, String esUrl, int esHeapMb, String[] args)
            throws Exception {
        MachineFacts facts = new MachineFacts();
        Path target = BenchReport.targetDir();
        Path dir = target.resolve("freshness-work");
        BenchElasticsearch.deleteTree(dir);
        Map<String, Long> offered = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        try (BenchElasticsearch es = BenchElasticsearch.open(esUrl == null ? null : URI.create(esUrl),
                target.resolve("bench-elasticsearch"), esHeapMb)) {
            es.deleteJiraAccessIndices();
            EventLines lines = new EventLines(Instant.now());
            String token = DaemonSetup.newJenkinsToken();
            try (JournalEndpoint journal = new JournalEndpoint(lines, IngestRuns.JOURNAL_SERVICE, DaemonSetup.JENKINS_USER, token)) {
                DaemonSetup setup = DaemonSetup.write(dir, es.url(), journal.url(), token, DaemonSetup.everySeconds(spoolPoll),
                        DaemonSetup.everySeconds(journalPoll));
                SpoolFeed spool = new SpoolFeed(setup.spoolDir(), lines, IngestRuns.SPOOL_SERVICE);
                try (DaemonApplication daemon = setup.startInProcess()) {
                    Thread watcher = new Thread(() -> watch(es, offered, seen), "freshness-watcher");
                    watcher.setDaemon(true);
                    watcher.start();
                    Random random = new Random();
                    long end = System.nanoTime() + (long) (minutes * 60e9);
                    System.out.printf("offering one spool and one journal event about every second for %.1f minutes%n", minutes);
                    while (System.nanoTime() < end) {
                        LockSupport.parkNanos(Duration.ofMillis(500 + random.nextInt(1000)).toNanos());
                        long seq = spool.write(1);
                        offered.put(EventLines.eventId(IngestRuns.SPOOL_SERVICE, seq), System.nanoTime());
                        long head = journal.offer(1);
                        offered.put(EventLines.eventId(IngestRuns.JOURNAL_SERVICE, head), System.nanoTime());
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(journalPoll + 60L).toNanos();
                    while (seen.size() < offered.size() && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    }
                    watcher.interrupt();
                }
            }
            es.deleteJiraAccessIndices();
        } finally {
            BenchElasticsearch.deleteTree(dir);
        }
        List<Source> sources = List.of(Source.of("spool", IngestRuns.SPOOL_SERVICE, spoolPoll, offered, seen),
                Source.of("Jenkins journal", IngestRuns.JOURNAL_SERVICE, journalPoll, offered, seen));
        BenchReport.write("freshness-bench", markdown(sources, facts, minutes, args));
        return sources;
    }

    /** Searches for offered events not yet seen, every 100 ms, and records when each first turns up. */
    private static void watch(BenchElasticsearch es, Map<String, Long> offered, Map<String, Long> seen) {
        while (!Thread.currentThread().isInterrupted()) {
            List<String> pending = new ArrayList<>();
            for (String id : offered.keySet()) {
                if (!seen.containsKey(id)) {
                    pending.add(id);
                }
            }
            if (!pending.isEmpty()) {
                try {
                    for (String id : es.http().searchableEventIds(IndexNames.EVENTS_ALIAS, pending)) {
                        seen.putIfAbsent(id, System.nanoTime());
                    }
                } catch (RuntimeException e) {
                    // the index does not exist before the first event: try again
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** The freshness of one source's events, in seconds. */
    record Source(String name, int pollSeconds, int offered, int seen, Percentiles latencies) {
        static Source of(String name, String service, int poll, Map<String, Long> offered, Map<String, Long> seen) {
            List<Double> l = new ArrayList<>();
            int count = 0;
            for (Map.Entry<String, Long> e : offered.entrySet()) {
                if (e.getKey().startsWith(service + ":")) {
                    count++;
                    Long s = seen.get(e.getKey());
                    if (s != null) {
                        l.add((s - e.getValue()) / 1e9);
                    }
                }
            }
            return new Source(name, poll, count, l.size(),
                    l.isEmpty() ? null : new Percentiles(l.stream().mapToDouble(Double::doubleValue).toArray()));
        }

        double bound() {
            return pollSeconds + SLACK_SECONDS;
        }

        boolean met() {
            return latencies != null && seen == offered && latencies.max() <= bound();
        }

        String line(String key) {
            return latencies == null ? key + "_seen=0" : String.format(Locale.ROOT,
                    "%s_p50=%.1fs %s_p99=%.1fs %s_max=%.1fs %s_bound=%.0fs %s_within=%d/%d", key, latencies.at(50), key,
                    latencies.at(99), key, latencies.max(), key, bound(), key, latencies.atMost(bound()), offered);
        }
    }

    private static String markdown(List<Source> sources, MachineFacts facts, double minutes, String[] args) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, """
                ## Freshness: offered to searchable

                Command: `java -cp benchmarks/target/benchmarks.jar io.jiraaccess.bench.FreshnessBench%s`

                %s- daemon: in the bench's JVM on its default schedules (the spool also watched: `spool.watch`); Elasticsearch local, default refresh interval (1 s)
                - load: for %.1f minutes, one spool file of one event and one journal event about every second (0.5 to 1.5 s
                  apart, at random); latency from the rename of the file / the journal's head moving until a search finds
                  the event (searched every 100 ms, so figures are up to 0.1 s late)

                | source | poll interval | events | p50 | p90 | p99 | max | bound (poll + %.0f s) | within bound |
                |---|---:|---:|---:|---:|---:|---:|---:|---|
                """, args.length == 0 ? "" : " " + String.join(" ", args), facts.markdown(), minutes, SLACK_SECONDS));
        for (Source s : sources) {
            if (s.latencies() == null) {
                b.append(String.format(Locale.ROOT, "| %s | %d s | %d | | | | | %.0f s | none seen: MISSED |%n", s.name(),
                        s.pollSeconds(), s.offered(), s.bound()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %d s | %d | %.1f s | %.1f s | %.1f s | %.1f s | %.0f s | %d of %d: %s |%n",
                    s.name(), s.pollSeconds(), s.offered(), s.latencies().at(50), s.latencies().at(90), s.latencies().at(99),
                    s.latencies().max(), s.bound(), s.latencies().atMost(s.bound()), s.offered(), s.met() ? "met" : "MISSED"));
        }
        b.append("\nA journal event waits for the next poll (uniformly up to the interval), a spool file is read as soon as "
                + "it is renamed into place (the spool watch; the poll is the fallback); then indexing and one refresh. "
                + "The machine is shared with other work (see the load average above).\n");
        return b.toString();
    }
}
