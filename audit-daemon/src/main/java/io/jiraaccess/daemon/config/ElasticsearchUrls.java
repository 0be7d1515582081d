package io.jiraaccess.daemon.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jiraaccess.core.config.ConfigNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code elasticsearch.url} (one node) or {@code elasticsearch.urls} (several nodes of one cluster, which the client
 * fails over between). Every URL is checked as {@code url} is (https, or http on loopback only); the nodes share one
 * scheme and one path, because the client sends the same request, with the same path prefix, to whichever is up.
 */
final class ElasticsearchUrls {
    private ElasticsearchUrls() {
    }

    /** The nodes, {@code url} alone when it is given; empty when neither key is. */
    static List<URI> parse(ConfigNode n, URI url) {
        List<String> written = n.has("urls") ? n.stringList("urls") : List.of();
        if (url != null && !written.isEmpty()) {
            throw n.error("urls", "is set together with url; write every node in urls, or the one node in url");
        }
        if (url != null) {
            return List.of(url);
        }
        Set<URI> out = new LinkedHashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String key = "urls[" + i + "]";
            ConfigNode item = new ConfigNode(n.source(), n.path(), JsonNodeFactory.instance.objectNode().put(key, written.get(i)));
            URI u = item.optionalUrl(key);
            if (!out.add(u)) {
                throw n.error(key, "'" + u + "' is listed twice; list each node once");
            }
        }
        List<URI> urls = new ArrayList<>(out);
        for (int i = 1; i < urls.size(); i++) {
            URI first = urls.get(0);
            URI u = urls.get(i);
            if (!first.getScheme().equalsIgnoreCase(u.getScheme()) || !Objects.equals(path(first), path(u))) {
                throw n.error("urls[" + i + "]", "'" + u + "' differs from '" + first + "' in scheme or path; the "
                        + "nodes of one cluster are reached the same way: use one scheme and one path for all");
            }
        }
        return List.copyOf(urls);
    }

    private static String path(URI u) {
        String p = u.getRawPath();
        return p == null || p.isEmpty() || p.equals("/") ? "" : p;
    }
}
