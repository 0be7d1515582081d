package io.jenkins.plugins.jiraaccess.check.stubcheck;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Holds signature stubs against the real upstream sources: every type, constructor, method, field and enum constant a
 * stub declares must exist upstream with the same kind, supertypes, name, parameter types, return or field type, and
 * the same effective modifiers where they change what compiles against it: visibility, {@code static},
 * {@code abstract}, {@code final} (of types, methods, fields), and the {@code throws} clause. Types are compared by
 * simple name with generics erased. Modifiers are compared as the language applies them, not as written: interface
 * members are public, interface methods without a body abstract, interface fields static final, nested interfaces,
 * enums and records static, methods of final classes final.
 * <p>Self-contained (javaparser only), so it runs as a source-file program:
 * {@code java -cp javaparser-core.jar StubCheck.java STUB_ROOT UPSTREAM_ROOT...} (see stubcheck.sh), and as a
 * library through {@link #check}.
 */
public final class StubCheck {
    private final JavaParser parser = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private final List<Path> upstreamRoots;
    private final Map<String, Optional<TypeDeclaration<?>>> cache = new HashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private int types;
    private int members;

    /** What a run found: how many stub types and members it compared, and each mismatch, one line each. */
    public record Result(int types, int members, List<String> mismatches) {
    }

    private StubCheck(List<Path> upstreamRoots) {
        this.upstreamRoots = upstreamRoots;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: StubCheck STUB_ROOT UPSTREAM_ROOT...");
            System.exit(2);
        }
        List<Path> upstream = Stream.of(args).skip(1).map(Path::of).toList();
        Result r = check(Path.of(args[0]), upstream);
        r.mismatches().forEach(m -> System.out.println("MISMATCH " + m));
        System.out.printf("stub types %d, members %d, problems %d%n", r.types(), r.members(), r.mismatches().size());
        System.exit(r.mismatches().isEmpty() ? 0 : 1);
    }

    /** Compares every {@code .java} file under {@code stubRoot} with the same type under one of {@code upstreamRoots}. */
    public static Result check(Path stubRoot, List<Path> upstreamRoots) throws IOException {
        StubCheck c = new StubCheck(upstreamRoots);
        List<Path> stubs;
        try (Stream<Path> s = Files.walk(stubRoot)) {
            stubs = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path p : stubs) {
            Optional<CompilationUnit> cu = c.parse(p);
            if (cu.isEmpty()) {
                c.report(stubRoot.relativize(p) + ": does not parse");
                continue;
            }
            String pkg = cu.get().getPackageDeclaration().map(d -> d.getNameAsString()).orElse("");
            for (TypeDeclaration<?> t : cu.get().getTypes()) {
                c.checkType(pkg, List.of(t.getNameAsString()), t);
            }
        }
        return new Result(c.types, c.members, List.copyOf(c.mismatches));
    }

    private Optional<CompilationUnit> parse(Path p) throws IOException {
        ParseResult<CompilationUnit> r = parser.parse(p);
        return r.isSuccessful() ? r.getResult() : Optional.empty();
    }

    private void checkType(String pkg, List<String> names, TypeDeclaration<?> stub) throws IOException {
        types++;
        String fqn = pkg + "." + String.join(".", names);
        Optional<TypeDeclaration<?>> found = upstream(pkg, names);
        if (found.isEmpty()) {
            report(fqn + ": no such type upstream");
            return;
        }
        TypeDeclaration<?> up = found.get();
        if (!kind(stub).equals(kind(up))) {
            report(fqn + ": is " + article(kind(stub)) + " here, " + article(kind(up)) + " upstream");
        }
        Set<String> upSupers = supers(up);
        for (String s : supers(stub)) {
            if (!upSupers.contains(s)) {
                report(fqn + ": supertype " + s + " not upstream (upstream: " + upSupers + ")");
            }
        }
        compareModifiers(fqn, typeModifiers(stub), typeModifiers(up));
        for (BodyDeclaration<?> m : stub.getMembers()) {
            if (m instanceof MethodDeclaration md) {
                members++;
                String sig = fqn + "." + md.getNameAsString() + params(md.getParameters());
                Optional<MethodDeclaration> x = up.getMethodsByName(md.getNameAsString()).stream()
                        .filter(u -> params(u.getParameters()).equals(params(md.getParameters()))).findFirst();
                if (x.isEmpty()) {
                    report(sig + ": no such method upstream");
                    continue;
                }
                if (!erase(x.get().getType()).equals(erase(md.getType()))) {
                    report(sig + ": returns " + erase(md.getType()) + " here, " + erase(x.get().getType()) + " upstream");
                }
                compareModifiers(sig, methodModifiers(md, stub), methodModifiers(x.get(), up));
                compareThrows(sig, md.getThrownExceptions(), x.get().getThrownExceptions());
            } else if (m instanceof AnnotationMemberDeclaration am) {
                members++;
                String sig = fqn + "." + am.getNameAsString() + "()";
                Optional<AnnotationMemberDeclaration> x = up.getMembers().stream()
                        .filter(b -> b instanceof AnnotationMemberDeclaration a && a.getNameAsString().equals(am.getNameAsString()))
                        .map(b -> (AnnotationMemberDeclaration) b).findFirst();
                if (x.isEmpty()) {
                    report(sig + ": no such annotation element upstream");
                } else if (!erase(x.get().getType()).equals(erase(am.getType()))) {
                    report(sig + ": returns " + erase(am.getType()) + " here, " + erase(x.get().getType()) + " upstream");
                } else if (am.getDefaultValue().isPresent() != x.get().getDefaultValue().isPresent()) {
                    report(sig + ": " + (am.getDefaultValue().isPresent() ? "has a default here, none upstream" : "has no default here, one upstream"));
                }
            } else if (m instanceof ConstructorDeclaration cd) {
                members++;
                String sig = fqn + ".<init>" + params(cd.getParameters());
                Optional<ConstructorDeclaration> x = up.getConstructors().stream()
                        .filter(u -> params(u.getParameters()).equals(params(cd.getParameters()))).findFirst();
                if (x.isEmpty()) {
                    if (!(up instanceof RecordDeclaration)) {
                        report(sig + ": no such constructor upstream");
                    }
                    continue;
                }
                compareModifiers(sig, constructorModifiers(cd, stub), constructorModifiers(x.get(), up));
                compareThrows(sig, cd.getThrownExceptions(), x.get().getThrownExceptions());
            } else if (m instanceof FieldDeclaration fd) {
                for (VariableDeclarator v : fd.getVariables()) {
                    members++;
                    String sig = fqn + "." + v.getNameAsString();
                    Optional<FieldDeclaration> uf = up.getFieldByName(v.getNameAsString());
                    if (uf.isEmpty()) {
                        report(sig + ": no such field upstream");
                        continue;
                    }
                    Type upType = uf.get().getVariables().stream().filter(u -> u.getNameAsString().equals(v.getNameAsString()))
                            .findFirst().orElseThrow().getType();
                    if (!erase(upType).equals(erase(v.getType()))) {
                        report(sig + ": type " + erase(v.getType()) + " here, " + erase(upType) + " upstream");
                    }
                    compareModifiers(sig, fieldModifiers(fd, stub), fieldModifiers(uf.get(), up));
                }
            } else if (m instanceof TypeDeclaration<?> nested) {
                List<String> n2 = new ArrayList<>(names);
                n2.add(nested.getNameAsString());
                checkType(pkg, n2, nested);
            }
        }
        if (stub instanceof EnumDeclaration se) {
            for (EnumConstantDeclaration ec : se.getEntries()) {
                members++;
                if (up instanceof EnumDeclaration ue && ue.getEntries().stream().noneMatch(e -> e.getNameAsString().equals(ec.getNameAsString()))) {
                    report(fqn + "." + ec.getNameAsString() + ": no such enum constant upstream");
                }
            }
        }
    }

    /** The effective modifiers that decide what compiles against a declaration. */
    record Modifiers(String visibility, boolean isStatic, boolean isAbstract, boolean isFinal) {
    }

    private void compareModifiers(String what, Modifiers here, Modifiers upstream) {
        if (!here.visibility().equals(upstream.visibility())) {
            report(what + ": " + here.visibility() + " here, " + upstream.visibility() + " upstream");
        }
        if (here.isStatic() != upstream.isStatic()) {
            report(what + ": " + word(here.isStatic(), "static", "not static") + " here, " + word(upstream.isStatic(), "static", "not static") + " upstream");
        }
        if (here.isAbstract() != upstream.isAbstract()) {
            report(what + ": " + word(here.isAbstract(), "abstract", "not abstract") + " here, " + word(upstream.isAbstract(), "abstract", "not abstract") + " upstream");
        }
        if (here.isFinal() != upstream.isFinal()) {
            report(what + ": " + word(here.isFinal(), "final", "not final") + " here, " + word(upstream.isFinal(), "final", "not final") + " upstream");
        }
    }

    private void compareThrows(String what, NodeList<ReferenceType> here, NodeList<ReferenceType> upstream) {
        Set<String> h = here.stream().map(StubCheck::erase).collect(Collectors.toCollection(TreeSet::new));
        Set<String> u = upstream.stream().map(StubCheck::erase).collect(Collectors.toCollection(TreeSet::new));
        if (!h.equals(u)) {
            report(what + ": throws " + h + " here, " + u + " upstream");
        }
    }

    private static String article(String kind) {
        return (kind.matches("[aeiou].*") ? "an " : "a ") + kind;
    }

    private static String word(boolean b, String yes, String no) {
        return b ? yes : no;
    }

    private static boolean inInterface(TypeDeclaration<?> owner) {
        return owner instanceof ClassOrInterfaceDeclaration c && c.isInterface() || owner instanceof AnnotationDeclaration;
    }

    private static String visibility(NodeWithModifiers<?> n, TypeDeclaration<?> owner) {
        if (n.hasModifier(Modifier.Keyword.PUBLIC)) {
            return "public";
        }
        if (n.hasModifier(Modifier.Keyword.PROTECTED)) {
            return "protected";
        }
        if (n.hasModifier(Modifier.Keyword.PRIVATE)) {
            return "private";
        }
        return owner != null && inInterface(owner) ? "public" : "package-private";
    }

    private static Modifiers typeModifiers(TypeDeclaration<?> t) {
        TypeDeclaration<?> owner = t.getParentNode().filter(p -> p instanceof TypeDeclaration<?>).map(p -> (TypeDeclaration<?>) p).orElse(null);
        boolean implicitlyStatic = owner != null && (inInterface(owner) || !(t instanceof ClassOrInterfaceDeclaration c && !c.isInterface()));
        boolean isAbstract = t.hasModifier(Modifier.Keyword.ABSTRACT) || t instanceof ClassOrInterfaceDeclaration c && c.isInterface()
                || t instanceof AnnotationDeclaration;
        boolean isFinal = t.hasModifier(Modifier.Keyword.FINAL) || t instanceof RecordDeclaration;
        return new Modifiers(visibility(t, owner), t.hasModifier(Modifier.Keyword.STATIC) || implicitlyStatic, isAbstract, isFinal);
    }

    private static Modifiers methodModifiers(MethodDeclaration m, TypeDeclaration<?> owner) {
        boolean isStatic = m.isStatic();
        boolean isAbstract = m.isAbstract() || inInterface(owner) && m.getBody().isEmpty() && !isStatic && !m.isPrivate();
        boolean ownerFinal = owner.hasModifier(Modifier.Keyword.FINAL) || owner instanceof RecordDeclaration;
        boolean isFinal = m.isFinal() || ownerFinal && !isStatic || m.isPrivate();
        return new Modifiers(visibility(m, owner), isStatic, isAbstract, isFinal);
    }

    private static Modifiers constructorModifiers(ConstructorDeclaration c, TypeDeclaration<?> owner) {
        String v = owner instanceof EnumDeclaration ? "private" : visibility(c, owner);
        return new Modifiers(v, false, false, false);
    }

    private static Modifiers fieldModifiers(FieldDeclaration f, TypeDeclaration<?> owner) {
        boolean implicit = inInterface(owner);
        return new Modifiers(visibility(f, owner), f.isStatic() || implicit, false, f.isFinal() || implicit);
    }

    private Optional<TypeDeclaration<?>> upstream(String pkg, List<String> names) throws IOException {
        String key = pkg + "." + String.join(".", names);
        if (cache.containsKey(key)) {
            return cache.get(key);
        }
        Optional<TypeDeclaration<?>> found = Optional.empty();
        String rel = pkg.replace('.', '/') + "/" + names.get(0) + ".java";
        for (Path root : upstreamRoots) {
            Optional<Path> f;
            try (Stream<Path> s = Files.walk(root)) {
                f = s.filter(p -> p.toString().endsWith("/" + rel)).findFirst();
            }
            Optional<CompilationUnit> cu = f.isEmpty() ? Optional.empty() : parse(f.get());
            if (cu.isEmpty()) {
                continue;
            }
            Optional<TypeDeclaration<?>> t = cu.get().getTypes().stream().filter(x -> x.getNameAsString().equals(names.get(0)))
                    .findFirst().map(x -> (TypeDeclaration<?>) x);
            for (int i = 1; i < names.size() && t.isPresent(); i++) {
                String n = names.get(i);
                t = t.get().getMembers().stream().filter(b -> b instanceof TypeDeclaration<?> td && td.getNameAsString().equals(n))
                        .findFirst().map(b -> (TypeDeclaration<?>) b);
            }
            if (t.isPresent()) {
                found = t;
                break;
            }
        }
        cache.put(key, found);
        return found;
    }

    private static String kind(TypeDeclaration<?> t) {
        if (t instanceof ClassOrInterfaceDeclaration c) {
            return c.isInterface() ? "interface" : "class";
        }
        if (t instanceof EnumDeclaration) {
            return "enum";
        }
        if (t instanceof AnnotationDeclaration) {
            return "annotation";
        }
        if (t instanceof RecordDeclaration) {
            return "record";
        }
        return "type";
    }

    private static Set<String> supers(TypeDeclaration<?> t) {
        Set<String> s = new TreeSet<>();
        List<ClassOrInterfaceType> all = new ArrayList<>();
        if (t instanceof ClassOrInterfaceDeclaration c) {
            all.addAll(c.getExtendedTypes());
            all.addAll(c.getImplementedTypes());
        } else if (t instanceof EnumDeclaration e) {
            all.addAll(e.getImplementedTypes());
        } else if (t instanceof RecordDeclaration r) {
            all.addAll(r.getImplementedTypes());
        }
        all.forEach(x -> s.add(x.getNameAsString()));
        return s;
    }

    private static String params(List<Parameter> ps) {
        return ps.stream().map(p -> erase(p.getType()) + (p.isVarArgs() ? "..." : "")).collect(Collectors.joining(",", "(", ")"));
    }

    /** A type by simple name, generics and annotations removed: {@code java.util.List<@NonNull String>} is {@code List}. */
    static String erase(Node t) {
        String s = t.toString().replaceAll("@[\\w.]+(\\([^)]*\\))?\\s*", "");
        int depth = 0;
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0) {
                b.append(ch);
            }
        }
        String r = b.toString().trim();
        int dot = r.lastIndexOf('.', r.indexOf('[') < 0 ? r.length() : r.indexOf('['));
        return dot >= 0 ? r.substring(dot + 1) : r;
    }

    private void report(String s) {
        mismatches.add(s);
    }
}
