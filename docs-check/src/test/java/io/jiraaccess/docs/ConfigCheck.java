package io.jiraaccess.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.config.DaemonConfigParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration a document shows, held against the parsers that read it: a YAML block shaped like the daemon's
 * configuration must be accepted by {@link DaemonConfigParser}, one shaped like a credential file by
 * {@link CredentialSpecParser}; a key the daemon's configuration table or a {@code key: value} span names must be a
 * setting the daemon's parser knows (it refuses unknown keys by name, which is what is asked here).
 */
final class ConfigCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String UNKNOWN = "is not a known setting";
    private static final Pattern KNOWN_LIST = Pattern.compile("known settings: ([\\w, ]*)");
    private static final Pattern KEY_VALUE = Pattern.compile("^([a-z]\\w*(?:\\[])?(?:\\.\\w+)+):\\s*\\S.*$");
    private static final Pattern KEYS = Pattern.compile("^([a-z]\\w*(?:\\[])?(?:\\.\\w+)*)\\.(\\w+)((?:\\s*,\\s*\\w+)*)$");
    private static final List<JsonNode> CANDIDATES = List.of(JsonNodeFactory.instance.textNode("x"),
            JsonNodeFactory.instance.numberNode(1), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode().add("x"), JsonNodeFactory.instance.objectNode().put("x", "x"));

    /** Secrets in examples are references: every {@code ${env:}} resolves to a placeholder. */
    private static final SecretReferences REFS = new SecretReferences(name -> "placeholder-value-0123456789");

    private final DaemonConfigParser daemon = new DaemonConfigParser(REFS);
    private final CredentialSpecParser credentials = new CredentialSpecParser(REFS);
    private final Path baseDir;
    private final ObjectNode listEntries;
    private final Set<String> daemonSections;

    /**
     * @param baseDir  where relative paths in examples resolve
     * @param example  a valid daemon configuration whose list entries ({@code jira[]}, {@code jenkins[]}) serve as
     *                 the entries keys are tried on
     */
    ConfigCheck(Path baseDir, String example) throws Exception {
        this.baseDir = baseDir;
        this.listEntries = (ObjectNode) YAML.readTree(example);
        this.daemonSections = knownAt("zz_not_a_key: 1");
    }

    Set<String> daemonSections() {
        return daemonSections;
    }

    private Set<String> knownAt(String yaml) {
        try {
            daemon.parse("probe", yaml, baseDir);
        } catch (JiraAccessException e) {
            Matcher m = KNOWN_LIST.matcher(e.getMessage());
            if (m.find()) {
                Set<String> out = new LinkedHashSet<>();
                for (String k : m.group(1).split(",")) {
                    out.add(k.trim());
                }
                return out;
            }
        }
        throw new IllegalStateException("the daemon's parser no longer names its known settings for an unknown key");
    }

    List<Finding> check(MarkdownDoc doc) {
        List<Finding> out = new ArrayList<>();
        for (MarkdownDoc.Block b : doc.blocks()) {
            if (b.language().equals("yaml") || b.language().equals("yml")) {
                yamlBlock(doc, b, out);
            }
        }
        for (MarkdownDoc.Span s : doc.spans()) {
            String text = s.text().trim();
            Matcher kv = KEY_VALUE.matcher(text);
            // in prose: a table's cells name other things in that form too (/health's fields)
            if (kv.matches() && s.tableHeader().isEmpty()) {
                key(doc, s.line(), kv.group(1), out);
                continue;
            }
            if (s.tableHeader().equals("key") || s.tableHeader().equals("setting")) {
                Matcher k = KEYS.matcher(text);
                if (k.matches()) {
                    String parent = k.group(1);
                    key(doc, s.line(), parent + "." + k.group(2), out);
                    for (String more : k.group(3).split(",")) {
                        if (!more.isBlank()) {
                            key(doc, s.line(), parent + "." + more.trim(), out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private void yamlBlock(MarkdownDoc doc, MarkdownDoc.Block b, List<Finding> out) {
        // file references would be read: examples name files of their reader's machine
        String text = b.text().replaceAll("\\$\\{file:[^}]*}", "\\${env:DOCS_FILE}");
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (Exception e) {
            out.add(new Finding(doc.name(), b.firstLine(), "yaml block", "is not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
            return;
        }
        if (tree == null || !tree.isObject()) {
            return;
        }
        Set<String> top = new LinkedHashSet<>();
        tree.fieldNames().forEachRemaining(top::add);
        try {
            if (top.contains("kind")) {
                credentials.parse(doc.name() + " line " + b.firstLine(), text, "docs-example");
            } else if (daemonSections.containsAll(top)) {
                daemon.parse(doc.name() + " line " + b.firstLine(), text, baseDir);
            }
        } catch (JiraAccessException e) {
            out.add(new Finding(doc.name(), b.firstLine(), "yaml block", "is refused by its parser: " + e.getMessage()));
        }
    }

    /** A dotted key such as {@code jenkins[].url} or {@code state.cursors}; only the daemon's sections are held. */
    private void key(MarkdownDoc doc, int line, String dotted, List<Finding> out) {
        String[] parts = dotted.split("\\.");
        if (!daemonSections.contains(parts[0].replace("[]", ""))) {
            return;
        }
        String problem = unknownKey(parts);
        if (problem != null) {
            out.add(new Finding(doc.name(), line, dotted, "is not a setting of the daemon's configuration (" + problem + ")"));
        }
    }

    /** The parser's complaint when the key is unknown, or null when it knows it (whatever it thinks of the value). */
    private String unknownKey(String[] parts) {
        String last = null;
        for (JsonNode value : CANDIDATES) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                String p = parts[i];
                if (p.endsWith("[]")) {
                    String section = p.substring(0, p.length() - 2);
                    JsonNode sample = listEntries.path(section).path(0);
                    ObjectNode entry = sample.isObject() ? ((ObjectNode) sample).deepCopy() : JsonNodeFactory.instance.objectNode();
                    ArrayNode list = root.putArray(section);
                    list.add(entry);
                    at = entry;
                } else {
                    JsonNode existing = at.get(p);
                    at = existing instanceof ObjectNode o ? o : at.putObject(p);
                }
            }
            at.set(parts[parts.length - 1], value);
            try {
                daemon.parse("probe", YAML.writeValueAsString(root), baseDir);
                return null;
            } catch (JiraAccessException e) {
                if (!e.getMessage().contains(UNKNOWN)) {
                    return null;
                }
                last = e.getMessage();
            } catch (Exception e) {
                return null;
            }
        }
        return last;
    }
}
