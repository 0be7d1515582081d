package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.testing.Await;
import io.jiraaccess.daemon.testing.CamelHarness;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spool file with a mapping conflict, a garbage line and a line with a second event after its first: all kept in the
 * dead-letter index (the last whole, neither event indexed), the cursor moves on.
 */
class DeadLetterIT {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("rawtypes")
    void aMappingConflictIsDeadLetteredWithItsReasonAndTheCursorMovesOn() throws Exception {
        SharedElasticsearch.deleteJiraAccessIndices();
        Path config = TestDaemon.writeConfig(dir, SharedElasticsearch.node().url(), null, CamelHarness.freePort());
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool);
        String good = AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id("ok:1").build().toJson();
        String conflict = AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id("conflict:1")
                .set("source.ip", "not-an-ip-address").build().toJson();
        String after = AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id("ok:2").build().toJson();
        String twoOnOneLine = AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id("twice:1").build().toJson()
                + AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).id("twice:2").build().toJson();
        Files.writeString(spool.resolve(".a.tmp"), good + "\n" + conflict + "\n#garbage#\n" + twoOnOneLine + "\n");
        Files.move(spool.resolve(".a.tmp"), spool.resolve("a.ndjson"));
        Files.writeString(spool.resolve(".b.tmp"), after + "\n");
        Files.move(spool.resolve(".b.tmp"), spool.resolve("b.ndjson"));

        try (DaemonApplication daemon = TestDaemon.start(config)) {
            Await.until(Duration.ofSeconds(60), "both files indexed and moved aside",
                    () -> Files.exists(spool.resolve("done/a.ndjson")) && Files.exists(spool.resolve("done/b.ndjson")));
            assertEquals(List.of("ok:1", "ok:2"), SharedElasticsearch.eventIds());
            assertEquals(3, SharedElasticsearch.count(IndexNames.DEAD_LETTER));
            assertThat(SharedElasticsearch.connection().client().search(r -> r.index(IndexNames.DEAD_LETTER)
                    .query(q -> q.matchPhrase(m -> m.field("error.message").query("line 4"))), Map.class).hits().hits())
                    .singleElement().satisfies(h -> {
                        assertEquals(twoOnOneLine, ((Map) h.source().get("event")).get("original"), "the whole line");
                        assertEquals("spool/a.ndjson line 4: data after the JSON object",
                                ((Map) h.source().get("error")).get("message"));
                    });
            Map doc = SharedElasticsearch.connection().client()
                    .get(g -> g.index(IndexNames.DEAD_LETTER).id("conflict:1"), Map.class).source();
            assertEquals(conflict, ((Map) doc.get("event")).get("original"));
            assertThat(((Map) doc.get("error")).get("message").toString())
                    .startsWith("spool/a.ndjson line 2: document_parsing_exception").contains("[source.ip]");

            JsonNode spoolHealth = TestDaemon.sources(TestDaemon.health(daemon.adminUrl())).get("spool");
            assertEquals("idle", spoolHealth.path("status").asText());
            assertEquals(2, spoolHealth.path("eventsIndexed").asLong());
            assertEquals(3, spoolHealth.path("deadLettered").asLong());
            assertEquals(2, spoolHealth.path("rejectedLines").asLong());
            assertThat(spoolHealth.path("cursor").asText()).contains("\"file\":\"b.ndjson\"").contains("\"eof\":true");
            assertFalse(Files.exists(spool.resolve("a.ndjson")));
            assertTrue(Files.list(spool.resolve("quarantine")).findAny().isEmpty());
        }
    }
}
