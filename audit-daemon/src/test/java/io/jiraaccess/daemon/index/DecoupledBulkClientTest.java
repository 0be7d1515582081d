package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DecoupledBulkClientTest {
    private static BinaryData json(String json) {
        return BinaryData.of(json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
    }

    private static BulkOperation index(String index, String id, String json) {
        return BulkOperation.of(o -> o.index(x -> x.index(index).id(id)
                .document(BinaryData.of(json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON))));
    }

    @Test
    void indexOperationsWithReadyDocumentsBecomeOneNdjsonBody() {
        BulkRequest request = BulkRequest.of(r -> r.operations(List.of(
                index("jira-access-events-2026.05.01", "ci:1", "{\"a\":1}"),
                index("jira-access-events-2026.05.02", "we\"ird\\id", "{\"b\":\"ü\"}"))));

        byte[] body = DecoupledBulkClient.contiguousBody(request);

        assertEquals("""
                {"index":{"_index":"jira-access-events-2026.05.01","_id":"ci:1"}}
                {"a":1}
                {"index":{"_index":"jira-access-events-2026.05.02","_id":"we\\"ird\\\\id"}}
                {"b":"ü"}
                """, new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void namesAreQuotedAsJacksonQuotesThem() {
        com.fasterxml.jackson.core.io.JsonStringEncoder json = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();
        java.util.Random random = new java.util.Random(42);
        // whole code points only: a lone surrogate is refused by Jackson either way
        String[] alphabet = {"a", "Z", "0", "9", ".", "-", "_", ":", "|", "/", "@", "+", " ", "\"", "\\", "\u0000",
                "\u001f", "\u007f", "\u0080", "\u00fc", "\u20ac", "\ud83d\ude00"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = b.toString();
            org.junit.jupiter.api.Assertions.assertArrayEquals(json.quoteAsUTF8(s), DecoupledBulkClient.quoted(json, s), s);
        }
    }

    @Test
    void credentialMergesTravelInTheSameNdjsonBody() {
        BulkOperation merge = BulkOperation.of(o -> o.update(u -> u.index("jira-access-credentials").id("ci|s|c1")
                .retryOnConflict(5).binaryAction(json("{\"doc\":{\"@timestamp\":\"2026-05-01T00:00:00Z\","
                        + "\"jira_access\":{\"credential\":{\"status\":\"re\\\"voked\"}}},\"doc_as_upsert\":true}"))));
        BulkOperation mergeNoRetry = BulkOperation.of(o -> o.update(u -> u.index("jira-access-credentials").id("k2")
                .binaryAction(json("{\"doc\":{\"a\":1}}"))));

        byte[] body = DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(
                index("jira-access-events-2026.05.01", "ci:1", "{\"a\":1}"), merge, mergeNoRetry))));

        assertEquals("""
                {"index":{"_index":"jira-access-events-2026.05.01","_id":"ci:1"}}
                {"a":1}
                {"update":{"_index":"jira-access-credentials","_id":"ci|s|c1","retry_on_conflict":5}}
                {"doc":{"@timestamp":"2026-05-01T00:00:00Z","jira_access":{"credential":{"status":"re\\"voked"}}},"doc_as_upsert":true}
                {"update":{"_index":"jira-access-credentials","_id":"k2"}}
                {"doc":{"a":1}}
                """, new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void anythingButPlainIndexOperationsOfReadyDocumentsTakesTheClientsOwnPath() {
        BulkOperation routed = BulkOperation.of(o -> o.index(x -> x.index("i").id("1").routing("r")
                .document(BinaryData.of("{}".getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON))));
        BulkOperation objectDocument = BulkOperation.of(o -> o.index(x -> x.index("i").id("1").document(Map.of("a", 1))));
        BulkOperation delete = BulkOperation.of(o -> o.delete(d -> d.index("i").id("1")));
        BulkOperation plain = index("i", "2", "{}");

        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(plain, routed)))));
        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(plain, objectDocument)))));
        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(plain, delete)))));
        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.pipeline("p").operations(List.of(plain)))));
        BulkOperation scripted = BulkOperation.of(o -> o.update(u -> u.index("i").id("1")
                .action(a -> a.script(sc -> sc.source("ctx._source.n += 1")))));
        BulkOperation typedDoc = BulkOperation.of(o -> o.update(u -> u.index("i").id("1")
                .action(a -> a.doc(Map.of("a", 1)).docAsUpsert(true))));
        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(plain, scripted)))));
        assertNull(DecoupledBulkClient.contiguousBody(BulkRequest.of(r -> r.operations(List.of(plain, typedDoc)))));
    }
}
