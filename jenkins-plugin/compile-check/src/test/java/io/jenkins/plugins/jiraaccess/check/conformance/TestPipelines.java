package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
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
import java.util.List;

/**
 * The Groovy pipelines the plugin's tests run: the script given to every {@code new CpsFlowDefinition(script, ...)} in
 * {@code src/test/java} (a literal, a text block, a constant, or a concatenation of them), and every
 * {@code *.groovy} or {@code Jenkinsfile*} under {@code src/test/resources}.
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
        for (Path f : PluginSources.files(plugin.testJava(), ".+\\.java")) {
            ParseResult<CompilationUnit> r = parser.parse(f);
            CompilationUnit cu = r.getResult().filter(x -> r.isSuccessful())
                    .orElseThrow(() -> new IllegalStateException(f + " does not parse: " + r.getProblems()));
            for (ObjectCreationExpr create : cu.findAll(ObjectCreationExpr.class)) {
                if (create.getType().getNameAsString().equals(FLOW_DEFINITION) && !create.getArguments().isEmpty()) {
                    String where = plugin.rel(f) + ":" + create.getBegin().map(p -> p.line).orElse(0);
                    out.add(new Pipeline(where, constant(create.getArgument(0))));
                }
            }
        }
        for (Path f : PluginSources.files(plugin.dir().resolve("src/test/resources"), "(.+\\.groovy|Jenkinsfile.*)")) {
            out.add(new Pipeline(plugin.rel(f), Files.readString(f)));
        }
        return out;
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
