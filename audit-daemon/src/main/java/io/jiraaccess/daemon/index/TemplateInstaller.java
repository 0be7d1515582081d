package io.jiraaccess.daemon.index;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * Installs the index templates before anything is indexed: a daily index created without them would get dynamic
 * mappings and conflict with the dashboards. Installing is idempotent (PUT), so it runs at every start; until it has
 * succeeded, {@link #ensureInstalled()} tries again (Elasticsearch may come up after the daemon).
 */
public final class TemplateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateInstaller.class);

    private final ElasticsearchConnection es;
    private final IndexTemplateSource templates;
    private volatile boolean installed;

    public TemplateInstaller(ElasticsearchConnection es, IndexTemplateSource templates) {
        this.es = es;
        this.templates = templates;
    }

    /** Installs the templates unless that already succeeded. */
    public void ensureInstalled() {
        if (installed) {
            return;
        }
        synchronized (this) {
            if (installed) {
                return;
            }
            Map<String, String> all = templates.indexTemplates();
            for (Map.Entry<String, String> t : all.entrySet()) {
                try {
                    es.client().indices().putIndexTemplate(p -> p.name(t.getKey()).withJson(new StringReader(t.getValue())));
                } catch (IOException e) {
                    throw new IndexingUnavailableException("cannot install index template " + t.getKey() + ": " + e, e);
                } catch (RuntimeException e) {
                    if (e instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException ee) {
                        // a 4xx here is a defect in the template, not an outage: say which template
                        throw new IllegalStateException("Elasticsearch refused index template " + t.getKey() + ": "
                                + ee.getMessage(), e);
                    }
                    throw new IndexingUnavailableException("cannot install index template " + t.getKey() + ": " + e, e);
                }
            }
            installed = true;
            LOG.info("Installed index templates {}", all.keySet());
        }
    }
}
