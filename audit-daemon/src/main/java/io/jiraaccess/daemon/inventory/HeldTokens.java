package io.jiraaccess.daemon.inventory;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.dashboards.DataContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The keys of Jira tokens that CI credentials are known to hold, from the credentials index: documents of CI
 * credentials ({@code jira_access.inventory.source} {@code jenkins} or {@code cli}) that name a
 * {@code jira_access.credential.token_id} (set by {@code credential.rotated}). When Elasticsearch cannot be asked,
 * none are known, so such a token counts as unmanaged only by its name.
 */
public final class HeldTokens implements Supplier<Set<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(HeldTokens.class);
    private static final int MAX = 10_000;

    private final ElasticsearchConnection es;

    public HeldTokens(ElasticsearchConnection es) {
        this.es = es;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set<String> get() {
        Set<String> keys = new HashSet<>();
        try {
            SearchResponse<Map> r = es.client().search(s -> s.index(DataContract.CREDENTIALS_INDEX)
                    .allowNoIndices(true).ignoreUnavailable(true).size(MAX)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.terms(t -> t.field("jira_access.inventory.source")
                                    .terms(v -> v.value(List.of(FieldValue.of("jenkins"), FieldValue.of("cli"))))))
                            .filter(f -> f.exists(e -> e.field("jira_access.credential.token_id")))))
                    .source(src -> src.filter(f -> f.includes("jira_access.credential.kind",
                            "jira_access.credential.token_id", "jira_access.jira.site"))), Map.class);
            for (Hit<Map> h : r.hits().hits()) {
                Map ja = (Map) h.source().get("jira_access");
                Map c = ja == null ? null : (Map) ja.get("credential");
                Map jira = ja == null ? null : (Map) ja.get("jira");
                if (c != null && jira != null && c.get("token_id") != null && jira.get("site") != null) {
                    keys.add(InventoryToken.key(String.valueOf(jira.get("site")),
                            String.valueOf(c.getOrDefault("kind", "pat")), String.valueOf(c.get("token_id"))));
                }
            }
        } catch (Exception e) {
            LOG.debug("cannot look up the tokens CI credentials hold: {}", e.toString());
        }
        return keys;
    }
}
