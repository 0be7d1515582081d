package io.jiraaccess.daemon.index;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
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
            Map<String, String> components = templates.componentTemplates();
            Map<String, String> indices = templates.indexTemplates();
            for (Map.Entry<String, String> t : components.entrySet()) {
                put("component template", t.getKey(), () -> es.client().cluster().putComponentTemplate(
                        p -> p.name(t.getKey()).withJson(new StringReader(t.getValue()))));
            }
            for (Map.Entry<String, String> t : indices.entrySet()) {
                put("index template", t.getKey(), () -> es.client().indices().putIndexTemplate(
                        p -> p.name(t.getKey()).withJson(new StringReader(t.getValue()))));
            }
            installed = true;
            LOG.info("Installed component templates {} and index templates {}", components.keySet(), indices.keySet());
        }
    }

    private interface Put {
        void run() throws IOException;
    }

    private static void put(String what, String name, Put put) {
        try {
            put.run();
        } catch (ElasticsearchException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429) {
                // a refused template is a defect in the contract, not an outage: say which one
                throw new IllegalStateException("Elasticsearch refused " + what + " " + name + ": " + e.getMessage(), e);
            }
            throw new IndexingUnavailableException("cannot install " + what + " " + name + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IndexingUnavailableException("cannot install " + what + " " + name + ": " + e, e);
        }
    }
}
