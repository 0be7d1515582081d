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
 * Commands and options a document shows: the daemon's and the {@code jira-access} CLI's (held against their own
 * {@code --help}), the benchmarks' and the simulator's mains (held against the option literals of their source), and
 * the Maven wrapper's {@code -P} profiles and {@code -pl} modules (held against the POMs).
 */
final class CommandCheck {
    private static final Pattern DAEMON = Pattern.compile("audit-daemon(?:/target/audit-daemon)?\\.jar\\b(.*)");
    private static final Pattern CLI_JAR = Pattern.compile("jira-access-cli\\.jar\\b(.*)");
    private static final Pattern CLI_NAME = Pattern.compile("^jira-access\\s+([a-z].*)");
    private static final Pattern BENCH = Pattern.compile("\\bio\\.jiraaccess\\.bench\\.(\\w+)(.*)");
    private static final Pattern SIM = Pattern.compile("jira-sim(?:/target/jira-sim)?\\.jar\\b(.*)");
    private static final Pattern MAVEN = Pattern.compile("\\./mvnw\\b(.*)");
    private static final Pattern PROFILE = Pattern.compile("(?<!\\S)-P([\\w,!-]+)");
    private static final Pattern MODULES = Pattern.compile("(?<!\\S)-pl\\s+([\\w/,:.-]+)");
    private static final Pattern LITERAL_OPTION = Pattern.compile("\"(--[\\w-]+)\"");

    private final Repo repo;
    private final List<CliSurface> clis;

    CommandCheck(Repo repo, List<CliSurface> clis) {
        this.repo = repo;
        this.clis = clis;
    }

    List<Finding> check(MarkdownDoc doc) {
        List<Finding> out = new ArrayList<>();
        for (MarkdownDoc.Located l : doc.codeLines()) {
            String text = l.text();
            Matcher m;
            boolean matched = false;
            if ((m = DAEMON.matcher(text)).find()) {
                matched = true;
                invocation(doc, l.line(), cli("audit-daemon.jar"), m.group(1), out);
            }
            if ((m = CLI_JAR.matcher(text)).find() || (m = CLI_NAME.matcher(text.trim())).find()) {
                matched = true;
                invocation(doc, l.line(), cli("jira-access"), m.group(1), out);
            }
            if ((m = BENCH.matcher(text)).find()) {
                matched = true;
                sourceOptions(doc, l.line(), "benchmarks/src/main/java/io/jiraaccess/bench/" + m.group(1) + ".java",
                        m.group(1), m.group(2), out);
            }
            if ((m = SIM.matcher(text)).find()) {
                matched = true;
                sourceOptions(doc, l.line(), "jira-sim/src/main/java/io/jiraaccess/sim/SimMain.java", "jira-sim.jar",
                        m.group(1), out);
            }
            if ((m = MAVEN.matcher(text)).find()) {
                matched = true;
                maven(doc, l.line(), m.group(1), out);
            }
            if (!matched) {
                row(doc, l.line(), text, out);
            }
        }
        return out;
    }

    private CliSurface cli(String name) {
        return clis.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** A table row such as {@code request --credential FILE [--path P]}: a subcommand of exactly one CLI, then options. */
    private void row(MarkdownDoc doc, int line, String text, List<Finding> out) {
        String first = text.trim().split("\\s+")[0];
        if (!text.contains("--")) {
            return;
        }
        List<CliSurface> owners = clis.stream().filter(c -> c.subcommands("").contains(first)).toList();
        if (owners.size() == 1) {
            invocation(doc, line, owners.get(0), text, out);
        }
    }

    private void invocation(MarkdownDoc doc, int line, CliSurface cli, String rest, List<Finding> out) {
        List<String> tokens = tokens(rest);
        String path = "";
        int i = 0;
        for (; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("-") || cli.subcommands(path).isEmpty()) {
                break;
            }
            String next = path.isEmpty() ? t : path + " " + t;
            if (!cli.hasCommand(next)) {
                if (t.matches("[a-z][a-z-]*")) {
                    out.add(new Finding(doc.name(), line, cli.name() + " " + next,
                            "is not a command of " + cli.name() + " (its --help lists: "
                                    + String.join(", ", cli.subcommands(path)) + ")"));
                }
                return;
            }
            path = next;
        }
        for (; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("--")) {
                String option = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                if (!cli.options(path).contains(option)) {
                    out.add(new Finding(doc.name(), line, (cli.name() + " " + path + " " + option).replace("  ", " "),
                            "is not an option of that command (its --help lists: "
                                    + String.join(", ", cli.options(path)) + ")"));
                }
            }
        }
    }

    private void sourceOptions(MarkdownDoc doc, int line, String source, String named, String rest, List<Finding> out) {
        Path file = repo.root().resolve(source);
        if (!Files.exists(file)) {
            out.add(new Finding(doc.name(), line, named, "has no main class (" + source + " does not exist)"));
            return;
        }
        Set<String> known = LITERAL_OPTION.matcher(repo.read(file)).results().map(r -> r.group(1))
                .collect(Collectors.toSet());
        for (String t : tokens(rest)) {
            if (t.startsWith("--")) {
                String option = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                if (!known.contains(option)) {
                    out.add(new Finding(doc.name(), line, named + " " + option,
                            "is not an option " + source + " reads (it reads: " + known + ")"));
                }
            }
        }
    }

    private void maven(MarkdownDoc doc, int line, String rest, List<Finding> out) {
        String cut = rest.split("&&|;|\\|")[0];
        Matcher p = PROFILE.matcher(cut);
        while (p.find()) {
            for (String profile : p.group(1).split(",")) {
                String id = profile.replace("!", "");
                boolean declared = repo.named("pom.xml").stream()
                        .anyMatch(pom -> repo.read(pom).matches("(?s).*<profile>\\s*<id>" + Pattern.quote(id) + "</id>.*"));
                if (!declared) {
                    out.add(new Finding(doc.name(), line, "-P" + id, "is not a profile of any pom.xml"));
                }
            }
        }
        Matcher pl = MODULES.matcher(cut);
        while (pl.find()) {
            for (String module : pl.group(1).split(",")) {
                boolean exists = module.startsWith(":")
                        ? repo.named("pom.xml").stream().anyMatch(pom -> repo.read(pom)
                                .contains("<artifactId>" + module.substring(1) + "</artifactId>"))
                        : Files.exists(repo.root().resolve(module).resolve("pom.xml"));
                if (!exists) {
                    out.add(new Finding(doc.name(), line, "-pl " + module, "is not a module of the build"));
                }
            }
        }
    }

    /**
     * The words of a command line up to where the command ends: a shell separator, a closing {@code $( )}, a
     * comment, or a pipe into another command. A bar followed by an option is a usage line's "or".
     */
    static List<String> tokens(String rest) {
        String[] raw = rest.trim().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String t = raw[i];
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("&&") || t.equals("||") || t.equals(";") || t.startsWith("#") || t.equals(">")
                    || t.startsWith("2>")) {
                break;
            }
            if (t.equals("|")) {
                if (i + 1 < raw.length && raw[i + 1].replace("[", "").startsWith("-")) {
                    continue;
                }
                break;
            }
            boolean closes = t.contains(")") && !t.contains("(");
            String clean = t.replaceAll("[\\[\\]()\"'`]", "");
            if (!clean.isEmpty()) {
                out.add(clean);
            }
            if (closes || t.endsWith(";")) {
                break;
            }
        }
        return out;
    }
}
