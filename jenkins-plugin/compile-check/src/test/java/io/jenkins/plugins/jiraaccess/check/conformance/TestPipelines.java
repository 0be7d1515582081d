package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import io.jenkins.plugins.jiraaccess.check.PluginSources;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Groovy pipelines the plugin's tests run: the script given to every {@code new CpsFlowDefinition(script, ...)} in
 * {@code src/test/java} (a literal, a text block, a constant, or a concatenation of them; when it is a parameter of a
 * helper method, the script of every call of that helper), and every {@code *.groovy} or {@code Jenkinsfile*} under
 * {@code src/test/resources}.
 */
final class TestPipelines {
    static final String FLOW_DEFINITION = "CpsFlowDefinition";

    /** A pipeline and where it is; {@code script} is null when the source does not spell it out. */
    record Pipeline(String where, String script) {
    }

    private TestPipelines() {
    }

    static List<Pipeline> of(PluginTree plugin) throws IOException {
        List<Pipeline> out = new ArrayList<>();
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        Map<CompilationUnit, Path> units = new LinkedHashMap<>();
        for (Path f : PluginSources.files(plugin.testJava(), ".+\\.java")) {
            ParseResult<CompilationUnit> r = parser.parse(f);
            units.put(r.getResult().filter(x -> r.isSuccessful())
                    .orElseThrow(() -> new IllegalStateException(f + " does not parse: " + r.getProblems())), f);
        }
        for (Map.Entry<CompilationUnit, Path> u : units.entrySet()) {
            for (ObjectCreationExpr create : u.getKey().findAll(ObjectCreationExpr.class)) {
                if (create.getType().getNameAsString().equals(FLOW_DEFINITION) && !create.getArguments().isEmpty()) {
                    scripts(plugin, units, u.getValue(), create.getArgument(0), 0, out);
                }
            }
        }
        for (Path f : PluginSources.files(plugin.dir().resolve("src/test/resources"), "(.+\\.groovy|Jenkinsfile.*)")) {
            out.add(new Pipeline(plugin.rel(f), Files.readString(f)));
        }
        return out;
    }

    /**
     * The scripts {@code e} can be: a constant, or, when it names a parameter of the method it stands in, the
     * argument at that position of every call of a method of that name and arity in the tests (followed a few deep).
     */
    private static void scripts(PluginTree plugin, Map<CompilationUnit, Path> units, Path file, Expression e, int depth,
                                List<Pipeline> out) {
        String where = plugin.rel(file) + ":" + e.getBegin().map(p -> p.line).orElse(0);
        String constant = constant(e);
        if (constant != null || depth > 3 || !(e instanceof NameExpr n)) {
            out.add(new Pipeline(where, constant));
            return;
        }
        MethodDeclaration method = e.findAncestor(MethodDeclaration.class).orElse(null);
        int index = method == null ? -1 : parameterIndex(method, n.getNameAsString());
        if (index < 0) {
            out.add(new Pipeline(where, null));
            return;
        }
        int before = out.size();
        for (Map.Entry<CompilationUnit, Path> u : units.entrySet()) {
            for (MethodCallExpr call : u.getKey().findAll(MethodCallExpr.class)) {
                if (call.getNameAsString().equals(method.getNameAsString())
                        && call.getArguments().size() == method.getParameters().size()) {
                    scripts(plugin, units, u.getValue(), call.getArgument(index), depth + 1, out);
                }
            }
        }
        if (out.size() == before) {
            // a helper nobody calls runs no pipeline, but its script cannot be read either
            out.add(new Pipeline(where, null));
        }
    }

    private static int parameterIndex(MethodDeclaration method, String name) {
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (method.getParameter(i).getNameAsString().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The string a constant expression spells, or null. */
    private static String constant(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return t.asString();
        }
        if (e instanceof EnclosedExpr p) {
            return constant(p.getInner());
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            String l = constant(b.getLeft());
            String r = constant(b.getRight());
            return l == null || r == null ? null : l + r;
        }
        if (e instanceof NameExpr n) {
            for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
                for (VariableDeclarator v : p.findAll(VariableDeclarator.class)) {
                    if (v.getNameAsString().equals(n.getNameAsString()) && v.getInitializer().isPresent()) {
                        return constant(v.getInitializer().get());
                    }
                }
            }
        }
        return null;
    }
}
