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
    }
}
