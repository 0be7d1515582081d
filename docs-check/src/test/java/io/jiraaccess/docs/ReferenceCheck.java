package io.jiraaccess.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Files, classes and endpoints a document names: links and repository paths must exist (build output: its module
 * must produce it), class names must be the project's code (a class renamed or removed leaves its name behind in
 * prose), and endpoints must be served: the daemon's admin API by a route, the plugin's {@code jira-access/...} by a
 * {@code do...} method of the action that answers to {@code jira-access}.
 */
final class ReferenceCheck {
    private static final Pattern PATH = Pattern.compile("^[\\w.-]+(?:/(?:[\\w.*-]+|\\.\\.\\.))+/?$");
    private static final Pattern CLASS = Pattern.compile(
            "^((?:[a-z]\\w*\\.)*)([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?:\\.([a-z]\\w*)(?:\\(\\))?)?$");
    /** A request to one of our own one-segment endpoints, written with its method ({@code GET /health}). */
    private static final Pattern ADMIN = Pattern.compile("^(?:GET|POST|PUT|DELETE|HEAD) (/[a-z][a-z-]*)(?:\\?.*)?$");
    private static final Pattern PLUGIN = Pattern.compile(
            "(?:<jenkins>|JENKINS_URL}?|^(?:(?:GET|POST) )?)/jira-access/([a-z][a-z-]*)");
    private static final Pattern URL_NAME = Pattern.compile(
            "getUrlName\\(\\)\\s*\\{\\s*return\\s+\"([^\"]+)\"");

    private final Repo repo;
    private final Set<String> topLevel;

    ReferenceCheck(Repo repo) {
        this.repo = repo;
        try (var s = Files.list(repo.root())) {
            this.topLevel = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<Finding> check(MarkdownDoc doc) {
        List<Finding> out = new ArrayList<>();
        Path dir = doc.file().getParent();
        for (MarkdownDoc.Link l : doc.links()) {
            String target = l.target();
            if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                continue;
            }
            String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            Path resolved = dir.resolve(file).normalize();
            if (resolved.startsWith(repo.root()) && !Files.exists(resolved)) {
                out.add(new Finding(doc.name(), l.line(), target, "links to a file that does not exist"));
            }
        }
        for (MarkdownDoc.Span s : doc.spans()) {
            String text = s.text().trim();
            if (PATH.matcher(text).matches() && topLevel.contains(text.split("/")[0])) {
                path(doc, s.line(), text, out);
            }
            Matcher c = CLASS.matcher(text);
            if (c.matches()) {
                type(doc, s.line(), text, c.group(1), c.group(2), c.group(3), out);
            }
        }
        for (MarkdownDoc.Located l : doc.codeLines()) {
            Matcher a = ADMIN.matcher(l.text().trim());
            if (a.matches()) {
                admin(doc, l.line(), a.group(1), out);
            }
            Matcher p = PLUGIN.matcher(l.text().trim());
            while (p.find()) {
                pluginEndpoint(doc, l.line(), p.group(1), out);
            }
        }
        return out;
    }

    private void path(MarkdownDoc doc, int line, String path, List<Finding> out) {
        if (repo.existsGlob(path)) {
            return;
        }
        int target = path.indexOf("/target/");
        if (target > 0) {
            // build or run output: its module's POM or code must name it
            String module = path.substring(0, target);
            String produced = path.substring(target + "/target/".length()).split("/")[0];
            if (produced.isEmpty() || repo.moduleNames(module, produced)) {
                return;
            }
            out.add(new Finding(doc.name(), line, path, "is produced by nothing in module " + module
                    + " (neither its pom.xml nor its code names " + produced + ")"));
            return;
        }
        if (!repo.ignored(path)) {
            out.add(new Finding(doc.name(), line, path, "does not exist in the repository"));
        }
    }

    private void type(MarkdownDoc doc, int line, String text, String pkg, String name, String member, List<Finding> out) {
        if (pkg.startsWith("io.jiraaccess.") || pkg.startsWith("io.jenkins.plugins.jiraaccess.")) {
            String file = pkg.replace('.', '/') + name + ".java";
            boolean exists = repo.named(name + ".java").stream().anyMatch(p -> p.toString().replace('\\', '/').endsWith(file));
            if (!exists) {
                out.add(new Finding(doc.name(), line, text, "names a class that does not exist (" + file + ")"));
            }
            return;
        }
        if (!pkg.isEmpty() || isJdkClass(name)) {
            return;
        }
        if (!repo.codeMentions(name) && !Libraries.hasClass(name)) {
            out.add(new Finding(doc.name(), line, text, "names a class neither the code nor its libraries have"));
            return;
        }
        List<Path> files = repo.named(name + ".java");
        if (member != null && !files.isEmpty()
                && files.stream().noneMatch(f -> repo.read(f).matches("(?s).*\\b" + Pattern.quote(member) + "\\b.*"))) {
            out.add(new Finding(doc.name(), line, text, "names a member " + name + " does not have"));
        }
    }

    /** A one-segment path asked with a method: an endpoint of the daemon's admin API or of the simulator. */
    private void admin(MarkdownDoc doc, int line, String path, List<Finding> out) {
        boolean routed = repo.named("admin.camel.yaml").stream().anyMatch(f -> repo.read(f).contains(":" + path + "\""))
                || mainSources("audit-daemon").contains("\"" + path + "\"")
                || mainSources("jira-sim").contains("\"" + path);
        if (!routed) {
            out.add(new Finding(doc.name(), line, path, "is not an endpoint of the daemon's admin API nor of the simulator"));
        }
    }

    private final java.util.Map<String, String> sources = new java.util.HashMap<>();

    private String mainSources(String module) {
        return sources.computeIfAbsent(module, m -> {
            StringBuilder all = new StringBuilder();
            try (var s = Files.walk(repo.root().resolve(m).resolve("src/main"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(p -> all.append(repo.read(p)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return all.toString();
        });
    }

    private static boolean isJdkClass(String simpleName) {
        for (String pkg : List.of("java.lang.", "java.util.", "java.io.", "java.nio.file.", "java.net.", "java.time.",
                "java.util.concurrent.", "java.net.http.")) {
            try {
                Class.forName(pkg + simpleName, false, ReferenceCheck.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return false;
    }

    private void pluginEndpoint(MarkdownDoc doc, int line, String name, List<Finding> out) {
        String method = "do" + Character.toUpperCase(name.charAt(0)) + name.substring(1).replaceAll("-(\\w)", "$1");
        boolean served = false;
        try (var s = Files.walk(repo.root().resolve("jenkins-plugin/src/main/java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String src = repo.read(p);
                Matcher u = URL_NAME.matcher(src);
                if (u.find() && u.group(1).equals("jira-access") && src.contains(" " + method + "(")) {
                    served = true;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!served) {
            out.add(new Finding(doc.name(), line, "jira-access/" + name,
                    "is not served by the plugin (no " + method + " on the action whose URL name is jira-access)"));
        }
    }
}
