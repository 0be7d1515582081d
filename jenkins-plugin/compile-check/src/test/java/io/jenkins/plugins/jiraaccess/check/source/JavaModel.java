package io.jenkins.plugins.jiraaccess.check.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.jenkins.plugins.jiraaccess.check.PluginSources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java sources as declarations, with just enough name resolution for the conformance checks: which type a name in
 * a source means (nested, imported, same package), and a type's supertypes across the plugin's own sources and the
 * API sources it compiles against (the compile-check stubs, faithful to upstream). No type inference beyond that.
 */
public final class JavaModel {
    private final Map<String, TypeDeclaration<?>> types = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Set<String> own = new LinkedHashSet<>();
    private final Map<String, List<String>> ancestries = new java.util.HashMap<>();

    private JavaModel() {
    }

    /** Parses every {@code .java} file under {@code ownRoots} (the code under check) and {@code apiRoots}. */
    public static JavaModel parse(List<Path> ownRoots, List<Path> apiRoots) throws IOException {
        JavaModel m = new JavaModel();
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (Path root : ownRoots) {
            m.add(parser, root, true);
        }
        for (Path root : apiRoots) {
            m.add(parser, root, false);
        }
        return m;
    }

    private void add(JavaParser parser, Path root, boolean ownCode) throws IOException {
        for (Path f : PluginSources.files(root, ".+\\.java")) {
            ParseResult<CompilationUnit> r = parser.parse(f);
            CompilationUnit cu = r.getResult().filter(x -> r.isSuccessful())
                    .orElseThrow(() -> new IllegalStateException(f + " does not parse: " + r.getProblems()));
            for (TypeDeclaration<?> t : cu.findAll(TypeDeclaration.class)) {
                String fqn = t.getFullyQualifiedName().orElse(null);
                if (fqn != null && !types.containsKey(fqn)) {
                    types.put(fqn, t);
                    files.put(fqn, f);
                    if (ownCode) {
                        own.add(fqn);
                    }
                }
            }
        }
    }

    /** Fully qualified names (nested types joined by dots) of every type in the code under check. */
    public Collection<String> ownTypes() {
        return own;
    }

    public boolean isOwn(String fqn) {
        return own.contains(fqn);
    }

    public Optional<TypeDeclaration<?>> type(String fqn) {
        return Optional.ofNullable(types.get(fqn));
    }

    public Path file(String fqn) {
        return files.get(fqn);
    }

    public static String fqn(TypeDeclaration<?> t) {
        return t.getFullyQualifiedName().orElseThrow();
    }

    /** The type declaration that encloses {@code node}, or null. */
    public static TypeDeclaration<?> enclosingType(Node node) {
        return node.findAncestor(TypeDeclaration.class).orElse(null);
    }

    /**
     * The fully qualified name {@code name} means where {@code context} uses it: a nested or inherited member type, a
     * single-type import, the same package, an on-demand import, or {@code java.lang}; the name itself when none is
     * known (a qualified name of a type outside both source sets stays as written).
     */
    public String resolve(TypeDeclaration<?> context, String name) {
        return resolve(context, name, new LinkedHashSet<>());
    }

    private String resolve(TypeDeclaration<?> context, String name, Set<String> visiting) {
        String raw = name.replaceAll("<.*>", "").trim();
        if (types.containsKey(raw)) {
            return raw;
        }
        int dot = raw.indexOf('.');
        if (dot > 0) {
            String head = resolve(context, raw.substring(0, dot), visiting);
            String candidate = head + raw.substring(dot);
            return types.containsKey(candidate) || !head.equals(raw.substring(0, dot)) ? candidate : raw;
        }
        for (Node n = context; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> t) {
                String member = memberType(t, raw, visiting);
                if (member != null) {
                    return member;
                }
            }
        }
        CompilationUnit cu = context.findCompilationUnit().orElseThrow();
        for (ImportDeclaration i : cu.getImports()) {
            if (!i.isAsterisk() && !i.isStatic() && i.getName().getIdentifier().equals(raw)) {
                return i.getNameAsString();
            }
        }
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        if (types.containsKey(pkg + raw)) {
            return pkg + raw;
        }
        for (ImportDeclaration i : cu.getImports()) {
            if (i.isAsterisk() && !i.isStatic() && types.containsKey(i.getNameAsString() + "." + raw)) {
                return i.getNameAsString() + "." + raw;
            }
        }
        return raw;
    }

    /** A member type named {@code simple} declared in {@code t} or inherited from one of its known supertypes. */
    private String memberType(TypeDeclaration<?> t, String simple, Set<String> visiting) {
        String fqn = fqn(t);
        if (!visiting.add(fqn)) {
            return null;
        }
        try {
            for (var member : t.getMembers()) {
                if (member instanceof TypeDeclaration<?> nested && nested.getNameAsString().equals(simple)) {
                    return fqn(nested);
                }
            }
            for (ClassOrInterfaceType s : declaredSupertypes(t)) {
                TypeDeclaration<?> st = types.get(resolve(t, s.getNameWithScope(), visiting));
                String found = st == null ? null : memberType(st, simple, visiting);
                if (found != null) {
                    return found;
                }
            }
            return null;
        } finally {
            visiting.remove(fqn);
        }
    }

    private static List<ClassOrInterfaceType> declaredSupertypes(TypeDeclaration<?> t) {
        List<ClassOrInterfaceType> out = new ArrayList<>();
        if (t instanceof ClassOrInterfaceDeclaration c) {
            out.addAll(c.getExtendedTypes());
            out.addAll(c.getImplementedTypes());
        } else if (t instanceof EnumDeclaration e) {
            out.addAll(e.getImplementedTypes());
        } else if (t instanceof RecordDeclaration r) {
            out.addAll(r.getImplementedTypes());
        }
        return out;
    }

    /** The direct supertypes of a known type, resolved. */
    public List<String> supertypes(String fqn) {
        TypeDeclaration<?> t = types.get(fqn);
        if (t == null) {
            return List.of();
        }
        return declaredSupertypes(t).stream().map(s -> resolve(t, s.getNameWithScope())).toList();
    }

    /** {@code fqn} and every supertype reachable from it through known types, nearest first. */
    public List<String> ancestry(String fqn) {
        List<String> known = ancestries.get(fqn);
        if (known == null) {
            known = computeAncestry(fqn);
            ancestries.put(fqn, known);
        }
        return known;
    }

    private List<String> computeAncestry(String fqn) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(fqn));
        while (!queue.isEmpty()) {
            String next = queue.removeFirst();
            if (seen.add(next)) {
                queue.addAll(supertypes(next));
            }
        }
        return List.copyOf(seen);
    }

    public boolean isSubtypeOf(String fqn, String supertype) {
        return ancestry(fqn).contains(supertype);
    }

    public boolean isAbstractOrInterface(String fqn) {
        TypeDeclaration<?> t = types.get(fqn);
        return t instanceof ClassOrInterfaceDeclaration c && (c.isInterface() || c.isAbstract());
    }

    /** Methods named {@code name} declared by {@code fqn} or the known types it inherits from, nearest first. */
    public List<MethodDeclaration> methods(String fqn, String name) {
        List<MethodDeclaration> out = new ArrayList<>();
        for (String a : ancestry(fqn)) {
            TypeDeclaration<?> t = types.get(a);
            if (t != null) {
                out.addAll(t.getMethodsByName(name));
            }
        }
        return out;
    }

    /**
     * The strings a no-argument method of {@code type} (or of the nearest class declaring it) returns: string
     * literals, conditionals of them, and final fields initialised with them; null returns are left out. Empty when
     * it returns anything else, or nothing is declared: the value cannot be known without running it.
     */
    public Optional<List<String>> returnedStrings(String type, String method) {
        for (MethodDeclaration m : methods(type, method)) {
            if (!m.getParameters().isEmpty() || m.getBody().isEmpty()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (ReturnStmt r : m.findAll(ReturnStmt.class)) {
                if (r.getExpression().isEmpty() || !literals(r.getExpression().get(), values)) {
                    return Optional.empty();
                }
            }
            return Optional.of(values);
        }
        return Optional.empty();
    }

    private boolean literals(Expression e, List<String> out) {
        if (e instanceof StringLiteralExpr s) {
            out.add(s.asString());
            return true;
        }
        if (e instanceof NullLiteralExpr) {
            return true;
        }
        if (e instanceof EnclosedExpr p) {
            return literals(p.getInner(), out);
        }
        if (e instanceof ConditionalExpr c) {
            return literals(c.getThenExpr(), out) && literals(c.getElseExpr(), out);
        }
        if (e instanceof NameExpr n) {
            for (String a : ancestry(fqn(enclosingType(e)))) {
                Optional<FieldDeclaration> f = type(a).flatMap(t -> t.getFieldByName(n.getNameAsString()));
                if (f.isPresent() && f.get().isFinal()) {
                    for (VariableDeclarator v : f.get().getVariables()) {
                        if (v.getNameAsString().equals(n.getNameAsString()) && v.getInitializer().isPresent()) {
                            return literals(v.getInitializer().get(), out);
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The string values of the annotation {@code annotationFqn} on {@code t} ({@code @Symbol("x")}, {@code @Symbol({"a", "b"})}). */
    public List<String> annotationStrings(TypeDeclaration<?> t, String annotationFqn) {
        List<String> out = new ArrayList<>();
        for (AnnotationExpr a : t.getAnnotations()) {
            if (resolve(t, a.getNameAsString()).equals(annotationFqn)) {
                a.findAll(StringLiteralExpr.class).forEach(s -> out.add(s.asString()));
            }
        }
        return out;
    }

    /** True when {@code node} carries an annotation that resolves to {@code annotationFqn}. */
    public boolean annotated(NodeWithAnnotations<?> node, TypeDeclaration<?> context, String annotationFqn) {
        for (AnnotationExpr a : node.getAnnotations()) {
            if (resolve(context, a.getNameAsString()).equals(annotationFqn)) {
                return true;
            }
        }
        return false;
    }
}
