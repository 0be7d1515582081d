package io.jiraaccess.docs;

import io.jiraaccess.core.cli.CliIo;
import io.jiraaccess.core.cli.JiraAccessCli;
import io.jiraaccess.daemon.cli.DaemonCli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line as its own {@code --help} describes it: for each command path (e.g. {@code ""}, {@code "oauth"},
 * {@code "oauth authorize"}) its options and its subcommands. Read from the running CLI, so a document is held
 * against what the program answers, not against a list kept beside it.
 */
final class CliSurface {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[A-Za-z][\\w-]*)");
    private static final Pattern COMMAND_LINE = Pattern.compile("^ {2}([a-z][\\w-]*)(?:,\\s*[\\w-]+)*(?:\\s{2,}.*)?$");

    private final String name;
    private final Map<String, Set<String>> options = new TreeMap<>();
    private final Map<String, Set<String>> subcommands = new TreeMap<>();

    private CliSurface(String name, Function<List<String>, String> help) {
        this.name = name;
        explore(List.of(), help);
    }

    String name() {
        return name;
    }

    /** The daemon's command line ({@code java -jar audit-daemon.jar}). */
    static CliSurface daemon() {
        return new CliSurface("audit-daemon.jar", args -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            DaemonCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
            return out + "\n" + err;
        });
    }

    /** The {@code jira-access} CLI ({@code java -jar jira-access-cli.jar}). */
    static CliSurface jiraAccess() {
        return new CliSurface("jira-access", args -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of());
            JiraAccessCli.run(io, args.toArray(String[]::new));
            return out.toString(StandardCharsets.UTF_8) + "\n" + err.toString(StandardCharsets.UTF_8);
        });
    }

    private void explore(List<String> path, Function<List<String>, String> help) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        String text = help.apply(args);
        String key = String.join(" ", path);
        Set<String> opts = new LinkedHashSet<>();
        Set<String> subs = new LinkedHashSet<>();
        boolean inCommands = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
                continue;
            }
            if (inCommands) {
                Matcher m = COMMAND_LINE.matcher(line);
                if (m.matches()) {
                    subs.add(m.group(1));
                    continue;
                }
                if (line.isBlank() || !line.startsWith(" ")) {
                    inCommands = false;
                }
                continue;
            }
            Matcher o = OPTION.matcher(line);
            while (o.find()) {
                opts.add(o.group(1));
            }
        }
        options.put(key, opts);
        subcommands.put(key, subs);
        for (String s : subs) {
            List<String> child = new ArrayList<>(path);
            child.add(s);
            explore(child, help);
        }
    }

    boolean hasCommand(String path) {
        return options.containsKey(path);
    }

    Set<String> subcommands(String path) {
        return subcommands.getOrDefault(path, Set.of());
    }

    Set<String> options(String path) {
        return options.getOrDefault(path, Set.of());
    }

    /** Every command path, for a document row that starts with a subcommand's name. */
    Set<String> commands() {
        return options.keySet();
    }
}
