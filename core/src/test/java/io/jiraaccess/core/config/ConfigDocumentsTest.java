package io.jiraaccess.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding 6 of issue 14: a repeated key is refused wherever it is, naming the key and both lines. */
class ConfigDocumentsTest {

    @Test
    void aSecondAllowBlockIsRefusedNamingBothLines() {
        String yaml = """
                kind: pat
                site: https://jira.example.com
                allow:
                  projects: [ABC]
                token: ${env:JIRA_PAT}
                allow:
                  hosts: [jira.example.com]
                """;
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigDocuments.read("ci.yaml", yaml));
        assertEquals("ci.yaml: allow: is written twice, at lines 3 and 6; keep one (a repeated key would silently "
                + "replace the first)", e.getMessage());
    }

    /** text -> the key path and lines named, for YAML in block and flow style, JSON, quoted and nested keys. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'admin:\\n  listen: 127.0.0.1:1\\n  token: x\\n  listen: 0.0.0.0:1\\n'            | admin.listen: is written twice, at lines 2 and 4",
            "'a: {b: 1, b: 2}\\n'                                                            | a.b: is written twice, at lines 1 and 1",
            "'\"allow\": 1\\nallow: 2\\n'                                                    | allow: is written twice, at lines 1 and 2",
            "'jira:\\n  - name: a\\n    name: b\\n'                                          | jira[0].name: is written twice, at lines 2 and 3",
            "'{\"allow\": {\"projects\": [\"A\"]},\\n \"allow\": {}}'                        | allow: is written twice, at lines 1 and 2",
            "'{\"a\": {\"x\": 1, \"x\": 1}}'                                                 | a.x: is written twice, at lines 1 and 1",
    })
    void repeatedKeysAreRefusedAnywhere(String text, String expected) {
        String doc = text.replace("\\n", "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigDocuments.read("f", doc));
        assertTrue(e.getMessage().startsWith("f: " + expected), e.getMessage());
    }

    @Test
    void aSecondDocumentOrTextAfterTheFirstIsRefused() {
        ConfigurationException yaml = assertThrows(ConfigurationException.class,
                () -> ConfigDocuments.read("f.yaml", "kind: pat\n---\nallow: {projects: [X]}\n"));
        assertEquals("f.yaml: more than one YAML document (line 3); keep one, the rest would be ignored", yaml.getMessage());
        ConfigurationException json = assertThrows(ConfigurationException.class,
                () -> ConfigDocuments.read("f.json", "{\"kind\": \"pat\"} {\"allow\": {}}"));
        assertTrue(json.getMessage().startsWith("f.json: more than one JSON value"), json.getMessage());
    }

    @Test
    void aFlowMappingIsYamlWhenYamlIsAsked() {
        JsonNode n = ConfigDocuments.readYaml("d.yaml", "{admin: {listen: '127.0.0.1:1'}}");
        assertEquals("127.0.0.1:1", n.path("admin").path("listen").asText());
    }

    @Test
    void valuesAreKeptAsAPlainReadKeepsThem() {
        JsonNode n = ConfigDocuments.read("f", "a: ~\nb: 3\nc: [x, 'y']\nd: true\ne: ''\nf: {}\n");
        assertTrue(n.get("a").isNull());
        assertEquals(3, n.get("b").intValue());
        assertEquals("y", n.get("c").get(1).asText());
        assertTrue(n.get("d").booleanValue());
        assertEquals("", n.get("e").asText());
        assertTrue(n.get("f").isObject() && n.get("f").isEmpty());
        assertNull(ConfigDocuments.read("f", "# nothing\n"));
    }

    @Test
    void syntaxErrorsGiveThePositionButNotTheText() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigDocuments.read("f.yaml", "token: \"s3cr3t-value\n  : [\n"));
        assertTrue(e.getMessage().startsWith("f.yaml: not valid YAML at line "), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cr3t"), e.getMessage());
    }
}
