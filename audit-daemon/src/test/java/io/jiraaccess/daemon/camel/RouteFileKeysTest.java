package io.jiraaccess.daemon.camel;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.config.ConfigDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 6 of issue 14 for the YAML that Camel reads: a repeated key in a route file (a second {@code steps:} would
 * replace the first, dropping the admin route's authorization step) is refused before Camel sees the file.
 */
class RouteFileKeysTest {
    private static final List<String> PACKAGED = List.of("admin", "errors", "maintenance", "sources");

    @Test
    void thePackagedRouteFilesRepeatNoKey() throws Exception {
        for (String name : PACKAGED) {
            try (InputStream in = getClass().getResourceAsStream("/camel/" + name + ".camel.yaml")) {
                ConfigDocuments.checkKeys(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRouteFileWithARepeatedKeyIsRefusedNamingFileKeyAndLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("admin.camel.yaml"), """
                - route:
                    id: admin-health
                    from:
                      uri: "platform-http:/health"
                      steps:
                        - bean:
                            ref: adminAuthorizer
                            method: "authorize(${header.Authorization})"
                      steps:
                        - bean:
                            ref: healthReport
                            method: json
                """);
        assertThatThrownBy(() -> new DaemonCamel(Map.of(), Map.of(), List.of(), dir, "127.0.0.1", 0, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir.resolve("admin.camel.yaml") + ": [0].route.from.steps: is written twice, at lines 5 and 9; "
                        + "keep one (a repeated key would silently replace the first)");
    }
}
