package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.ast.body.TypeDeclaration;
import io.jenkins.plugins.jiraaccess.check.source.JavaModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names a pipeline may call without a receiver besides whitelisted methods: step function names (a
 * {@code StepDescriptor}'s {@code getFunctionName()}) and {@code @Symbol} names (describables given as step
 * arguments, e.g. {@code withCredentials([jiraAuth(...)])}), both resolved by workflow-cps's DSL. The upstream ones come
 * from upstream/pipeline-steps.txt, derived by {@link #main} from the plugins the plugin's tests run with, at the
 * versions bom-2.479.x pins; the plugin's own are read from its sources.
 */
public final class PipelineSteps {
    static final String RESOURCE = "/upstream/pipeline-steps.txt";
    static final String STEP_DESCRIPTOR = "org.jenkinsci.plugins.workflow.steps.StepDescriptor";
    static final String SYMBOL = "org.jenkinsci.Symbol";

    private PipelineSteps() {
    }

    /** usage: PipelineSteps JAVA_ROOT... (workflow-step-api's among them, so descriptors resolve): prints name TAB claimant. */
    public static void main(String[] args) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (String a : args) {
            roots.add(Path.of(a));
        }
        of(JavaModel.parse(roots, List.of())).forEach((name, claimant) -> System.out.println(name + "\t" + claimant));
    }

    /** Step function names and symbols declared in {@code java}'s own code, each with the class declaring it. */
    static Map<String, String> of(JavaModel java) {
        Map<String, String> out = new TreeMap<>();
        for (String type : java.ownTypes()) {
            TypeDeclaration<?> t = java.type(type).orElseThrow();
            for (String symbol : java.annotationStrings(t, SYMBOL)) {
                out.putIfAbsent(symbol, type + " @Symbol");
            }
            if (!java.isAbstractOrInterface(type) && java.isSubtypeOf(type, STEP_DESCRIPTOR)) {
                for (String function : java.returnedStrings(type, "getFunctionName").orElse(List.of())) {
                    out.putIfAbsent(function, type + " step");
                }
            }
        }
        return out;
    }

    /** The upstream list: name to claimant. */
    static Map<String, String> upstream() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = PipelineSteps.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the test resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] p = line.split("\t", 2);
                    out.put(p[0], p[1]);
                }
            }
        }
        return out;
    }
}
