package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oldest-first reading of newest-first audit APIs, against an in-memory audit log whose time the test sets. */
class AuditLogReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "https://corp.atlassian.net";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Jira Cloud's record API over a list the test fills: from/to inclusive, newest first, offset paging, total. */
    static final class FakeCloudAudit implements AuditPages {
        final List<ObjectNode> records = new ArrayList<>();
        long nextId = 1000;
        int pagesServed;
        Consumer<Integer> beforePage = n -> { };

        void add(Instant created) {
            ObjectNode r = JSON.createObjectNode();
            r.put("id", nextId++);
            r.put("summary", "User created");
            r.put("created", created.toString());
            r.put("category", "user management");
            r.put("eventSource", "");
            records.add(r);
        }

        @Override
        public Page page(Instant from, Instant to, String token, int limit) {
            beforePage.accept(pagesServed++);
            List<ObjectNode> matching = records.stream()
                    .filter(r -> !created(r).isBefore(from) && (to == null || !created(r).isAfter(to)))
                    .sorted(Comparator.comparing(FakeCloudAudit::created).thenComparing(r -> r.get("id").asLong()).reversed())
                    .toList();
            int offset = token == null ? 0 : Integer.parseInt(token);
            List<JsonNode> out = new ArrayList<>(matching.subList(Math.min(offset, matching.size()),
                    Math.min(offset + limit, matching.size())));
            int end = offset + out.size();
            return new Page(out, end < matching.size() ? Integer.toString(end) : null, (long) matching.size());
        }

        @Override
        public int maxLimit() {
            return 1000;
        }

        static Instant created(JsonNode r) {
            return Instant.parse(r.get("created").asText());
        }
    }

    private static AuditLogReader cloudReader(FakeCloudAudit api, int cap) {
        return new AuditLogReader(api, r -> CloudAuditMapper.map(r, SITE), AuditLogReader.Keys.RECORD_ID, cap);
    }

    /** Reads as the source runner does: batch after batch from the returned cursor until caught up. */
    private static List<String> drain(AuditLogReader reader, AuditCursor start, int max, List<AuditCursor> cursors) {
        List<String> ids = new ArrayList<>();
        AuditCursor cursor = start;
        for (int i = 0; i < 10_000; i++) {
            AuditLogReader.Result r = reader.read(cursor, T0.minusSeconds(3600), max);
            r.entries().forEach(e -> ids.add(e.event().id()));
            cursor = r.end();
            if (cursors != null) {
                cursors.add(cursor);
            }
            if (r.caughtUp()) {
                return ids;
            }
        }
        throw new AssertionError("the reader never caught up");
    }

    private static List<String> expected(long firstId, long lastId) {
        List<String> ids = new ArrayList<>();
        for (long i = firstId; i <= lastId; i++) {
            ids.add(SITE + ":" + i);
        }
        return ids;
    }

    @Test
    void twentyFiveRecordsOfOneMillisecondReadFourAtATimeComeExactlyOnceInOrder() {
        FakeCloudAudit api = new FakeCloudAudit();
        for (int i = 0; i < 25; i++) {
            api.add(T0);
        }
        List<AuditCursor> cursors = new ArrayList<>();
        List<String> ids = drain(cloudReader(api, 100), null, 4, cursors);

        assertEquals(expected(1000, 1024), ids);
        assertEquals(T0, cursors.get(cursors.size() - 1).time());
        assertEquals(25, cursors.get(cursors.size() - 1).keys().size());
    }

    @Test
    void recordsArrivingInTheCursorsMillisecondAfterAReadAreReadNextTimeAndNothingTwice() {
        FakeCloudAudit api = new FakeCloudAudit();
        api.add(T0);
        api.add(T0.plusMillis(5));
        AuditLogReader reader = cloudReader(api, 100);
        AuditLogReader.Result first = reader.read(null, T0.minusSeconds(60), 100);
        api.add(T0.plusMillis(5)); // same millisecond as the cursor
        api.add(T0.plusMillis(6));
        AuditLogReader.Result second = reader.read(first.end(), T0.minusSeconds(60), 100);

        assertEquals(expected(1000, 1001), first.entries().stream().map(e -> e.event().id()).toList());
        assertEquals(expected(1002, 1003), second.entries().stream().map(e -> e.event().id()).toList());
        assertTrue(second.caughtUp());
        assertTrue(reader.read(second.end(), T0, 100).entries().isEmpty());
    }

    @Test
    void aBacklogLargerThanTheWindowIsReadOldestFirstInBoundedWindows() {
        FakeCloudAudit api = new FakeCloudAudit();
        for (int i = 0; i < 300; i++) {
            api.add(T0.plusSeconds(i * 7L).plusMillis(i % 3));
        }
        List<String> ids = drain(cloudReader(api, 20), null, 50, null);

        assertEquals(expected(1000, 1299), ids);
    }

    @Test
    void recordsCreatedWhilePagingShiftTheOffsetsWithoutLosingOrRepeatingOne() {
        FakeCloudAudit api = new FakeCloudAudit();
        for (int i = 0; i < 2500; i++) {
            api.add(T0.plusMillis(i));
        }
        // three new records land before each page is served: offsets shift under the reader
        api.beforePage = n -> {
            for (int i = 0; i < 3; i++) {
                api.add(T0.plusSeconds(10 + n).plusMillis(i));
            }
        };
        List<String> ids = drain(cloudReader(api, 100_000), null, 100_000, null);
        api.beforePage = n -> { };

        assertEquals(new HashSet<>(ids).size(), ids.size(), "no duplicates");
        List<String> all = expected(1000, api.nextId - 1);
        assertEquals(all.subList(0, ids.size()), ids, "a prefix of all records, in order, none skipped");
        assertTrue(ids.size() >= 2500, "every record that existed when reading began: " + ids.size());
    }

    @Test
    void identicalDataCenterEventsOfOneMillisecondStayDistinctAcrossReads() {
        List<ObjectNode> entities = new ArrayList<>();
        AuditPages dc = new AuditPages() {
            @Override
            public Page page(Instant from, Instant to, String token, int limit) {
                List<JsonNode> out = new ArrayList<>();
                for (int i = entities.size() - 1; i >= 0; i--) {
                    Instant t = Instant.parse(entities.get(i).get("timestamp").asText());
                    if (!t.isBefore(from) && (to == null || !t.isAfter(to))) {
                        out.add(entities.get(i));
                    }
                }
                return new Page(out, null, null);
            }

            @Override
            public int maxLimit() {
                return 1000;
            }
        };
        AuditLogReader reader = new AuditLogReader(dc, e -> DcAuditMapper.map(e, SITE), AuditLogReader.Keys.CONTENT_HASH, 100);
        entities.add(login(T0));
        AuditLogReader.Result first = reader.read(null, T0.minusSeconds(60), 100);
        entities.add(login(T0));
        entities.add(login(T0));
        AuditLogReader.Result second = reader.read(first.end(), T0.minusSeconds(60), 100);

        assertEquals(1, first.entries().size());
        assertEquals(2, second.entries().size());
        String base = first.entries().get(0).event().id();
        assertEquals(List.of(base + "#1", base + "#2"), second.entries().stream().map(e -> e.event().id()).toList());
        assertFalse(base.contains("#"));
        assertEquals(Set.of(first.entries().get(0).key(), base.substring(base.lastIndexOf(':') + 1) + "#1",
                base.substring(base.lastIndexOf(':') + 1) + "#2"), second.end().keys());
    }

    private static ObjectNode login(Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("timestamp", at.toString());
        e.putObject("author").put("id", "JIRAUSER10000").put("name", "ci-bot").put("type", "user");
        e.putObject("type").put("category", "Security").put("action", "User logged in")
                .put("actionI18nKey", "jira.auditing.user.logged.in");
        e.put("source", "10.0.0.7");
        return e;
    }
}
