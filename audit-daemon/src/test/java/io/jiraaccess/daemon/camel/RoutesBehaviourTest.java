package io.jiraaccess.daemon.camel;

import io.jiraaccess.daemon.index.BatchIndexer;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.runner.SourceRunner;
import io.jiraaccess.daemon.runner.SourceStatus;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.InMemoryCursorStore;
import io.jiraaccess.daemon.testing.Records;
import io.jiraaccess.daemon.testing.StderrCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged routes in action: schedules, error handling and the admin API, waited on with NotifyBuilder. */
class RoutesBehaviourTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    private final List<SourceStatus> statuses = new ArrayList<>();
    private CamelHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A bean with poll() that throws what it is given, counting calls. */
    public static final class ThrowingPoller {
        final AtomicInteger calls = new AtomicInteger();
        final RuntimeException failure;

        ThrowingPoller(RuntimeException failure) {
            this.failure = failure;
        }

        public void poll() {
            calls.incrementAndGet();
            throw failure;
        }
    }

    /** Seven events, one batch. */
    static final class SevenEvents implements EventSource {
        @Override
        public String id() {
            return "spool";
        }

        @Override
        public String kind() {
            return "spool";
        }

        @Override
        public SourceBatch read(String position, int maxEvents) {
            if ("7".equals(position)) {
                return SourceBatch.empty(position);
            }
            List<SourceRecord> lines = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                lines.add(Records.event("e" + i, i));
            }
            return SourceBatch.of(lines, "7", true, null);
        }
    }

    @Test
    void aSourceRouteCallsItsRunnerOnItsScheduleAndTheRunnerIndexesWhatTheSourceHas() throws Exception {
        AtomicInteger indexed = new AtomicInteger();
        BatchIndexer indexer = new BatchIndexer() {
            @Override
            public CompletableFuture<BatchReceipt> submit(String id, List<IndexDocument> docs, List<DeadLetterEntry> rejected) {
                indexed.addAndGet(docs.size());
                return CompletableFuture.completedFuture(new BatchReceipt(docs.size(), 0));
            }

            @Override
            public void flush() {
            }
        };
        InMemoryCursorStore cursors = new InMemoryCursorStore();
        SourceRunner runner = new SourceRunner(new SevenEvents(), cursors, indexer,
                new TemplateInstaller(null, IndexTemplateSource.of(Map.of(), Map.of())), SourceRunner.Settings.DEFAULT,
                Clock.systemUTC());
        harness = new CamelHarness(List.of(runner.status()));
        harness.beans.put("source-spool", runner);
        CamelContext ctx = harness.start(List.of(new DaemonCamel.SourceRoute("spool", EVERY_SECOND))).context();
        NotifyBuilder polls = new NotifyBuilder(ctx).fromRoute("source-spool").whenCompleted(3).create();

        assertTrue(polls.matches(30, TimeUnit.SECONDS), "three scheduled polls");
        assertEquals(7, indexed.get(), "indexed once; later polls found nothing new");
        assertEquals(List.of("7"), cursors.saves);
        assertEquals(SourceStatus.State.IDLE, runner.status().snapshot().state());
    }

    @Test
    void aSourceThatIsUnavailableIsLoggedAndNotRedelivered() throws Exception {
        harness = new CamelHarness(statuses);
        ThrowingPoller poller = new ThrowingPoller(new SourceUnavailableException("Jenkins ci answered HTTP 503; next attempt in 1 s"));
        harness.beans.put("source-jenkins-ci", poller);
        try (StderrCapture err = new StderrCapture()) {
            CamelContext ctx = harness.start(List.of(new DaemonCamel.SourceRoute("jenkins-ci", EVERY_SECOND))).context();
            Redeliveries redeliveries = Redeliveries.on(ctx);
            NotifyBuilder done = new NotifyBuilder(ctx).fromRoute("source-jenkins-ci").whenDone(3).create();
            assertTrue(done.matches(30, TimeUnit.SECONDS));
            assertEquals(List.of(0, 0), redeliveries.firstCompleted(2),
                    "no redelivery: the source backs off by itself, the next poll is the next attempt");
            assertThat(err.text()).contains("[WARN] routes - source-jenkins-ci: Jenkins ci answered HTTP 503; next attempt in 1 s");
        }
    }

    @Test
    void anUnexpectedErrorIsRetriedThreeTimesThenLoggedAsAnError() throws Exception {
        harness = new CamelHarness(statuses);
        ThrowingPoller poller = new ThrowingPoller(new IllegalStateException("disk full"));
        harness.beans.put("source-spool", poller);
        try (StderrCapture err = new StderrCapture()) {
            CamelContext ctx = harness.start(List.of(new DaemonCamel.SourceRoute("spool", EVERY_SECOND))).context();
            Redeliveries redeliveries = Redeliveries.on(ctx);
            NotifyBuilder done = new NotifyBuilder(ctx).fromRoute("source-spool").whenDone(2).create();
            assertTrue(done.matches(30, TimeUnit.SECONDS));
            assertEquals(List.of(3), redeliveries.firstCompleted(1), "three redeliveries, then it is given up and logged");
            assertThat(err.text()).contains("[ERROR] routes - source-spool failed after 3 retries: java.lang.IllegalStateException: disk full");
        }
    }

    @Test
    void theAdminApiAnswersOnlyWithTheBearerTokenAndNeverEchoesIt() throws Exception {
        harness = new CamelHarness(statuses);
        HttpClient http = HttpClient.newHttpClient();
        try (StderrCapture err = new StderrCapture()) {
            harness.start(List.of());
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(harness.admin("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(harness.admin("/metrics"))
                    .header("Authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> basic = http.send(HttpRequest.newBuilder(harness.admin("/health"))
                    .header("Authorization", "Basic " + CamelHarness.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = get(http, harness.admin("/health"));
            HttpResponse<String> metrics = get(http, harness.admin("/metrics"));
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(harness.admin("/health"))
                    .header("Authorization", "Bearer " + CamelHarness.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(401, none.statusCode());
            assertEquals(401, wrong.statusCode());
            assertEquals(401, basic.statusCode());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(200, health.statusCode());
            assertEquals("application/json", health.headers().firstValue("Content-Type").orElse(""));
            assertThat(health.body()).contains("\"status\" : \"ok\"").contains("\"available\" : true");
            assertEquals(200, metrics.statusCode());
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body()).contains("jira_access_bulk_requests_total 3\n");
            assertEquals(405, post.statusCode());
            for (HttpResponse<String> r : List.of(none, wrong, basic, health, metrics, post)) {
                assertEquals(List.of(), r.headers().allValues("Authorization"));
                StderrCapture.assertNoSecret(r.headers().map().toString() + r.body(), CamelHarness.ADMIN_TOKEN);
            }
            // the admin API's gate refuses before the route runs (issue 14): it logs the method and path
            assertThat(err.text()).contains("admin API: refused a request to GET /health without a valid bearer token");
            StderrCapture.assertNoSecret(err.text(), CamelHarness.ADMIN_TOKEN);
        }
    }

    /** Redelivery attempts per exchange, for the exchanges seen from their creation, in completion order. */
    static final class Redeliveries extends EventNotifierSupport {
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        private final List<Integer> completed = new CopyOnWriteArrayList<>();

        static Redeliveries on(CamelContext ctx) throws Exception {
            Redeliveries r = new Redeliveries();
            r.start();
            ctx.getManagementStrategy().addEventNotifier(r);
            return r;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeCreatedEvent e) {
                attempts.put(e.getExchange().getExchangeId(), 0);
            } else if (event instanceof CamelEvent.ExchangeRedeliveryEvent e) {
                attempts.computeIfPresent(e.getExchange().getExchangeId(), (k, v) -> v + 1);
            } else if (event instanceof CamelEvent.ExchangeCompletedEvent e) {
                Integer n = attempts.get(e.getExchange().getExchangeId());
                if (n != null) {
                    completed.add(n);
                }
            }
        }

        List<Integer> firstCompleted(int n) {
            assertTrue(completed.size() >= n, "at least " + n + " exchange(s) seen whole, got " + completed);
            return completed.subList(0, n);
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + CamelHarness.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
