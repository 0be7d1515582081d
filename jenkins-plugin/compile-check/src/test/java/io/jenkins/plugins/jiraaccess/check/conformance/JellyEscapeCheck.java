package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.JellyFile;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every Jelly file is well-formed XML and starts with {@code <?jelly escape-by-default='true'?>}, so that
 * {@code ${...}} output is HTML-escaped (without it a value such as a credential description is written raw: XSS).
 * Source: jenkinsci/jenkins-test-harness tag 2573.vd91b_8a_43e019 (commit d91b8a43e019bb2cb037b273f63ffdec50a0d60c,
 * the version jenkinsci/plugin-pom 6.2211.v27f680c93c53 pins),
 * src/main/java/org/jvnet/hudson/test/injected/InjectedTestBase.java, testParseJelly: parses each view with a
 * SAXReader and fails on "<?jelly escape-by-default='true'?> is missing"; maven-hpi-plugin 3.1814.v77d15159f9b_d
 * TestInsertionMojo injects that test into every plugin build with jelly.requirePI true by default.
 * We require the value {@code true}, not only the attribute: {@code 'false'} switches escaping off.
 */
public final class JellyEscapeCheck implements ConformanceCheck {
    private static final Pattern ESCAPE_ON = Pattern.compile("(^|\\s)escape-by-default\\s*=\\s*(['\"])true\\2");

    @Override
    public List<String> findings(PluginTree plugin) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path jelly : plugin.resourceFiles(".+\\.jelly")) {
            String where = plugin.rel(jelly);
            try {
                String pi = JellyFile.read(jelly).jellyInstruction();
                if (pi == null || !ESCAPE_ON.matcher(pi).find()) {
                    out.add(where + " does not escape by default: start it with <?jelly escape-by-default='true'?>");
                }
            } catch (JellyFile.Malformed e) {
                out.add(where + " is not well-formed XML (" + e.getMessage() + "): fix the markup");
            }
        }
        return out;
    }
}
