package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.JellyFile;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plugin has a well-formed, non-empty {@code src/main/resources/index.jelly}.
 * Source: jenkinsci/maven-hpi-plugin tag 3.1814.v77d15159f9b_d (commit 77d15159f9bd45dff329bc993da424085746e4a4, the
 * hpi-plugin.version jenkinsci/plugin-pom tag 6.2211.v27f680c93c53 pins),
 * src/main/java/org/jenkinsci/maven/plugins/hpi/HpiMojo.java: {@code package} stops with "Missing .../index.jelly"
 * when {@code target/classes/index.jelly} is not a file; the plugin manager shows that file as the description.
 */
public final class IndexJellyCheck implements ConformanceCheck {
    @Override
    public List<String> findings(PluginTree plugin) throws IOException {
        Path index = plugin.resources().resolve("index.jelly");
        String where = plugin.rel(index);
        if (!Files.isRegularFile(index)) {
            return List.of(where + " is missing: maven-hpi-plugin's HpiMojo stops `package` without it; add one with "
                    + "<?jelly escape-by-default='true'?> and a <div> describing the plugin");
        }
        try {
            if (JellyFile.read(index).text().isEmpty()) {
                return List.of(where + " is empty: the plugin manager shows its text as the plugin's description; "
                        + "describe the plugin in it");
            }
        } catch (JellyFile.Malformed e) {
            return List.of(where + " is not well-formed XML (" + e.getMessage() + "): fix the markup");
        }
        return List.of();
    }
}
