package io.jiraaccess.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data flows one way inside the daemon (DESIGN.md, "Audit daemon"): no package uses a package that uses it back,
 * directly or around a circle. A package uses another when its sources name one of that package's types: by an
 * import, or written out in full in the code.
 */
class PackageCyclesTest {
    private static final String ROOT = "io.jiraaccess.daemon";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** A qualified name of a type of ours: lower-case package parts, then a capitalised type name. */
    private static final Pattern TYPE = Pattern.compile("\\b(io\\.jiraaccess\\.daemon(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");

    @Test
    void theDaemonsPackagesFormNoCircle() {
        Map<String, Set<String>> uses = uses(Path.of("src/main/java"));
        assertThat(uses).as("packages read").hasSizeGreaterThan(15).containsKeys(ROOT + ".source", ROOT + ".ingest",
                ROOT + ".runner");
        assertThat(cycles(uses)).as("package cycles").isEmpty();
    }

    @Test
    void aCircleIsFoundWhereverItCloses(@TempDir Path src) throws IOException {
        write(src, "a/A.java", "package io.jiraaccess.daemon.a;\nimport io.jiraaccess.daemon.b.B;\nclass A {}\n");
        write(src, "b/B.java", "package io.jiraaccess.daemon.b;\nclass B { io.jiraaccess.daemon.c.C.Inner c; }\n");
        write(src, "c/C.java", "package io.jiraaccess.daemon.c;\nimport static io.jiraaccess.daemon.a.A.run;\nclass C {}\n");
        write(src, "d/D.java", "package io.jiraaccess.daemon.d;\nimport io.jiraaccess.daemon.a.A;\nclass D {}\n");
        write(src, "e/E.java", "package io.jiraaccess.daemon.e;\n// io.jiraaccess.daemon.d.D in a comment counts too\nclass E {}\n");
        assertThat(cycles(uses(src))).containsExactly(List.of(ROOT + ".a", ROOT + ".b", ROOT + ".c"));
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Package to the packages of ours it names. */
    static Map<String, Set<String>> uses(Path sources) {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> used = out.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher type = TYPE.matcher(text.substring(pkg.end()));
                while (type.find()) {
                    if (!type.group(1).equals(pkg.group(1))) {
                        used.add(type.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The strongly connected groups of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> out = new ArrayList<>();
        for (String p : uses.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, uses, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> uses, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, uses, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                out.add(group.stream().sorted().toList());
            }
        }
    }
}
