package io.jiraaccess.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checked-out repository: its files (build output and dependencies left out) and their text. */
final class Repo {
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".mvn", "docs-check");

    private final Path root;
    private final List<Path> files;
    private Set<String> codeWords;

    Repo(Path root) {
        this.root = root.toAbsolutePath().normalize();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(this.root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : this.root.relativize(p)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.files = List.copyOf(all);
    }

    static Repo fromSystemProperty() {
        return new Repo(Path.of(System.getProperty("jiraaccess.repo.dir", "..")));
    }

    Path root() {
        return root;
    }

    /** The Markdown documents of the repository. */
    List<MarkdownDoc> docs() {
        return files.stream().filter(p -> p.toString().endsWith(".md"))
                .map(p -> MarkdownDoc.read(p, root.relativize(p).toString())).toList();
    }

    /** Source files (Java, YAML, XML, properties, Jelly) whose file name is {@code name}. */
    List<Path> named(String name) {
        return files.stream().filter(p -> p.getFileName().toString().equals(name)).toList();
    }

    String read(Path file) {
        try {
            // lenient: fixtures may hold bytes that are not UTF-8 on purpose
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code word} occurs as a whole word in the project's code (not its documents). */
    boolean codeMentions(String word) {
        if (codeWords == null) {
            Set<String> words = new HashSet<>();
            Pattern identifier = Pattern.compile("[A-Za-z_$][\\w$]*");
            for (Path p : files) {
                String n = p.getFileName().toString();
                if (n.endsWith(".java") || n.endsWith(".yaml") || n.endsWith(".xml") || n.endsWith(".jelly")
                        || n.endsWith(".properties")) {
                    identifier.matcher(read(p)).results().forEach(r -> words.add(r.group()));
                }
            }
            codeWords = words;
        }
        return codeWords.contains(word);
    }

    /** Whether a path is one git ignores (generated while the program runs, e.g. a fuzzing corpus). */
    boolean ignored(String relative) {
        Path ignore = root.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            return false;
        }
        for (String rule : read(ignore).split("\n")) {
            String r = rule.trim();
            if (r.isEmpty() || r.startsWith("#")) {
                continue;
            }
            String bare = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
            for (String part : relative.split("/")) {
                if (part.equals(bare)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether module {@code module}'s pom.xml or main code names {@code produced} (a file it builds or writes). */
    boolean moduleNames(String module, String produced) {
        String base = produced.replaceAll("\\.[a-z]+$", "");
        Path pom = root.resolve(module).resolve("pom.xml");
        if (Files.exists(pom) && read(pom).contains(">" + base + "<")) {
            return true;
        }
        return files.stream().filter(f -> root.relativize(f).startsWith(Path.of(module, "src", "main")))
                .anyMatch(f -> read(f).contains(produced) || read(f).contains("\"" + base + "\""));
    }

    /** Files whose path relative to the root matches the glob (with {@code ...} for any number of folders). */
    boolean existsGlob(String relative) {
        String r = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        if (!r.contains("*") && !r.contains("...")) {
            return Files.exists(root.resolve(r));
        }
        StringBuilder regex = new StringBuilder();
        for (String part : r.split("/")) {
            if (!regex.isEmpty()) {
                regex.append('/');
            }
            regex.append(part.equals("...") ? ".*" : Pattern.quote(part).replace("*", "\\E[^/]*\\Q"));
        }
        Pattern p = Pattern.compile(regex.toString() + "(/.*)?");
        return files.stream().anyMatch(f -> p.matcher(root.relativize(f).toString()).matches());
    }
}
