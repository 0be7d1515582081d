package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The tiny plugin trees under test resources {@code planted/}, each planting one good or bad example for a check. */
final class Planted {
    private Planted() {
    }

    static PluginTree tree(String name) {
        URL url = Planted.class.getResource("/planted/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no planted tree " + name);
        }
        try {
            return PluginTree.at(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
