package io.jiraaccess.daemon.cursor;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.transport.TransportException;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import org.elasticsearch.client.ResponseException;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.index.IndexingUnavailableException;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cursors as documents of the {@code jira-access-cursors} index, one per source, for several daemons sharing the
 * work: a save is conditional on the {@code _seq_no}/{@code _primary_term} that was read ({@code if_seq_no},
 * {@code if_primary_term}), or on the document not existing yet ({@code op_type=create}); a 409 means another daemon
 * moved the cursor first.
 */
public final class ElasticsearchCursorStore implements CursorStore {
    private final ElasticsearchConnection es;
    private final Clock clock;

    public ElasticsearchCursorStore(ElasticsearchConnection es, Clock clock) {
        this.es = es;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Cursor load(String sourceId) {
        try {
            GetResponse<Map> r = es.client().get(g -> g.index(IndexNames.CURSORS).id(sourceId), Map.class);
            if (!r.found() || r.source() == null || r.source().get("position") == null) {
                return Cursor.NONE;
            }
            return new Cursor(String.valueOf(r.source().get("position")), r.seqNo() + ":" + r.primaryTerm());
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Cursor.NONE; // the index does not exist yet
            }
            throw new IndexingUnavailableException("cannot read the cursor of " + sourceId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IndexingUnavailableException("cannot read the cursor of " + sourceId + ": " + e, e);
        }
    }

    @Override
    public Cursor save(String sourceId, Cursor expected, String position) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", sourceId);
        doc.put("position", position);
        doc.put("updated", clock.instant().toString());
        try {
            IndexResponse r;
            if (expected.revision() == null) {
                r = es.client().index(i -> i.index(IndexNames.CURSORS).id(sourceId).opType(OpType.Create).document(doc));
            } else {
                String[] rev = expected.revision().split(":");
                long seqNo = Long.parseLong(rev[0]);
                long term = Long.parseLong(rev[1]);
                r = es.client().index(i -> i.index(IndexNames.CURSORS).id(sourceId).ifSeqNo(seqNo).ifPrimaryTerm(term)
                        .document(doc));
            }
            return new Cursor(position, r.seqNo() + ":" + r.primaryTerm());
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new CursorConflictException(sourceId);
            }
            throw new IndexingUnavailableException("cannot save the cursor of " + sourceId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (status(e) == 409) {
                throw new CursorConflictException(sourceId);
            }
            throw new IndexingUnavailableException("cannot save the cursor of " + sourceId + ": " + e, e);
        }
    }

    /** The HTTP status behind a transport failure (a conflict can surface this way), or -1. */
    private static int status(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransportException te && te.statusCode() > 0) {
                return te.statusCode();
            }
            if (t instanceof ResponseException re) {
                return re.getResponse().getStatusLine().getStatusCode();
            }
        }
        return -1;
    }
}
