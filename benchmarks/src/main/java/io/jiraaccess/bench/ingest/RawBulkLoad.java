package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexNames;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The ceiling the daemon is compared with: the same documents (same index, {@code _id} and bytes as the daemon
 * writes) sent straight to {@code _bulk} by a minimal loader, in requests of {@code perRequest} documents with at
 * most {@code concurrency} in flight (by default the daemon's own bulk settings, so the comparison isolates what
 * the daemon adds: reading, parsing, acknowledgement tracking and cursors).
 */
public final class RawBulkLoad {
    private final ElasticsearchHttp es;
    private final EventLines lines;
    private final int perRequest;
    private final int concurrency;

    public RawBulkLoad(ElasticsearchHttp es, EventLines lines, int perRequest, int concurrency) {
        this.es = es;
        this.lines = lines;
        this.perRequest = perRequest;
        this.concurrency = concurrency;
    }

    /** Sends events {@code 1..count} of each service, alternating between them request by request. */
    public void load(List<Stream> streams) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        long[] next = new long[streams.size()];
        java.util.Arrays.fill(next, 1);
        boolean more = true;
        while (more) {
            more = false;
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                if (next[s] > stream.count()) {
                    continue;
                }
                long last = Math.min(stream.count(), next[s] + perRequest - 1);
                byte[] body = body(stream.service(), next[s], last);
                next[s] = last + 1;
                more = true;
                slots.acquire();
                CompletableFuture<Integer> f = es.bulk(body);
                f.whenComplete((n, t) -> slots.release());
                sent.add(f);
            }
        }
        CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();
    }

    private byte[] body(String service, long first, long last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (last - first + 1) * 800);
        for (long seq = first; seq <= last; seq++) {
            String id = EventLines.eventId(service, seq);
            String action = "{\"index\":{\"_index\":\"" + IndexNames.dailyIndex(lines.timestamp(seq)) + "\",\"_id\":\""
                    + DocumentIds.of(id) + "\"}}\n";
            out.writeBytes(action.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(lines.lineBytes(service, seq));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** {@code count} events of {@code service}, seq 1 to count. */
    public record Stream(String service, long count) {
    }
}
