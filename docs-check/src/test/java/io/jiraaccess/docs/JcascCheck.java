package io.jiraaccess.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JCasC examples of the plugin's credentials ({@code credentials: ... - jiraPat: {...}}): every credential symbol must
 * be a {@code @Symbol} of the plugin, and every field one JCasC can set on that class: a parameter of its
 * {@code @DataBoundConstructor} or a {@code @DataBoundSetter} of it or its superclasses (configuration-as-code binds
 * exactly these, through Stapler's data binding).
 */
final class JcascCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SYMBOL = Pattern.compile("@Symbol\\(\"(\\w+)\"\\)");
    private static final Pattern CONSTRUCTOR = Pattern.compile("@DataBoundConstructor\\s+public\\s+\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set(\\w+)\\s*\\(");
    private static final Pattern EXTENDS = Pattern.compile("public\\s+(?:abstract\\s+)?class\\s+\\w+\\s+extends\\s+(\\w+)");

    private final Map<String, Path> classes = new HashMap<>();
    private final Map<String, Path> symbols = new HashMap<>();
    private final Repo repo;

    JcascCheck(Repo repo) {
        this.repo = repo;
        try (Stream<Path> s = Files.walk(repo.root().resolve("jenkins-plugin/src/main/java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                classes.put(p.getFileName().toString().replace(".java", ""), p);
                Matcher m = SYMBOL.matcher(repo.read(p));
                while (m.find()) {
                    symbols.put(m.group(1), p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Finding> check(MarkdownDoc doc) {
        List<Finding> out = new ArrayList<>();
        for (MarkdownDoc.Block b : doc.blocks()) {
            if (!b.language().startsWith("y")) {
                continue;
            }
            JsonNode tree;
            try {
                tree = YAML.readTree(b.text());
            } catch (IOException e) {
                continue;
            }
            if (tree != null && tree.has("credentials")) {
                for (JsonNode domain : tree.path("credentials").path("system").path("domainCredentials")) {
                    for (JsonNode credential : domain.path("credentials")) {
                        credential.fields().forEachRemaining(e -> credential(doc, b.firstLine(), e.getKey(), e.getValue(), out));
                    }
                }
            }
        }
        return out;
    }

    private void credential(MarkdownDoc doc, int line, String symbol, JsonNode fields, List<Finding> out) {
        Path file = symbols.get(symbol);
        if (file == null) {
            out.add(new Finding(doc.name(), line, symbol, "is not a @Symbol of the plugin (it has: " + symbols.keySet() + ")"));
            return;
        }
        Set<String> settable = settable(file);
        fields.fieldNames().forEachRemaining(f -> {
            if (!settable.contains(f)) {
                out.add(new Finding(doc.name(), line, symbol + "." + f, "is not a field JCasC can set (settable: " + settable + ")"));
            }
        });
    }

    private Set<String> settable(Path file) {
        Set<String> out = new LinkedHashSet<>();
        for (Path at = file; at != null; ) {
            String src = repo.read(at);
            Matcher c = CONSTRUCTOR.matcher(src);
            if (c.find() && at.equals(file)) {
                for (String param : c.group(1).split(",")) {
                    String[] words = param.trim().split("\\s+");
                    if (words.length > 1) {
                        out.add(words[words.length - 1]);
                    }
                }
            }
            Matcher s = SETTER.matcher(src);
            while (s.find()) {
                out.add(Character.toLowerCase(s.group(1).charAt(0)) + s.group(1).substring(1));
            }
            Matcher e = EXTENDS.matcher(src);
            at = e.find() ? classes.get(e.group(1)) : null;
        }
        return out;
    }
}
