package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.PluginTree;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every Groovy pipeline the plugin's tests run calls only what a real Jenkins sandbox allows: methods, static methods
 * and constructors of script-security's generic-whitelist (upstream/generic-whitelist, script-security
 * 1373.vb_b_4a_a_c26fa_00 as bom-2.479.x 5043.v855ff4819a_0f pins it), and, without a receiver, the step and
 * {@code @Symbol} names of the plugins the tests run with ({@link PipelineSteps}), the script's own methods, or
 * whitelisted DefaultGroovyMethods. The sandbox (script-security's SandboxInterceptor) rejects any other call with
 * RejectedAccessException, so a test whose pipeline makes one can never pass in a real Jenkins.
 * Receiver types are not inferred: an instance call passes when some whitelisted class has a method of that name,
 * which is looser than the sandbox but still refuses names nothing whitelists (such as the GDK's
 * {@code encodeBase64}). Property reads are not checked: workflow-cps resolves {@code env.X} and {@code params.X}
 * dynamically.
 */
public final class SandboxWhitelistCheck implements ConformanceCheck {
    /** A class name has a lower-case letter ({@code URLEncoder}); {@code env.TOKEN} is a property. */
    private static final String CLASS_NAME = "[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*";
    private static final String QUALIFIED_CLASS = "([a-z][a-z0-9_]*\\.)+" + CLASS_NAME;
    /** workflow-cps's global variables: a dotted name starting with one is a property path, not a class. */
    private static final Set<String> GLOBALS = Set.of("env", "params", "currentBuild", "scm");

    @Override
    public List<String> findings(PluginTree plugin) throws IOException {
        SandboxWhitelist whitelist = SandboxWhitelist.load();
        Set<String> steps = new LinkedHashSet<>(PipelineSteps.upstream().keySet());
        steps.addAll(PipelineSteps.of(plugin.java()).keySet());
        List<String> out = new ArrayList<>();
        for (TestPipelines.Pipeline p : TestPipelines.of(plugin)) {
            if (p.script() == null) {
                out.add(p.where() + ": the pipeline is not a constant the check can read: write it as a literal or text block");
                continue;
            }
            out.addAll(check(p, whitelist, steps));
        }
        return out;
    }

    private static List<String> check(TestPipelines.Pipeline p, SandboxWhitelist whitelist, Set<String> steps) {
        ModuleNode module;
        try {
            CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
            SourceUnit source = unit.addSource("pipeline.groovy", p.script());
            unit.compile(Phases.CONVERSION);
            module = source.getAST();
        } catch (CompilationFailedException e) {
            return List.of(p.where() + ": the pipeline does not parse as Groovy: " + e.getMessage().lines().skip(1).findFirst().orElse(""));
        }
        Set<String> own = new LinkedHashSet<>();
        for (MethodNode m : module.getMethods()) {
            own.add(m.getName());
        }
        Set<String> out = new LinkedHashSet<>();
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                Expression receiver = call.getObjectExpression();
                if (name != null) {
                    if (call.isImplicitThis() || receiver instanceof VariableExpression v && v.isThisExpression()) {
                        if (!steps.contains(name) && !own.contains(name) && !whitelist.scriptMethod(name)) {
                            out.add(problem(p, call, name + "(...)", "is neither a step of the tests' plugins nor in the whitelist"));
                        }
                    } else {
                        String type = className(receiver);
                        if (type != null ? !whitelist.staticMethod(type, name) : !whitelist.instanceMethod(name)) {
                            out.add(problem(p, call, (type != null ? type : "") + "." + name + "(...)", "is not in script-security's generic-whitelist"));
                        }
                    }
                }
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                if (!whitelist.staticMethod(call.getOwnerType().getName(), call.getMethod())) {
                    out.add(problem(p, call, call.getOwnerType().getName() + "." + call.getMethod() + "(...)", "is not in script-security's generic-whitelist"));
                }
                super.visitStaticMethodCallExpression(call);
            }

            @Override
            public void visitConstructorCallExpression(ConstructorCallExpression call) {
                String type = call.getType().getName();
                if (!whitelist.constructor(type)) {
                    out.add(problem(p, call, "new " + type + "(...)", "is not in script-security's generic-whitelist"));
                }
                super.visitConstructorCallExpression(call);
            }
        };
        module.getStatementBlock().visit(visitor);
        for (MethodNode m : module.getMethods()) {
            m.getCode().visit(visitor);
        }
        for (ClassNode c : module.getClasses()) {
            if (!c.isScript()) {
                for (MethodNode m : c.getMethods()) {
                    if (m.getCode() != null) {
                        m.getCode().visit(visitor);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static String problem(TestPipelines.Pipeline p, Expression at, String call, String why) {
        return p.where() + " (pipeline line " + at.getLineNumber() + "): " + call + " " + why
                + ": the sandbox rejects it (RejectedAccessException); use a whitelisted method or a step";
    }

    /** The class a receiver names ({@code java.net.URLEncoder}, {@code URLEncoder}), or null for an object. */
    private static String className(Expression receiver) {
        if (receiver instanceof ClassExpression c) {
            return c.getType().getName();
        }
        String text = dotted(receiver);
        if (text == null || GLOBALS.contains(text.split("\\.")[0])) {
            return null;
        }
        return text.matches(QUALIFIED_CLASS) || text.matches(CLASS_NAME) ? text : null;
    }

    private static String dotted(Expression e) {
        if (e instanceof VariableExpression v) {
            return v.getName();
        }
        if (e instanceof PropertyExpression p && p.getPropertyAsString() != null) {
            String head = dotted(p.getObjectExpression());
            return head == null ? null : head + "." + p.getPropertyAsString();
        }
        return null;
    }

}
