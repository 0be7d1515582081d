package io.jiraaccess.daemon.index;

import io.jiraaccess.dashboards.DataContract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Templates to install at start: component templates ({@code PUT _component_template/<name>}) first, then the
 * composable index templates built on them ({@code PUT _index_template/<name>}); name to JSON body, in order.
 */
public interface IndexTemplateSource {
    Map<String, String> componentTemplates();

    Map<String, String> indexTemplates();

    /** The data contract's templates (events, credentials, dead letters) and the daemon's own (cursors). */
    static IndexTemplateSource standard() {
        return of(DataContract.componentTemplates(), merge(DataContract.indexTemplates(), DaemonTemplates.indexTemplates()));
    }

    static IndexTemplateSource of(Map<String, String> component, Map<String, String> index) {
        Map<String, String> c = new LinkedHashMap<>(component);
        Map<String, String> i = new LinkedHashMap<>(index);
        return new IndexTemplateSource() {
            @Override
            public Map<String, String> componentTemplates() {
                return new LinkedHashMap<>(c);
            }

            @Override
            public Map<String, String> indexTemplates() {
                return new LinkedHashMap<>(i);
            }
        };
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }
}
