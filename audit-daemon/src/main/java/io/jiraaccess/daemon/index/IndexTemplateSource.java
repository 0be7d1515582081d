package io.jiraaccess.daemon.index;

import java.util.Map;

/** Composable index templates to install at start: name to the JSON body of {@code PUT _index_template/<name>}. */
@FunctionalInterface
public interface IndexTemplateSource {
    Map<String, String> indexTemplates();

    /** Both sources' templates (a name in both: {@code other} wins). */
    default IndexTemplateSource and(IndexTemplateSource other) {
        return () -> {
            Map<String, String> all = new java.util.LinkedHashMap<>(indexTemplates());
            all.putAll(other.indexTemplates());
            return all;
        };
    }
}
