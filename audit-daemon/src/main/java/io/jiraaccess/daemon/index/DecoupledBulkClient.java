package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import co.elastic.clients.elasticsearch.core.bulk.UpdateOperation;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.endpoints.SimpleEndpoint;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The async client the bulk ingester sends with. Two things differ from the stock client:
 * <ul>
 *   <li>Each bulk request completes on {@code executor} instead of on the HTTP client's own thread. The low-level
 *       client fails a connection request (Elasticsearch down) while it holds its connection-pool lock, and the
 *       ingester's completion handler takes the ingester's lock, under which other threads send requests and so wait
 *       for the pool lock: run inline, the two deadlock as soon as Elasticsearch goes away.</li>
 *   <li>A request made only of index operations with ready JSON documents (every event the daemon indexes) and
 *       updates with ready JSON actions (the credential merges that travel in the same requests) is sent as one contiguous
 *       NDJSON body, and Elasticsearch is asked to answer only the fields the indexer reads. The stock
 *       client sends four buffers per document, each its own HTTP chunk, and parses every field of every item: at a
 *       few thousand events per second that made the HTTP threads and Elasticsearch itself the daemon's largest CPU
 *       cost, twice what a plain bulk load of the same documents needs. Anything else goes through the stock path.</li>
 * </ul>
 */
final class DecoupledBulkClient extends ElasticsearchAsyncClient {
    /** What the indexer reads of a bulk answer; the rest (versions, shards, sequence numbers) is left out. */
    static final String FILTER_PATH = "took,errors,items.*._index,items.*._id,items.*.status,items.*.error";

    private static final SimpleEndpoint<NdjsonBody, BulkResponse> ENDPOINT = new SimpleEndpoint<>("es/bulk",
            r -> "POST",
            r -> "/_bulk",
            r -> Map.of(),
            r -> Map.of("filter_path", FILTER_PATH),
            r -> Map.of(),
            r -> r.data,
            BulkResponse._DESERIALIZER);

    private static final byte[] ACTION_START = "{\"index\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_ID = "\",\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPDATE_START = "{\"update\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RETRY_ON_CONFLICT = "\",\"retry_on_conflict\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPDATE_END = "}}\n".getBytes(StandardCharsets.UTF_8);

    private final Executor executor;

    DecoupledBulkClient(ElasticsearchTransport transport, Executor executor) {
        super(transport);
        this.executor = executor;
    }

    @Override
    public CompletableFuture<BulkResponse> bulk(BulkRequest request) {
        CompletableFuture<BulkResponse> out = new CompletableFuture<>();
        CompletableFuture<BulkResponse> sent;
        try {
            Buffer body = contiguous(request);
            sent = body == null ? super.bulk(request)
                    : transport.performRequestAsync(new NdjsonBody(body.binaryData()), ENDPOINT, transportOptions);
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return out;
        }
        sent.whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else {
                out.complete(response);
            }
        }, executor);
        return out;
    }

    /**
     * The NDJSON body of a request of plain index operations with {@link BinaryData} documents, or null when the
     * request has anything else (request-wide settings, routing, versions, pipelines, object documents).
     */
    static byte[] contiguousBody(BulkRequest request) {
        Buffer body = contiguous(request);
        return body == null ? null : body.toByteArray();
    }

    /** {@link #contiguousBody} in a buffer sized for it up front, sent as it is (not grown, not copied). */
    private static Buffer contiguous(BulkRequest request) {
        if (request.index() != null || request.pipeline() != null || request.refresh() != null
                || request.routing() != null || request.requireAlias() != null || request.timeout() != null
                || request.waitForActiveShards() != null || request.source() != null
                || !request.sourceIncludes().isEmpty() || !request.sourceExcludes().isEmpty()) {
            return null;
        }
        Buffer out = new Buffer(sizeOf(request));
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        for (BulkOperation op : request.operations()) {
            if (op.isUpdate()) {
                if (!writeUpsert(out, json, op.update())) {
                    return null;
                }
                continue;
            }
            if (!op.isIndex()) {
                return null;
            }
            IndexOperation<?> index = op.index();
            if (!(index.document() instanceof BinaryData doc) || index.index() == null || index.id() == null
                    || index.routing() != null || index.pipeline() != null || index.requireAlias() != null
                    || index.version() != null || index.versionType() != null || index.ifSeqNo() != null
                    || index.ifPrimaryTerm() != null || !index.dynamicTemplates().isEmpty()) {
                return null;
            }
            out.writeBytes(ACTION_START);
            out.writeBytes(quoted(json, index.index()));
            out.writeBytes(ACTION_ID);
            out.writeBytes(quoted(json, index.id()));
            out.writeBytes(ACTION_END);
            write(out, doc);
            out.write('\n');
        }
        return out;
    }

    /** The body's size when no name needs escaping (the daemon's never do; the buffer grows if one does). */
    private static int sizeOf(BulkRequest request) {
        long size = 0;
        for (BulkOperation op : request.operations()) {
            BinaryData data = op.isIndex() && op.index().document() instanceof BinaryData d ? d
                    : op.isUpdate() ? op.update().binaryAction() : null;
            String index = op.isIndex() ? op.index().index() : op.isUpdate() ? op.update().index() : null;
            String id = op.isIndex() ? op.index().id() : op.isUpdate() ? op.update().id() : null;
            size += (data == null ? 0 : data.size()) + (index == null ? 0 : index.length()) + (id == null ? 0 : id.length())
                    + UPDATE_START.length + ACTION_ID.length + RETRY_ON_CONFLICT.length + 12 + UPDATE_END.length + 1;
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 16);
    }

    /**
     * Writes an update whose action is ready JSON ({@code binaryAction}: the indexer's credential merges) with its
     * optional {@code retry_on_conflict}; false for any other update (typed actions, versions, routing).
     */
    private static boolean writeUpsert(ByteArrayOutputStream out, JsonStringEncoder json, UpdateOperation<?, ?> update) {
        if (update.binaryAction() == null || update.action() != null || update.index() == null || update.id() == null
                || update.routing() != null || update.requireAlias() != null || update.ifSeqNo() != null
                || update.ifPrimaryTerm() != null || update.version() != null || update.versionType() != null) {
            return false;
        }
        out.writeBytes(UPDATE_START);
        out.writeBytes(quoted(json, update.index()));
        out.writeBytes(ACTION_ID);
        out.writeBytes(quoted(json, update.id()));
        if (update.retryOnConflict() != null) {
            out.writeBytes(RETRY_ON_CONFLICT);
            out.writeBytes(update.retryOnConflict().toString().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(UPDATE_END);
        } else {
            out.writeBytes(ACTION_END);
        }
        write(out, update.binaryAction());
        out.write('\n');
        return true;
    }

    /**
     * A JSON string's content as UTF-8: the string's own bytes when nothing in it needs escaping (printable ASCII
     * without quote or backslash: every index name and every {@code _id} the daemon makes), else Jackson's quoting.
     */
    static byte[] quoted(JsonStringEncoder json, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return json.quoteAsUTF8(s);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, BinaryData doc) {
        ByteBuffer b;
        try {
            b = doc.asByteBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a bulk document", e);
        }
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            out.writeBytes(copy);
        }
    }

    /** A byte buffer whose contents are sent without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        BinaryData binaryData() {
            return BinaryData.of(buf, 0, count, ContentType.APPLICATION_JSON);
        }
    }

    /** A ready NDJSON bulk body, the request object of {@link #ENDPOINT}. */
    private record NdjsonBody(BinaryData data) {
    }
}
