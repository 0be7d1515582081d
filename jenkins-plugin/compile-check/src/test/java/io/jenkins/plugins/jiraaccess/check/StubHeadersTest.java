package io.jenkins.plugins.jiraaccess.check;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every stub names the upstream artifact, version, tag, commit and file it mirrors, and has no behaviour: its
 * methods only throw. Whether its signatures match upstream is checked by stubcheck.sh, which needs the mirrors.
 */
class StubHeadersTest {
    private static final Pattern HEADER = Pattern.compile(
            "(?s)^/\\*\\n \\* Signature stub.*? \\* Mirrors (\\S+:\\S+:\\S+).*?,\\n \\* ((?:jenkinsci|HtmlUnit)/\\S+) tag (\\S+) \\(commit ([0-9a-f]{40})\\),\\n \\* (\\S+)\\.java\\.\\n");

    @Test
    void everyStubNamesTheArtifactTagCommitAndPathItMirrors() throws Exception {
        Path stubs = PluginSources.pluginDir().resolve("compile-check/src/stubs");
        List<String> problems = new ArrayList<>();
        int count = 0;
        try (Stream<Path> s = Files.walk(stubs)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                count++;
                String text = Files.readString(p);
                Matcher m = HEADER.matcher(text);
                String rel = stubs.relativize(p).toString().replaceFirst("^(jenkins|libraries|test-harness)/", "").replaceFirst("\\.java$", "");
                if (!m.find()) {
                    problems.add(p + ": no header naming artifact, tag, commit and path");
                } else if (!m.group(5).endsWith(rel)) {
                    problems.add(p + ": header names " + m.group(5) + ", not this file's path");
                }
                String body = text.replaceAll("(?s)/\\*.*?\\*/", "");
                Matcher statements = Pattern.compile("\\{\\s*([^{}]*?)\\s*}").matcher(body);
                while (statements.find()) {
                    String stmt = statements.group(1).trim();
                    String rest = stmt.replace("throw new UnsupportedOperationException(\"stub\");", "")
                            .replace("super(context);", "");
                    if (rest.matches("(?s).*\\b(return|new|this|if|for|while)\\b.*")) {
                        problems.add(p + ": has behaviour: " + stmt);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(132, count);
    }
}
