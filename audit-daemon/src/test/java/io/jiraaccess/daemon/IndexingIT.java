package io.jiraaccess.daemon;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.cursor.Cursor;
import io.jiraaccess.daemon.cursor.CursorConflictException;
import io.jiraaccess.daemon.cursor.ElasticsearchCursorStore;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.index.BatchReceipt;
import io.jiraaccess.daemon.index.BulkSettings;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.EventIndexer;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.index.IndexRetention;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.IndexingUnavailableException;
import io.jiraaccess.daemon.index.TemplateInstaller;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.dashboards.DeadLetter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The indexer, templates, dead letters, retention and the shared cursor store against a real Elasticsearch. */
class IndexingIT {
    private ElasticsearchConnection es;
    private EventIndexer indexer;

    @BeforeEach
    void setUp() {
        es = SharedElasticsearch.connection();
        SharedElasticsearch.deleteJiraAccessIndices();
        new TemplateInstaller(es, IndexTemplateSource.standard()).ensureInstalled();
        indexer = new EventIndexer(es, BulkSettings.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        indexer.close();
    }

    private static IndexDocument doc(String id, Instant at, String extraJson) {
        String json = AuditEvent.builder(EventAction.TOKEN_USED, at).id(id).build().toJson();
        if (extraJson != null) {
            json = json.substring(0, json.length() - 1) + "," + extraJson + "}";
        }
        return new IndexDocument(id, IndexNames.dailyIndex(at), id, json.getBytes(StandardCharsets.UTF_8), "test line");
    }

    private BatchReceipt submit(List<IndexDocument> docs, List<DeadLetterEntry> rejected) throws Exception {
        var f = indexer.submit("test", docs, rejected);
        indexer.flush();
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void reindexingTheSameEventsOverwritesThemInTheirDailyIndexBehindTheAlias() throws Exception {
        Instant day1 = Instant.parse("2026-03-14T10:00:00Z");
        Instant day2 = Instant.parse("2026-03-15T10:00:00Z");
        List<IndexDocument> docs = List.of(doc("ci:1", day1, null), doc("ci:2", day1, null), doc("ci:3", day2, null));
        assertEquals(new BatchReceipt(3, 0), submit(docs, List.of()));
        assertEquals(new BatchReceipt(3, 0), submit(docs, List.of()));

        assertEquals(3, SharedElasticsearch.count(IndexNames.EVENTS_ALIAS));
        assertEquals(2, SharedElasticsearch.count("jira-access-events-2026.03.14"));
        assertEquals(1, SharedElasticsearch.count("jira-access-events-2026.03.15"));
        assertEquals(List.of("ci:1", "ci:2", "ci:3"), SharedElasticsearch.eventIds());
        assertTrue(es.client().indices().existsAlias(a -> a.name(IndexNames.EVENTS_ALIAS)
                .index("jira-access-events-2026.03.15")).value());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aMappingConflictGoesToTheDeadLetterIndexWithTheReasonAndTheOriginal() throws Exception {
        Instant at = Instant.parse("2026-03-14T10:00:00Z");
        IndexDocument good = doc("ci:1", at, null);
        IndexDocument conflict = doc("ci:2", at, "\"http\":{\"response\":{\"status_code\":\"not-a-number\"}}");
        DeadLetterEntry garbage = new DeadLetterEntry("line-7", new DeadLetter(Instant.now(), null, "%%%",
                DeadLetterEntry.NOT_AN_EVENT, "spool/f line 7: not valid JSON", "test", null));

        assertEquals(new BatchReceipt(1, 2), submit(List.of(good, conflict), List.of(garbage)));

        assertEquals(List.of("ci:1"), SharedElasticsearch.eventIds());
        assertEquals(2, SharedElasticsearch.count(IndexNames.DEAD_LETTER));
        Map refused = es.client().get(g -> g.index(IndexNames.DEAD_LETTER).id("ci:2"), Map.class).source();
        Map event = (Map) refused.get("event");
        assertEquals("ci:2", event.get("id"));
        assertEquals(conflict.jsonText(), event.get("original"));
        Map error = (Map) refused.get("error");
        assertEquals("document_parsing_exception", error.get("type"));
        assertThat((String) error.get("message")).startsWith("test line: document_parsing_exception")
                .contains("http.response.status_code");
        assertEquals(Map.of("source", "test", "index", "jira-access-events-2026.03.14"),
                ((Map) refused.get("jira_access")).get("ingest"));
        Map line = es.client().get(g -> g.index(IndexNames.DEAD_LETTER).id("line-7"), Map.class).source();
        assertEquals("%%%", ((Map) line.get("event")).get("original"));
        assertEquals("spool/f line 7: not valid JSON", ((Map) line.get("error")).get("message"));
        assertEquals("not_an_event", ((Map) line.get("error")).get("type"));

        // the same batch again: still one document each (deterministic ids), nothing duplicated
        assertEquals(new BatchReceipt(1, 2), submit(List.of(good, conflict), List.of(garbage)));
        assertEquals(2, SharedElasticsearch.count(IndexNames.DEAD_LETTER));
        assertEquals(1, SharedElasticsearch.count(IndexNames.EVENTS_ALIAS));
    }

    @Test
    void aBatchFailsAsAWholeWhenElasticsearchCannotBeReached() throws Exception {
        int closedPort = io.jiraaccess.daemon.testing.CamelHarness.freePort();
        try (ElasticsearchConnection nowhere = ElasticsearchConnection.open(URI.create("http://127.0.0.1:" + closedPort), null, null);
             EventIndexer failing = new EventIndexer(nowhere, BulkSettings.DEFAULT, Clock.systemUTC())) {
            var f = failing.submit("test", List.of(doc("ci:1", Instant.now(), null)), List.of());
            failing.flush();
            assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IndexingUnavailableException.class)
                    .hasMessageContaining("Elasticsearch did not acknowledge 1 events from test");
            assertEquals(1, failing.failedBulkRequests());
        }
    }

    @Test
    void sharedCursorsRefuseAStaleSave() {
        ElasticsearchCursorStore a = new ElasticsearchCursorStore(es, Clock.systemUTC());
        ElasticsearchCursorStore b = new ElasticsearchCursorStore(es, Clock.systemUTC());
        assertTrue(a.load("jenkins-ci").isNone());
        Cursor first = a.save("jenkins-ci", Cursor.NONE, "10");
        assertThatThrownBy(() -> b.save("jenkins-ci", Cursor.NONE, "11")).isInstanceOf(CursorConflictException.class);
        Cursor seenByB = b.load("jenkins-ci");
        assertEquals("10", seenByB.position());
        Cursor second = b.save("jenkins-ci", seenByB, "20");
        assertThatThrownBy(() -> a.save("jenkins-ci", first, "30")).isInstanceOf(CursorConflictException.class);
        assertEquals(second, a.load("jenkins-ci"));
        assertEquals("20", a.load("jenkins-ci").position());
    }

    @Test
    void retentionDeletesOnlyDailyIndicesOlderThanTheLimit() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-05-31T12:00:00Z"), ZoneOffset.UTC);
        List<IndexDocument> docs = new ArrayList<>();
        for (String day : List.of("2026-05-01", "2026-05-02", "2026-05-30")) {
            docs.add(doc("d:" + day, Instant.parse(day + "T00:00:00Z"), null));
        }
        submit(docs, List.of());
        List<String> deleted = new IndexRetention(es, 29, now).run();
        assertEquals(List.of("jira-access-events-2026.05.01"), deleted);
        assertEquals(List.of("d:2026-05-02", "d:2026-05-30"), SharedElasticsearch.eventIds());
        assertEquals(List.of(), new IndexRetention(es, 29, now).run());
    }
}
