package io.jiraaccess.daemon.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.transport.ElasticsearchTransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The async client the bulk ingester sends with, completing each bulk request on {@code executor} instead of on the
 * HTTP client's own thread. The low-level client fails a connection request (Elasticsearch down) while it holds its
 * connection-pool lock, and the ingester's completion handler takes the ingester's lock, under which other threads
 * send requests and so wait for the pool lock: run inline, the two deadlock as soon as Elasticsearch goes away.
 */
final class DecoupledBulkClient extends ElasticsearchAsyncClient {
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
            sent = super.bulk(request);
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
}
