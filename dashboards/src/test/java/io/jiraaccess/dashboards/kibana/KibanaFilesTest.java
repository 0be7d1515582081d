package io.jiraaccess.dashboards.kibana;

import io.jiraaccess.dashboards.DataContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed NDJSON files are exactly what {@link KibanaObjects} renders. After changing the source, regenerate them:
 * {@code ./mvnw -q -B -o -pl dashboards test -Dtest=KibanaFilesTest -Djira-access.regenerate-kibana=true}.
 */
class KibanaFilesTest {
    private static final Path DIR = Path.of("kibana");

    @Test
    void committedFilesAreWhatTheSourceRenders() throws IOException {
        Map<String, List<ObjectNode>> files = KibanaObjects.files();
        if (Boolean.getBoolean("jira-access.regenerate-kibana")) {
            for (Map.Entry<String, List<ObjectNode>> e : files.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), KibanaObjects.render(e.getValue()), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, List<ObjectNode>> e : files.entrySet()) {
            assertEquals(KibanaObjects.render(e.getValue()), Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8),
                    e.getKey() + " differs from KibanaObjects; regenerate it (see this test's Javadoc)");
        }
    }

    @Test
    void theContractListsExactlyTheFilesInTheKibanaFolderAndTheJarCarriesThem() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ndjson")).sorted().toList();
            assertEquals(DataContract.kibanaSavedObjectFiles().stream().sorted().toList(), onDisk);
        }
        assertEquals(List.copyOf(KibanaObjects.files().keySet()), DataContract.kibanaSavedObjectFiles());
        for (String f : DataContract.kibanaSavedObjectFiles()) {
            assertEquals(Files.readString(DIR.resolve(f), StandardCharsets.UTF_8), DataContract.kibanaSavedObjects(f), f);
        }
    }
}
